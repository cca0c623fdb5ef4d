import { createRoot } from 'react-dom/client';
import { PopupApp, type PopupBoot } from '@/components/PopupApp';
import { putSettings } from '@/components/settings-store';
import { applyPageSettings } from '@/components/useSettings';
import { normalizeSettings } from '@/lib/settings/normalize';
import { getSettings } from '@/lib/settings/store';
import { readSnapshot, type ReachSnapshot } from '@/lib/ui/reach-snapshot';

/**
 * The settings and today's snapshot, read by the boot script (lib/ui/popup-boot.ts) while React was
 * loading (or here, if it did not run): the first render then has everything it
 * paints, with no "loading" step in between.
 */
async function boot(): Promise<PopupBoot> {
  const early = (globalThis as { __kithPopupBoot?: Promise<[unknown, unknown]> }).__kithPopupBoot;
  const [settings, snapshot] = await (early ?? Promise.all([getSettings(), readSnapshot()])).catch(() => [undefined, undefined] as const);
  return { settings: normalizeSettings(settings), snapshot: (snapshot as ReachSnapshot | undefined) ?? null };
}

export function start(): Promise<void> {
  // For the benchmark (bench/driver.ts): when React and the app were loaded and run.
  performance.mark('kith:app');
  return boot().then((b) => {
    putSettings(b.settings);
    applyPageSettings(b.settings, 'actionTitle');
    createRoot(document.getElementById('root')!).render(<PopupApp boot={b} />);
  });
}
