/** The messages from Kith's pages and content scripts, checked by the router and answered by `handlers.ts`. */
import { browser } from 'wxt/browser';
import { createListener } from '../messages/router';
import { refreshBadge } from './badge';
import { exportBackupText } from './data';
import { deleteAllData } from '../db/writes';
import { writeContext, type BackgroundEnv } from './env';
import { createHandler } from './handlers';
import { showInView } from './menus';

export function register(env: BackgroundEnv): void {
  const { db, platform } = env;
  const listener = createListener(
    createHandler({
      db,
      ctx: () => writeContext(env),
      setView: (windowId, tabId, identity) => showInView(env, windowId, tabId, identity),
      refreshBadge: () => refreshBadge(env),
      tabUrl: async (tabId) => (await browser.tabs.get(tabId)).url,
      siteOn: async (site) => (await env.settings.get()).sites[site],
      exportAll: () => exportBackupText(db),
      deleteAll: () => deleteAllData(db),
      // Chrome's side panel only: Firefox opens its sidebar only inside a user's gesture, which a message is not.
      openPanel: async (windowId) => {
        if (platform.sidePanel && windowId !== undefined) await platform.sidePanel.open({ windowId });
      },
    }),
    { id: browser.runtime.id, origin: browser.runtime.getURL('/') },
  );
  browser.runtime.onMessage.addListener(listener as never);
}
