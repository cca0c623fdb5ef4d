/**
 * "Kith: show notes for <name>" on LinkedIn profile pages and on links to profiles:
 * opens Kith's panel and shows that person there. On any page, "Kith: save as a
 * note about…" on selected text and "Kith: add to a person…" on `mailto:` and
 * `tel:` links: the panel opens on a picker with what was captured (kept in
 * session storage, `lib/ui/capture.ts`). Neither needs a host permission: the
 * browser hands the menu's click the text and the addresses.
 */
import { browser } from 'wxt/browser';
import { findPersonByProfile } from '@/lib/db/read';
import { translate } from '@/lib/i18n';
import type { PageIdentity } from '@/lib/model/types';
import { openPanel } from '@/lib/platform/browser';
import { linkedInHandleFromUrl } from '@/lib/sites/identity';
import { captureFromMenu, pendingCaptureItem } from '@/lib/ui/capture';
import { warnFailed } from '@/lib/platform/warn';
import { uiLang, type BackgroundEnv } from './env';
import { setView } from './view';

const MENU_PAGE = 'kith-page';
const MENU_LINK = 'kith-link';
const MENU_SELECTION = 'kith-capture-note';
const MENU_CONTACT = 'kith-capture-contact';
const PROFILE_PATTERNS = ['https://www.linkedin.com/in/*'];
const CONTACT_PATTERNS = ['mailto:*', 'tel:*'];

/** A menu entry whose creation may be refused (a browser that takes no `mailto:` pattern) without an unhandled error. */
function createMenu(props: Parameters<typeof browser.contextMenus.create>[0]): void {
  const failed = warnFailed(`creating the menu entry ${String(props.id)}`);
  try {
    browser.contextMenus.create(props, () => {
      const err = browser.runtime.lastError;
      if (err) failed(err);
    });
  } catch (err) {
    // Firefox checks the patterns at once and throws.
    failed(err);
  }
}

function createContextMenus(env: BackgroundEnv): void {
  void browser.contextMenus.removeAll().then(() => {
    const title = translate(uiLang(env.state.settings), 'menu_show_notes_link');
    const lang = uiLang(env.state.settings);
    browser.contextMenus.create({ id: MENU_PAGE, title, contexts: ['page'], documentUrlPatterns: PROFILE_PATTERNS });
    browser.contextMenus.create({ id: MENU_LINK, title, contexts: ['link'], targetUrlPatterns: PROFILE_PATTERNS });
    createMenu({ id: MENU_SELECTION, title: translate(lang, 'capture_menu_note'), contexts: ['selection'] });
    createMenu({ id: MENU_CONTACT, title: translate(lang, 'capture_menu_contact'), contexts: ['link'], targetUrlPatterns: CONTACT_PATTERNS });
  });
}

/** The page's menu entry names the person in view. */
export function nameInMenu(env: BackgroundEnv, identity: PageIdentity | null): void {
  if (identity?.site !== 'linkedin' || !identity.name) return;
  const title = translate(uiLang(env.state.settings), 'menu_show_notes_for', { name: identity.name });
  // Before the menu is created (a worker just woken) there is nothing to rename;
  // the next profile in view renames it.
  void Promise.resolve(browser.contextMenus.update(MENU_PAGE, { title })).catch(() => undefined);
}

/** The profile in view (`view.ts`), named in the page's menu entry too. */
export async function showInView(env: BackgroundEnv, windowId: number | undefined, tabId: number | undefined, identity: PageIdentity | null): Promise<void> {
  await setView(env, windowId, tabId, identity);
  nameInMenu(env, identity);
}

/** What the menu's click gives the listener (the fields Kith reads). */
export interface MenuClick {
  menuItemId: string | number;
  linkUrl?: string;
  pageUrl?: string;
  selectionText?: string;
}

/** A text or a contact captured: the panel opens (inside the click) on the picker, which the capture waits for. */
async function onCapture(env: BackgroundEnv, info: MenuClick, tab?: { windowId?: number; title?: string }): Promise<void> {
  const opening = openPanel(env.platform, tab?.windowId);
  const capture = captureFromMenu(info.menuItemId === MENU_SELECTION ? 'selection' : 'contact', info, tab, env.now());
  if (capture) await pendingCaptureItem.setValue(capture);
  // The panel may refuse (a window without one): the capture waits for the next time it opens.
  await opening?.catch(() => undefined);
}

export async function onMenuClicked(env: BackgroundEnv, info: MenuClick, tab?: { id?: number; windowId?: number; title?: string }): Promise<void> {
  if (info.menuItemId === MENU_SELECTION || info.menuItemId === MENU_CONTACT) return onCapture(env, info, tab);
  if (info.menuItemId !== MENU_PAGE && info.menuItemId !== MENU_LINK) return;
  // First, inside the user's gesture: open the panel.
  const opening = openPanel(env.platform, tab?.windowId);
  const url = info.menuItemId === MENU_LINK ? info.linkUrl : info.pageUrl;
  const handle = url ? linkedInHandleFromUrl(url) : undefined;
  if (handle) {
    const found = await findPersonByProfile(env.db, 'linkedin', handle);
    const identity: PageIdentity = {
      site: 'linkedin',
      handle,
      url: `https://www.linkedin.com/in/${encodeURIComponent(handle)}/`,
      ...(found ? { name: found.person.name } : {}),
    };
    await showInView(env, tab?.windowId, info.menuItemId === MENU_PAGE ? tab?.id : undefined, identity);
  }
  // The panel may refuse (a window without one): the person is in view all the same.
  await opening?.catch(() => undefined);
}

export function register(env: BackgroundEnv): void {
  browser.runtime.onInstalled.addListener(() => createContextMenus(env));
  browser.contextMenus.onClicked.addListener((info, tab) => void onMenuClicked(env, info, tab));
}
