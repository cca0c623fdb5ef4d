/** The messages from Kith's pages and content scripts, checked by the router and answered by `handlers.ts`. */
import { browser } from 'wxt/browser';
import { createListener } from '@/lib/messages/router';
import { refreshBadge } from './badge';
import { exportBackupText } from './data';
import { deleteAllData } from '@/lib/db/writes';
import { writeContext, type BackgroundEnv } from './env';
import { createHandler } from './handlers';
import { showInView } from './menus';
import { syncServiceOf } from './sync';
import { searchQuery } from './search';

export function register(env: BackgroundEnv): void {
  const { db, platform } = env;
  const own = { id: browser.runtime.id, origin: browser.runtime.getURL('/') };
  const listener = createListener(
    createHandler({
      db,
      ctx: () => writeContext(env),
      setView: (windowId, tabId, identity) => showInView(env, windowId, tabId, identity),
      refreshBadge: () => refreshBadge(env),
      tabUrl: async (tabId) => (await browser.tabs.get(tabId)).url,
      // The top document's links, read in the tab itself (Kith has host access to the sites it reads).
      pageLinks: async (tabId) => {
        const [frame] = await browser.scripting.executeScript({
          target: { tabId, frameIds: [0] },
          func: () => Array.from(document.querySelectorAll('a[href]'), (a) => (a as HTMLAnchorElement).href).slice(0, 20_000),
        });
        const hrefs: unknown = frame?.result;
        return Array.isArray(hrefs) ? hrefs.filter((h): h is string => typeof h === 'string') : [];
      },
      siteOn: async (site) => (await env.settings.get()).sites[site],
      exportAll: () => exportBackupText(db),
      deleteAll: () => deleteAllData(db),
      search: (query, limit, fresh) => searchQuery(env, query, limit, fresh),
      // Chrome's side panel only: Firefox opens its sidebar only inside a user's gesture, which a message is not.
      openPanel: async (windowId) => {
        if (platform.sidePanel && windowId !== undefined) await platform.sidePanel.open({ windowId });
      },
      sync: () => syncServiceOf(env),
      ownOrigin: own.origin,
    }),
    own,
  );
  browser.runtime.onMessage.addListener(listener as never);
}
