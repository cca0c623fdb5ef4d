/**
 * "Kith: show notes for <name>" on LinkedIn profile pages and on links to profiles:
 * opens Kith's panel and shows that person there.
 */
import { browser } from 'wxt/browser';
import { findPersonByProfile } from '@/lib/db/read';
import { translate } from '@/lib/i18n';
import type { PageIdentity } from '@/lib/model/types';
import { openPanel } from '@/lib/platform/browser';
import { linkedInHandleFromUrl } from '@/lib/sites/identity';
import { uiLang, type BackgroundEnv } from './env';
import { setView } from './view';

const MENU_PAGE = 'kith-page';
const MENU_LINK = 'kith-link';
const PROFILE_PATTERNS = ['https://www.linkedin.com/in/*'];

function createContextMenus(env: BackgroundEnv): void {
  void browser.contextMenus.removeAll().then(() => {
    const title = translate(uiLang(env.state.settings), 'menu_show_notes_link');
    browser.contextMenus.create({ id: MENU_PAGE, title, contexts: ['page'], documentUrlPatterns: PROFILE_PATTERNS });
    browser.contextMenus.create({ id: MENU_LINK, title, contexts: ['link'], targetUrlPatterns: PROFILE_PATTERNS });
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

async function onMenuClicked(
  env: BackgroundEnv,
  info: { menuItemId: string | number; linkUrl?: string; pageUrl?: string },
  tab?: { id?: number; windowId?: number },
): Promise<void> {
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
