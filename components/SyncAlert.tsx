/**
 * One line in the popup and the side panel, shown only when sync needs the user
 * (an error they can act on, or the browser's access to the server missing), with
 * the way to the options page's sync section. Nothing at all otherwise: sync that
 * works, or is off, is not the popup's business.
 */
import { useEffect, useState } from 'react';
import { send } from '@/lib/messages/client';
import { warnFailed } from '@/lib/platform/warn';
import type { SyncStatus } from '@/lib/sync/contract';
import { openSyncSettings, SYNC_ERROR_WORDS, syncNeedsUser } from '@/lib/ui/sync-words';
import { useT } from './i18n';
import { useNow } from './useSettings';

/** How often an open page reads the state again (a sync that runs after the page opened may fail or recover). */
const STATUS_EVERY_MS = 15_000;

/**
 * While the popup or the side panel is open, a sync run at most this often: the user
 * looking at their people sees another device's changes within a minute. (The
 * background's own alarm, for when no page is open, is every few minutes.)
 */
export const SYNC_WHILE_OPEN_MS = 30_000;
let lastAsked: number | undefined;

/**
 * Asks the background for a sync run (nothing happens while sync is off) and hands
 * the status after it to `then`. Opening the popup, the side panel or the options
 * page is the moment the user wants their other devices' changes; the side panel
 * moving between views does not ask again within `SYNC_WHILE_OPEN_MS`.
 */
export function syncOnOpen(then?: (s: SyncStatus) => void): void {
  const now = Date.now();
  if (lastAsked !== undefined && now - lastAsked < SYNC_WHILE_OPEN_MS) return;
  lastAsked = now;
  void send({ type: 'sync/now' }).then(then, () => undefined);
}

/** For tests that render several pages in one module instance. */
export function resetSyncOnOpenForTests(): void {
  lastAsked = undefined;
}

/**
 * For every page that shows people (popup, side panel, options page), whatever
 * view it is on: asks for a sync run as it opens and every `SYNC_WHILE_OPEN_MS` while
 * it stays open, so the list shows another device's changes within a minute too.
 */
export function useSyncWhileOpen(): void {
  useEffect(() => {
    syncOnOpen();
    // Half the period: `syncOnOpen` lets one request through per period, whatever the timer's jitter.
    const timer = setInterval(() => syncOnOpen(), SYNC_WHILE_OPEN_MS / 2);
    return () => clearInterval(timer);
  }, []);
}

export function SyncAlert({ onOpened }: { onOpened?: () => void }) {
  const t = useT();
  const now = useNow();
  const [status, setStatus] = useState<SyncStatus>();
  useEffect(() => {
    let live = true;
    const read = () =>
      void send({ type: 'sync/status' }).then(
        (s) => live && setStatus(s),
        // The worker restarting: the next read answers.
        () => undefined,
      );
    const sync = () =>
      syncOnOpen((s) => {
        if (live && s) setStatus(s);
      });
    read();
    sync();
    const timer = setInterval(() => {
      read();
      sync();
    }, STATUS_EVERY_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);
  const code = syncNeedsUser(status, now);
  if (!code) return null;
  return (
    <p className="sync-alert" role="status">
      {t('sync_needs_you', { problem: t(SYNC_ERROR_WORDS[code].problem) })}{' '}
      <button
        type="button"
        className="link"
        onClick={() =>
          void openSyncSettings()
            .then(() => onOpened?.())
            .catch(warnFailed('opening the sync settings'))
        }
      >
        {t('sync_open_settings')}
      </button>
    </p>
  );
}
