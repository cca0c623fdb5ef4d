/**
 * The opt-in in-page card, the content script's side: it places Kith's own frame
 * (`card.html`, see CardFrame.tsx) in LinkedIn's page, in its flow (the right rail,
 * or under the profile's top card), so it never covers LinkedIn's own controls.
 * The frame is another origin: the page can neither read the notes in it (not even
 * with `window.find`) nor see what is typed there. This script tells the frame only
 * which profile is in view; the frame asks the background, which answers only
 * about the profile this tab shows.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { resolveLang, translate, type Lang } from '@/lib/i18n';
import type { CardToggleMessage } from '@/lib/messages/types';
import { normalizeSettings } from '@/lib/settings/normalize';
import { isProfileTopCardFor, PROFILE_READY_SELECTORS, readLinkedInProfile } from '@/lib/sites/linkedin';
import { waitForElement } from '@/lib/sites/dom';
import { storedSettings, whileOn } from '@/lib/content/site-switch';
import { linkedInHandleFromUrl } from '@/lib/sites/identity';
import { mountFrame, type FrameHost } from './frame-host';

/** Where the card goes: LinkedIn's right rail, else right after the profile's top card. */
const ANCHORS: { selector: string; append: 'first' | 'after' }[] = [
  // Ember 2023-2025 profile layout
  { selector: 'aside.scaffold-layout__aside', append: 'first' },
  // Any layout with a top card section
  { selector: 'section[data-member-id]', append: 'after' },
  { selector: 'main section', append: 'after' },
];

/** The background asks the card to show or hide (the keyboard shortcut). */
export function isCardToggle(msg: unknown): msg is CardToggleMessage {
  return !!msg && typeof msg === 'object' && (msg as Partial<CardToggleMessage>).type === 'card/toggle';
}

/** The in-page card and nudge show only while LinkedIn is on and the user chose "inside the page". */
export function inPageWanted(raw: unknown): boolean {
  const s = normalizeSettings(raw);
  return s.sites.linkedin && s.placement.linkedin === 'inpage';
}

/** The language of the words this script puts in the page itself (the frame's title, "refresh this page"). */
export async function pageLang(): Promise<Lang> {
  const got = (await browser.storage.local.get('settings')) as { settings?: unknown };
  return resolveLang(normalizeSettings(got.settings).language, browser.i18n.getUILanguage());
}

export async function mountInPageCard(ctx: ContentScriptContext): Promise<void> {
  let current: FrameHost | undefined;
  let lastHandle = '';
  let lang: Lang = 'en';
  void pageLang().then(
    (l) => (lang = l),
    () => undefined,
  );

  // Kith reloaded or updated: its frame is gone with it; the card says "refresh this page"
  // (the context notices within a second). Text of Kith's own, nothing about the person.
  ctx.onInvalidated(() => {
    if (browser.runtime?.id == null) current?.replaceWithText(translate(lang, 'card_refresh'));
  });

  let controller: AbortController | undefined;
  /** Only while LinkedIn is on and "inside the page" chosen (see below). */
  let wanted = false;
  const show = async (url: string) => {
    controller?.abort();
    if (!wanted || ctx.isInvalid) return;
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
    const found = ANCHORS.find((a) => document.querySelector(a.selector));
    const anchor = (found && document.querySelector(found.selector)) ?? document.querySelector('main') ?? document.body;
    current = mountFrame({
      tag: 'kith-card',
      query: { mode: 'card', identity: JSON.stringify(identity) },
      title: translate(lang, 'card_title'),
      anchor,
      append: found?.append ?? 'first',
    });
  };

  ctx.addEventListener(window, 'wxt:locationchange', (e) => void show(e.newUrl.href));
  const onMessage = (msg: unknown) => {
    if (isCardToggle(msg)) current?.post({ type: 'card/toggle' });
  };
  browser.runtime.onMessage.addListener(onMessage);
  // Turned off in the options (LinkedIn off, or notes back in the side panel): the
  // card leaves the page at once, and comes back if turned on again, with no refresh.
  // (Not stopped when Kith is reloaded: the card then stays to say "refresh this page".)
  whileOn(inPageWanted, storedSettings(), new AbortController().signal, (signal) => {
    wanted = true;
    void pageLang().then(
      (l) => (lang = l),
      () => undefined,
    );
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
