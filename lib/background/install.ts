/** Install and update: durable storage, the welcome page, and the LinkedIn tabs already open. */
import { browser } from 'wxt/browser';
import { requestPersistence } from '@/lib/db/errors';
import type { Platform } from '@/lib/platform/browser';
import type { BackgroundEnv } from './env';
import { warnFailed } from '@/lib/platform/warn';

/** The manifest's LinkedIn script, started again in the LinkedIn tabs already open: background tabs first, the one in view last (its profile is what the side panel shows). */
async function reinjectLinkedIn(platform: Platform): Promise<void> {
  const scripting = platform.scripting;
  if (!scripting) return;
  const tabs = await browser.tabs.query({ url: 'https://www.linkedin.com/*' });
  const file = browser.runtime.getManifest().content_scripts?.find((c) => c.matches?.some((m) => m.includes('linkedin.com')))?.js?.[0];
  if (!file) return;
  const order = [...tabs.filter((t) => !t.active), ...tabs.filter((t) => t.active)];
  for (const tab of order) {
    if (tab.id === undefined || tab.discarded) continue;
    // A tab that navigated away meanwhile, or a page the browser protects: skipped.
    await scripting.executeScript({ target: { tabId: tab.id }, files: [file] }).catch(() => undefined);
  }
}

export function register(env: BackgroundEnv): void {
  browser.runtime.onInstalled.addListener((details) => {
    void requestPersistence();
    // After an update (or a reload) the LinkedIn tabs already open keep a script
    // that can no longer reach Kith: start the current one there, so the side
    // panel follows them without a refresh. (The opt-in in-page card asks for a
    // refresh instead: it would otherwise show twice.) The other sites' tabs: `sites.ts`.
    if (details.reason === 'update') void reinjectLinkedIn(env.platform).catch(warnFailed('starting the LinkedIn script in open tabs'));
    // First run: the welcome page. On update nothing pops up (no change so far
    // needs the user's decision).
    if (details.reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
  });
}
