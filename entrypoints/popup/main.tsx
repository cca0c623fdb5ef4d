import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { PopupApp, type PopupBoot } from '../../components/PopupApp';
import { applyPageSettings } from '../../components/useSettings';
import { normalizeSettings } from '../../lib/settings/normalize';
import { REACH_SNAPSHOT_KEY, type ReachSnapshot } from '../../lib/ui/reach-snapshot';

type Early = Promise<[unknown, unknown]>;

/**
 * The settings and today's snapshot, read by public/popup-boot.js while React was
 * loading (or here, if it did not run): the first render then has everything it
 * paints, with no "loading" step in between.
 */
async function boot(): Promise<PopupBoot> {
  const early = (globalThis as { __kithPopupBoot?: Early }).__kithPopupBoot;
  const [settings, snapshot] = await (early ??
    Promise.all([browser.storage.local.get('settings').then((g) => g.settings), browser.storage.session.get(REACH_SNAPSHOT_KEY).then((g) => g[REACH_SNAPSHOT_KEY])])).catch(
    () => [undefined, undefined] as const,
  );
  return { settings: normalizeSettings(settings), snapshot: (snapshot as ReachSnapshot | undefined) ?? null };
}

void boot().then((b) => {
  applyPageSettings(b.settings, 'actionTitle');
  createRoot(document.getElementById('root')!).render(<PopupApp boot={b} />);
});
