import { browser } from 'wxt/browser';

/**
 * Tells the background that today's list changed, so that the toolbar badge counts
 * it again now (a worker that slept missed the change; the day may have turned).
 */
export function refreshBadge(): void {
  // A badge that stays stale until the background's next refresh is nothing to
  // report to the user, and the message only fails while the worker restarts.
  void browser.runtime.sendMessage({ type: 'badge/refresh' }).catch(() => undefined);
}
