/**
 * The profile in view, per window, in `storage.session`: the side panel shows it.
 * Content scripts say what their tab shows (`view/set`); the context menu sets it
 * too. A site turned off lets go of the profile it last showed.
 */
import { storage } from 'wxt/utils/storage';
import type { Settings } from '@/lib/model/settings';
import type { PageIdentity } from '@/lib/model/types';
import { lastViewItem, VIEW_KEY_PREFIX, viewStorageKey, type ViewState } from '@/lib/ui/view-state';
import type { BackgroundEnv } from './env';
import { warnFailed } from '@/lib/platform/warn';

export async function setView(env: BackgroundEnv, windowId: number | undefined, tabId: number | undefined, identity: PageIdentity | null): Promise<void> {
  const key = viewStorageKey(windowId);
  const prev = await storage.getItem<ViewState>(key);
  if (!identity) {
    // The tab that showed the profile moved on: keep the person, mark it out of view.
    if (prev && prev.tabId === tabId && prev.inView) await storage.setItem<ViewState>(key, { ...prev, inView: false });
    return;
  }
  const next: ViewState = { identity, inView: true, at: env.now(), ...(tabId !== undefined ? { tabId } : {}) };
  await storage.setItems([
    { key, value: next },
    { item: lastViewItem, value: next },
  ]);
}

/** A site turned off: the side panel stops showing the profile it last read there. */
export async function forgetViewsOfSitesOff(s: Settings): Promise<void> {
  const all = await storage.snapshot('session');
  const gone = Object.entries(all)
    .filter(([key, v]) => key.startsWith(VIEW_KEY_PREFIX) && !s.sites[(v as ViewState | undefined)?.identity?.site ?? 'linkedin'])
    .map(([key]) => `session:${key}` as const);
  if (gone.length > 0) await storage.removeItems(gone);
}

export function register(env: BackgroundEnv): void {
  const forget = (s: Settings) => void forgetViewsOfSitesOff(s).catch(warnFailed('forgetting the views of sites turned off'));
  env.settings.watch(forget);
  void env.settings.get().then(forget, warnFailed('reading the settings'));
}
