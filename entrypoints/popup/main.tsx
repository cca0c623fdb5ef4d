/**
 * The popup's module entry, kept tiny: React and the app are a chunk of their own,
 * loaded from here. The rows the boot script (popup-boot.js) may have put in the page from
 * the snapshot can then be painted while that chunk is fetched and evaluated,
 * instead of after it.
 *
 * That chunk is asked for only once those rows are on screen: evaluating it holds the
 * main thread for tens of milliseconds, and when the boot's storage reads came back
 * during that time, the rows waited for it. With no rows to paint (no snapshot, an
 * old one, no boot script) it loads at once.
 */
import { afterFirstRows } from '@/lib/ui/popup-first-rows';

void afterFirstRows((globalThis as { __kithPopupBoot?: Promise<unknown> }).__kithPopupBoot)
  .then(() => import('./app'))
  .then((m) => m.start());
