/**
 * When the popup's module entry (entrypoints/popup/main.tsx) may load React and the
 * app: once the rows the boot script (lib/ui/popup-boot.ts) put in the page from the
 * snapshot have been painted. Loading and evaluating that chunk holds the main thread
 * long enough to hold those rows back when the boot's reads come back meanwhile.
 *
 * No boot reads, failed reads, or nothing painted from them: at once.
 */

/** Longest wait for the frame: a page that is not drawn (a background tab) has no frames, and the app must load anyway. */
export const FIRST_ROWS_WAIT_MS = 100;

export function afterFirstRows(bootReads: Promise<unknown> | undefined): Promise<void> {
  if (!bootReads) return Promise.resolve();
  // The boot script's own reaction to these reads was registered first, so it has run (and painted, or not) by now.
  return bootReads.then(
    () => (document.querySelector('[data-prepaint]') ? afterNextPaint() : undefined),
    () => undefined,
  );
}

/** A task after the next frame: the frame's paint has been done by then. */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, FIRST_ROWS_WAIT_MS);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(fallback);
        resolve();
      }, 0),
    );
  });
}
