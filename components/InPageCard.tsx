/**
 * The opt-in in-page card: the same person panel, inside LinkedIn's page, in a
 * closed Shadow DOM (a script in the page's own world cannot reach into it). It
 * sits in the page's flow (the right rail, or under the top card), so it never
 * covers LinkedIn's own controls. Its data comes from the background, which only
 * answers about the profile this tab shows.
 */
import { useCallback, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ErrorBoundary } from './ErrorBoundary';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { PersonView } from '../lib/db/read';
import { resolveLang } from '../lib/i18n';
import type { CardToggleMessage, Message, ReplyData, ReplyTo } from '../lib/messages/types';
import type { Settings } from '../lib/model/settings';
import type { PageIdentity } from '../lib/model/types';
import { normalizeSettings, resolveTimeZone } from '../lib/settings/normalize';
import { isProfileTopCardFor, PROFILE_READY_SELECTORS, readLinkedInProfile } from '../lib/sites/linkedin';
import { waitForElement } from '../lib/sites/dom';
import { storedSettings, whileOn } from '../lib/content/site-switch';
import { linkedInHandleFromUrl } from '../lib/sites/identity';
import { PersonPanel, type PanelActions } from './PersonPanel';
import { putSettings, useSettings, useSettingsLoaded } from './settings-store';
import { useNow } from './useSettings';
import { useT, useUiStore } from './i18n';

/** Where the card goes: LinkedIn's right rail, else right after the profile's top card. */
const ANCHORS: { selector: string; append: 'first' | 'after' }[] = [
  // Ember 2023-2025 profile layout
  { selector: 'aside.scaffold-layout__aside', append: 'first' },
  // Any layout with a top card section
  { selector: 'section[data-member-id]', append: 'after' },
  { selector: 'main section', append: 'after' },
];

/** The stylesheet was written for a page (:root); inside a shadow root the host plays that part. */
export function shadowCss(css: string): string {
  return css
    .replace(/:root\[data-theme='dark'\]/g, ":host([data-theme='dark'])")
    .replace(/:root:not\(\[data-theme='light'\]\)/g, ":host(:not([data-theme='light']))")
    .replace(/:root/g, ':host')
    .concat('\n:host { display: block; margin: 0 0 12px; } .kith-card { border: 1px solid var(--line); border-radius: 10px; background: var(--bg); color: var(--fg); padding: 10px 12px; font: 14px/1.45 system-ui, sans-serif; max-width: 420px; }');
}

async function ask<M extends Message>(msg: M): Promise<ReplyData<M['type']>> {
  const reply = (await browser.runtime.sendMessage(msg)) as ReplyTo<M['type']> | undefined;
  if (!reply) throw new Error('no-reply');
  if (!reply.ok) throw new Error(reply.error);
  return reply.data;
}

/** The background asks the card to show or hide (the keyboard shortcut). */
export function isCardToggle(msg: unknown): msg is CardToggleMessage {
  return !!msg && typeof msg === 'object' && (msg as Partial<CardToggleMessage>).type === 'card/toggle';
}

function CardApp({ ctx, identity, theme }: { ctx: ContentScriptContext; identity: PageIdentity; theme: (t: Settings['theme']) => void }) {
  const t = useT();
  const setLang = useUiStore((s) => s.setLang);
  const [view, setView] = useState<PersonView | null | undefined>(undefined);
  const loaded = useSettingsLoaded();
  const timeZone = useSettings(resolveTimeZone);
  const circles = useSettings((s) => s.circles);
  const [invalid, setInvalid] = useState(ctx.isInvalid);
  const [open, setOpen] = useState(true);
  const [error, setError] = useState<string>();
  const now = useNow();

  const reload = useCallback(async () => {
    try {
      setView(await ask({ type: 'card/view', site: identity.site, handle: identity.handle }));
    } catch {
      if (ctx.isInvalid) setInvalid(true);
      else setError('error_generic');
    }
  }, [ctx, identity.site, identity.handle]);

  useEffect(() => {
    void reload();
    ctx.onInvalidated(() => setInvalid(true));
    // The card's one read of the settings feeds its store (a content script has no page root to connect it).
    void browser.storage.local.get('settings').then((got) => {
      const s = normalizeSettings((got as { settings?: unknown }).settings);
      putSettings(s);
      setLang(resolveLang(s.language, browser.i18n.getUILanguage()));
      theme(s.theme);
    });
    const onMessage = (msg: unknown) => {
      if (isCardToggle(msg)) setOpen((o) => !o);
    };
    browser.runtime.onMessage.addListener(onMessage);
    return () => browser.runtime.onMessage.removeListener(onMessage);
  }, [ctx, reload, setLang, theme]);

  if (invalid) {
    return (
      <div className="kith-card" role="status">
        {t('card_refresh')}
      </div>
    );
  }
  if (!open) {
    return (
      <div className="kith-card">
        <button type="button" onClick={() => setOpen(true)}>
          {t('card_show')}
        </button>
      </div>
    );
  }
  if (view === undefined || !loaded) return null;
  const run = async (fn: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await fn();
      await reload();
    } catch {
      if (ctx.isInvalid) setInvalid(true);
      else setError('error_generic');
    }
  };
  const ref = { site: identity.site, handle: identity.handle };
  const actions: PanelActions = {
    onAdd: ({ name, howWeMet }) => run(() => ask({ type: 'person/add', identity: { ...identity, name }, howWeMet })),
    onLogTouch: ({ channel, at, note }) => run(() => ask({ type: 'touch/add', ...ref, channel, depth: 'personal', at: Math.round(at), ...(note.trim() ? { note } : {}) })),
    onAddNote: ({ kind, text, dueAt }) => run(() => ask({ type: 'note/add', ...ref, kind, text, ...(dueAt !== undefined ? { dueAt: Math.round(dueAt) } : {}) })),
    onFollowUpDone: (noteId, done) => run(() => ask({ type: 'note/done', ...ref, noteId, done })),
  };
  const common = { now, timeZone, circles, actions, error };
  return (
    <div className="kith-card">
      <div className="row">
        <span className="grow muted small">{t('card_title')}</span>
        <button type="button" className="link" onClick={() => setOpen(false)}>
          {t('card_hide')}
        </button>
      </div>
      {view ? <PersonPanel state="known" view={view} identity={identity} {...common} /> : <PersonPanel state="unknown" identity={identity} {...common} />}
    </div>
  );
}

/**
 * The context handed to WXT's shadow-root UI. WXT removes the UI as soon as the
 * context is invalidated; that is right when a newer copy of this script took
 * over the page, but when Kith itself was reloaded or updated the card must stay
 * and say "refresh this page" (CardApp shows it), not vanish without a word.
 */
function uiContext(ctx: ContentScriptContext): ContentScriptContext {
  return Object.create(ctx, {
    onInvalidated: {
      value: (cb: () => void) =>
        ctx.onInvalidated(() => {
          if (browser.runtime?.id != null) cb();
        }),
    },
  }) as ContentScriptContext;
}

/** The in-page card and nudge show only while LinkedIn is on and the user chose "inside the page". */
export function inPageWanted(raw: unknown): boolean {
  const s = normalizeSettings(raw);
  return s.sites.linkedin && s.placement.linkedin === 'inpage';
}

export async function mountInPageCard(ctx: ContentScriptContext, css: string): Promise<void> {
  // Nothing else asks the context whether Kith is still there (LinkedIn's in-page
  // navigation is watched with the Navigation API, not by polling): ask every
  // second, so that a reload or update of Kith turns the card into "refresh this
  // page" at once instead of leaving stale notes and dead buttons.
  ctx.setInterval(() => undefined, 1000);
  let current: { remove: () => void } | undefined;
  let lastHandle = '';

  let controller: AbortController | undefined;
  /** Only while LinkedIn is on and "inside the page" chosen (see below). */
  let wanted = false;
  const show = async (url: string) => {
    controller?.abort();
    if (!wanted) return;
    const ac = new AbortController();
    controller = ac;
    if (linkedInHandleFromUrl(url)) {
      // After in-page navigation the previous profile's card is on screen for a moment.
      await waitForElement(document, PROFILE_READY_SELECTORS, ac.signal, 4000, () => isProfileTopCardFor(url, document));
      if (ac.signal.aborted) return;
    }
    const identity = readLinkedInProfile(url, document);
    if (identity?.handle === lastHandle && current) return;
    current?.remove();
    current = undefined;
    lastHandle = identity?.handle ?? '';
    if (!identity) return;
    const anchor = ANCHORS.find((a) => document.querySelector(a.selector));
    const ui = await createShadowRootUi(uiContext(ctx), {
      name: 'kith-card',
      position: 'inline',
      anchor: anchor?.selector ?? 'main',
      append: anchor?.append ?? 'first',
      mode: 'closed',
      css: shadowCss(css),
      // Typing in the card must not trigger LinkedIn's keyboard shortcuts.
      isolateEvents: true,
      onMount(container, _shadow, host) {
        const root = createRoot(container);
        const theme = (th: Settings['theme']) => {
          if (th === 'system') delete host.dataset.theme;
          else host.dataset.theme = th;
        };
        root.render(
          <ErrorBoundary wayOut={{}}>
            <CardApp ctx={ctx} identity={identity} theme={theme} />
          </ErrorBoundary>,
        );
        return root;
      },
      onRemove(root) {
        root?.unmount();
      },
    });
    if (ac.signal.aborted) return;
    ui.mount();
    current = ui;
  };

  ctx.addEventListener(window, 'wxt:locationchange', (e) => void show(e.newUrl.href));
  // Turned off in the options (LinkedIn off, or notes back in the side panel): the
  // card leaves the page at once, and comes back if turned on again, with no refresh.
  // (Not stopped when Kith is reloaded: the card then stays to say "refresh this page".)
  whileOn(inPageWanted, storedSettings(), new AbortController().signal, (signal) => {
    wanted = true;
    void show(location.href);
    signal.addEventListener('abort', () => {
      wanted = false;
      controller?.abort();
      current?.remove();
      current = undefined;
      lastHandle = '';
    });
  });
}
