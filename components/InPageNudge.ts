/**
 * The in-page nudge, part of the opt-in in-page card script: present only when the
 * user chose "inside the page" for LinkedIn. The background hands it a nudge it
 * just raised for this tab (`nudge/show`); this shows the side panel's words in
 * Kith's own frame (`card.html`, which the page cannot read), in the page's flow
 * (right after the post, else at the top of `main`), never floating over LinkedIn's
 * controls. Dismissed with its button or Escape (focus in the card), or muted with "not for this
 * person" / "not this kind", like the side panel's: the background takes these only
 * for the nudge it handed to this tab (`nudge/card-dismiss`), and clears the side
 * panel's copy too. Answered in the side panel, the background takes it down here
 * (`nudge/hide`).
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { translate } from '@/lib/i18n';
import type { NudgeCardDismissMessage, NudgeHideMessage, NudgeShowMessage } from '@/lib/messages/types';
import { inPageWanted, pageLang } from './InPageCard';
import { storedSettings, whileOn } from '@/lib/content/site-switch';
import { mountFrame, type FrameHost } from './frame-host';
import { warnFailed } from '@/lib/platform/warn';

export function isNudgeShow(msg: unknown): msg is NudgeShowMessage {
  if (!msg || typeof msg !== 'object') return false;
  const m = msg as Partial<NudgeShowMessage>;
  return m.type === 'nudge/show' && typeof m.name === 'string' && !!m.nudge && typeof m.nudge === 'object' && typeof m.nudge.id === 'string';
}

export function isNudgeHide(msg: unknown): msg is NudgeHideMessage {
  return (
    !!msg && typeof msg === 'object' && (msg as Partial<NudgeHideMessage>).type === 'nudge/hide' && typeof (msg as Partial<NudgeHideMessage>).id === 'string'
  );
}

/** The post a reaction was on, found by its urn; else nothing (the card goes to the top of `main`). */
function postElement(postKey: string | undefined): Element | undefined {
  if (!postKey || postKey.startsWith('text:')) return undefined;
  return document.querySelector(`[data-urn="${CSS.escape(postKey)}"]`) ?? undefined;
}

export function mountInPageNudges(ctx: ContentScriptContext): void {
  let current: { id: string; frame: FrameHost } | undefined;
  let latest = 0;
  const close = () => {
    current?.frame.remove();
    current = undefined;
  };
  /** The user answered the card: it goes, and the background clears (and mutes) that nudge everywhere. */
  const answer = (mute?: 'person' | 'kind') => {
    if (!current) return;
    const msg: NudgeCardDismissMessage = { type: 'nudge/card-dismiss', id: current.id, ...(mute ? { mute } : {}) };
    close();
    if (!ctx.isInvalid) void browser.runtime.sendMessage(msg).catch(warnFailed('dismissing the nudge'));
  };

  const show = async (msg: NudgeShowMessage) => {
    const mine = ++latest;
    const got = (await browser.storage.local.get('settings')) as { settings?: unknown };
    if (!inPageWanted(got.settings) || ctx.isInvalid || mine !== latest) return;
    const lang = await pageLang();
    if (mine !== latest) return;
    close();
    const post = postElement(msg.postKey);
    // The reaction button the user just pressed, to return to when the card goes.
    const before = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : undefined;
    const frame = mountFrame({
      tag: 'kith-nudge',
      query: { mode: 'nudge' },
      title: translate(lang, 'card_title'),
      anchor: post ?? document.querySelector('main') ?? document.body,
      append: post ? 'after' : 'first',
      returnFocus: () => (before?.isConnected ? before : undefined),
      // The frame says only which button was pressed (or Escape): the answer is sent from here, the nudge's tab.
      onMessage: (m) => {
        if (m.type === 'answer') answer(m.mute);
      },
    });
    // Name, phone and last note go to Kith's frame only, over its own channel.
    frame.post({ type: 'nudge', show: msg });
    current = { id: msg.nudge.id, frame };
  };

  const onMessage = (msg: unknown) => {
    if (isNudgeShow(msg)) void show(msg);
    else if (isNudgeHide(msg) && current?.id === msg.id) close();
  };
  browser.runtime.onMessage.addListener(onMessage);
  ctx.onInvalidated(() => {
    browser.runtime.onMessage.removeListener(onMessage);
    close();
  });
  // A moment belongs to the page it happened on.
  ctx.addEventListener(window, 'wxt:locationchange', close);
  // Turned off in the options: a card on screen goes at once.
  whileOn(inPageWanted, storedSettings(), new AbortController().signal, (signal) => signal.addEventListener('abort', close));
}
