/**
 * The in-page card and the in-page nudge, as they render inside their own frame
 * (`card.html`, an extension page) in LinkedIn's page. The frame is another origin:
 * LinkedIn's scripts can neither read its text (not even with `window.find`) nor
 * see the keys typed into it. The content script that placed the frame says only
 * which profile is in view (in the frame's URL) and, for a nudge, hands over what
 * the background sent it, through a MessageChannel posted to the frame's own origin.
 * The card asks the background for its data, which answers only about the profile
 * the frame's own tab shows. Back through the channel go only the frame's height
 * and a nudge's answer, never a word of what the card shows or the user types.
 */
import { PageErrorBoundary } from './PageErrorBoundary';
import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import type { PersonView } from '@/lib/db/read';
import type { Message, NudgeShowMessage, ReplyData, ReplyTo } from '@/lib/messages/types';
import { PORT_HELLO, type FromFrame, type ToFrame } from './CardFrame.types';
import type { PageIdentity } from '@/lib/model/types';
import { resolveTimeZone } from '@/lib/settings/normalize';
import { isNudgeShow } from './InPageNudge';
import { NudgeCard } from './NudgeCard';
import { PersonPanel, type PanelActions } from './PersonPanel';
import { useSettings } from './settings-store';
import { useNow, usePageSettings } from './useSettings';
import { useT } from './i18n';
import { offerUndo, ToastHost } from './toast';

async function ask<M extends Message>(msg: M): Promise<ReplyData<M['type']>> {
  const reply = (await browser.runtime.sendMessage(msg)) as ReplyTo<M['type']> | undefined;
  if (!reply) throw new Error('no-reply');
  if (!reply.ok) throw new Error(reply.error);
  return reply.data;
}

/**
 * The channel to the content script: the first port the frame's parent hands over
 * (one for the frame's life). Listened for as soon as the page loads, before React
 * renders: the parent hands it over at the frame's `load` event.
 */
const channel: { port?: MessagePort; listeners: Set<(p: MessagePort) => void> } = { listeners: new Set() };
if (typeof window !== 'undefined') {
  const onHello = (e: MessageEvent) => {
    if (channel.port || e.source !== window.parent || (e.data as { type?: unknown } | null)?.type !== PORT_HELLO || !e.ports[0]) return;
    channel.port = e.ports[0];
    window.removeEventListener('message', onHello);
    for (const l of channel.listeners) l(channel.port);
  };
  window.addEventListener('message', onHello);
}

function useParentChannel(): { last: ToFrame | undefined; toggles: number; post: (m: FromFrame) => void } {
  const [port, setPort] = useState<MessagePort | undefined>(channel.port);
  const [last, setLast] = useState<ToFrame>();
  const [toggles, setToggles] = useState(0);
  useEffect(() => {
    if (channel.port) setPort(channel.port);
    channel.listeners.add(setPort);
    return () => void channel.listeners.delete(setPort);
  }, []);
  useEffect(() => {
    if (!port) return;
    const onMessage = (m: MessageEvent) => {
      const data = m.data as Partial<ToFrame> | null;
      if (data?.type === 'card/toggle') setToggles((n) => n + 1);
      else if (data?.type === 'nudge' && isNudgeShow(data.show)) setLast(data as ToFrame);
    };
    port.addEventListener('message', onMessage);
    // Messages sent before this are held by the port until it starts.
    port.start();
    return () => port.removeEventListener('message', onMessage);
  }, [port]);
  // The frame is as tall as what it shows, so it sits in the page's flow without a scrollbar.
  useEffect(() => {
    if (!port) return;
    const send = () => port.postMessage({ type: 'height', px: Math.ceil(document.body.getBoundingClientRect().height) } satisfies FromFrame);
    const ro = new ResizeObserver(send);
    ro.observe(document.body);
    send();
    return () => ro.disconnect();
  }, [port]);
  const post = useCallback((m: FromFrame) => port?.postMessage(m), [port]);
  return { last, toggles, post };
}

/** The profile in view, as the content script read it from the page (the background checks the tab shows it). */
function identityFromUrl(): PageIdentity | undefined {
  const q = new URLSearchParams(location.search);
  try {
    const raw = JSON.parse(q.get('identity') ?? 'null') as Record<string, unknown> | null;
    if (!raw || typeof raw.site !== 'string' || typeof raw.handle !== 'string' || typeof raw.url !== 'string') return undefined;
    const out: Record<string, string> = {};
    for (const key of ['site', 'handle', 'url', 'name', 'headline', 'location', 'photoUrl'] as const) {
      if (typeof raw[key] === 'string') out[key] = raw[key];
    }
    return out as unknown as PageIdentity;
  } catch {
    return undefined;
  }
}

function Card({ identity, toggles }: { identity: PageIdentity; toggles: number }) {
  const t = useT();
  const [view, setView] = useState<PersonView | null | undefined>(undefined);
  const timeZone = useSettings(resolveTimeZone);
  const circles = useSettings((s) => s.circles);
  const [hidden, setHidden] = useState(false);
  const [error, setError] = useState<string>();
  const now = useNow();

  const reload = useCallback(async () => {
    try {
      setView(await ask({ type: 'card/view', site: identity.site, handle: identity.handle }));
    } catch {
      setError('error_generic');
    }
  }, [identity.site, identity.handle]);

  useEffect(() => {
    void reload();
  }, [reload]);
  // The keyboard shortcut, passed on by the content script.
  useEffect(() => {
    if (toggles > 0) setHidden((h) => !h);
  }, [toggles]);

  if (hidden) {
    return (
      <div className="kith-card">
        <button type="button" onClick={() => setHidden(false)}>
          {t('card_show')}
        </button>
      </div>
    );
  }
  if (view === undefined) return null;
  const run = async (fn: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await fn();
      await reload();
    } catch {
      setError('error_generic');
    }
  };
  const ref = { site: identity.site, handle: identity.handle };
  const name = view?.person.name ?? identity.name ?? identity.handle;
  /** The background ran the write with undo and handed back a token for it. */
  const undoable = (write: () => Promise<{ undo?: string | undefined }>, text: string) =>
    run(async () => {
      const token = (await write()).undo;
      if (token)
        offerUndo(text, async () => {
          await ask({ type: 'undo/apply', token });
          await reload();
        });
    });
  const actions: PanelActions = {
    onAdd: ({ name, howWeMet }) => run(() => ask({ type: 'person/add', identity: { ...identity, name }, howWeMet })),
    onLogTouch: ({ channel, at, note }) =>
      undoable(
        () => ask({ type: 'touch/add', ...ref, channel, depth: 'personal', at: Math.round(at), ...(note.trim() ? { note } : {}) }),
        t('undo_logged', { name }),
      ),
    onAddNote: ({ kind, text, dueAt }) =>
      undoable(
        () => ask({ type: 'note/add', ...ref, kind, text, ...(dueAt !== undefined ? { dueAt: Math.round(dueAt) } : {}) }),
        t('undo_note_added', { name }),
      ),
    onFollowUpDone: (noteId, done) => run(() => ask({ type: 'note/done', ...ref, noteId, done })),
  };
  const common = { now, timeZone, circles, actions, error };
  return (
    <div className="kith-card">
      <div className="row">
        <span className="grow muted small">{t('card_title')}</span>
        <button type="button" className="link" onClick={() => setHidden(true)}>
          {t('card_hide')}
        </button>
      </div>
      {view ? <PersonPanel state="known" view={view} identity={identity} {...common} /> : <PersonPanel state="unknown" identity={identity} {...common} />}
      <ToastHost inline />
    </div>
  );
}

function Nudge({ show, answer }: { show: NudgeShowMessage | undefined; answer: (mute?: 'person' | 'kind') => void }) {
  // Escape with the focus in the card answers it, as its button does.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && show) answer();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [show, answer]);
  if (!show) return null;
  return (
    <div className="kith-card">
      <NudgeCard nudge={show.nudge} name={show.name} phone={show.phone} lastHeard={show.lastHeard} onDismiss={answer} />
    </div>
  );
}

/** The frame's page, inside the error boundary that keeps a way out when rendering fails. */
export function CardFrameApp() {
  return (
    <PageErrorBoundary>
      <CardFramePage />
    </PageErrorBoundary>
  );
}

function CardFramePage() {
  const loaded = usePageSettings('card_title');
  const { last, toggles, post } = useParentChannel();
  const mode = new URLSearchParams(location.search).get('mode');
  const answer = useCallback((mute?: 'person' | 'kind') => post({ type: 'answer', ...(mute ? { mute } : {}) }), [post]);
  if (!loaded) return null;
  if (mode === 'nudge') return <Nudge show={last?.type === 'nudge' ? last.show : undefined} answer={answer} />;
  const identity = identityFromUrl();
  return identity ? <Card identity={identity} toggles={toggles} /> : null;
}
