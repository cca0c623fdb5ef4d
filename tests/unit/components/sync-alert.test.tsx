/**
 * The popup's and side panel's sync line: there only when sync needs the user,
 * in their language, with the way to the options page's sync section.
 */
import { cleanup, render, renderHook, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { useUiStore } from '@/components/i18n';
import { resetSyncOnOpenForTests, SYNC_WHILE_OPEN_MS, SyncAlert, useSyncWhileOpen } from '@/components/SyncAlert';
import { translate, type Lang } from '@/lib/i18n';
import type { SyncErrorCode, SyncStatus } from '@/lib/sync/contract';
import { SYNC_ERROR_WORDS } from '@/lib/ui/sync-words';

const HOUR = 3_600_000;
let status: SyncStatus;
let asked: string[];

beforeEach(() => {
  fakeBrowser.reset();
  resetSyncOnOpenForTests();
  asked = [];
  fakeBrowser.runtime.onMessage.addListener(((msg: { type: string }) => {
    asked.push(msg.type);
    return Promise.resolve({ ok: true, data: status });
  }) as never);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const failing = (code: SyncErrorCode, lastSyncedAt?: number): SyncStatus => ({
  state: 'error',
  server: 'https://couch.example.org',
  database: 'kith',
  username: 'ada',
  pending: 2,
  refused: 0,
  error: { code, at: Date.now() },
  ...(lastSyncedAt !== undefined ? { lastSyncedAt } : {}),
});

describe.each(['en', 'it'] as const)('the sync line (%s)', (lang: Lang) => {
  beforeEach(() => useUiStore.setState({ lang }));

  it.each([
    ['sync is off', { state: 'off', pending: 0, refused: 0 }],
    ['sync works', { state: 'idle', server: 'https://couch.example.org', pending: 3, refused: 0, lastSyncedAt: Date.now() }],
    ['a sync is running', { state: 'syncing', server: 'https://couch.example.org', pending: 3, refused: 0 }],
    ['the server has been out of reach for an hour only', failing('unreachable', Date.now() - HOUR)],
  ] as const)('is absent when %s', async (_when, s) => {
    status = s as SyncStatus;
    const { container } = render(<SyncAlert />);
    await waitFor(() => expect(asked).toContain('sync/status'));
    // The answer has arrived and been rendered: still nothing.
    await new Promise((r) => setTimeout(r, 50));
    expect(container.textContent).toBe('');
  });

  it.each(['no-permission', 'unauthorized', 'wrong-passphrase', 'not-couchdb', 'server-full', 'invalid-data', 'unknown'] as const)(
    'says what needs the user when sync fails with %s, and opens the sync section',
    async (code) => {
      status = failing(code, Date.now() - 5 * 60_000);
      const create = vi.spyOn(fakeBrowser.tabs, 'create').mockResolvedValue({} as Awaited<ReturnType<typeof fakeBrowser.tabs.create>>);
      const opened = vi.fn();
      render(<SyncAlert onOpened={opened} />);
      const words = translate(lang, 'sync_needs_you', { problem: translate(lang, SYNC_ERROR_WORDS[code].problem) });
      expect(await screen.findByText(words, { exact: false })).toBeTruthy();
      await userEvent.setup().click(screen.getByRole('button', { name: translate(lang, 'sync_open_settings') }));
      expect(create).toHaveBeenCalledWith({ url: expect.stringMatching(/\/options\.html#\/sync$/) });
      await waitFor(() => expect(opened).toHaveBeenCalled());
    },
  );

  it('asks for a sync run once when the page opens, not again when the line is shown anew, and shows the state after it', async () => {
    let calls = 0;
    fakeBrowser.runtime.onMessage.removeAllListeners();
    fakeBrowser.runtime.onMessage.addListener(((msg: { type: string }) => {
      asked.push(msg.type);
      // The run finds the password changed on the server.
      if (msg.type === 'sync/now') return Promise.resolve({ ok: true, data: failing('unauthorized', Date.now() - 60_000) });
      calls++;
      return Promise.resolve({ ok: true, data: { state: 'idle', server: 'https://couch.example.org', pending: 0, refused: 0, lastSyncedAt: Date.now() } });
    }) as never);
    const first = render(<SyncAlert />);
    expect(
      await screen.findByText(translate(lang, 'sync_needs_you', { problem: translate(lang, SYNC_ERROR_WORDS.unauthorized.problem) }), { exact: false }),
    ).toBeTruthy();
    first.unmount();
    render(<SyncAlert />);
    await waitFor(() => expect(calls).toBe(2));
    expect(asked.filter((m) => m === 'sync/now')).toEqual(['sync/now']);
  });

  it('keeps asking for a sync run while the page stays open, so another device’s changes show within a minute', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      status = { state: 'idle', server: 'https://couch.example.org', pending: 0, refused: 0, lastSyncedAt: Date.now() };
      render(<SyncAlert />);
      await waitFor(() => expect(asked.filter((m) => m === 'sync/now')).toHaveLength(1));
      await vi.advanceTimersByTimeAsync(SYNC_WHILE_OPEN_MS + 15_000);
      await waitFor(() => expect(asked.filter((m) => m === 'sync/now')).toHaveLength(2));
      expect(SYNC_WHILE_OPEN_MS).toBeLessThanOrEqual(30_000);
    } finally {
      vi.useRealTimers();
    }
  });

  it('speaks up when the server has been out of reach for more than a day', async () => {
    status = failing('unreachable', Date.now() - 30 * HOUR);
    render(<SyncAlert />);
    expect(await screen.findByText(translate(lang, 'sync_needs_you', { problem: translate(lang, 'sync_error_unreachable') }), { exact: false })).toBeTruthy();
  });
});

describe('the options page, which has no sync line', () => {
  it('asks for a sync run as it opens and again while it stays open, so its list shows another device’s changes within a minute; nothing once closed', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      status = { state: 'idle', server: 'https://couch.example.org', pending: 0, refused: 0, lastSyncedAt: Date.now() };
      const page = renderHook(() => useSyncWhileOpen());
      await waitFor(() => expect(asked.filter((m) => m === 'sync/now')).toHaveLength(1));
      await vi.advanceTimersByTimeAsync(SYNC_WHILE_OPEN_MS + 1_000);
      await waitFor(() => expect(asked.filter((m) => m === 'sync/now')).toHaveLength(2));
      await vi.advanceTimersByTimeAsync(SYNC_WHILE_OPEN_MS);
      await waitFor(() => expect(asked.filter((m) => m === 'sync/now')).toHaveLength(3));
      page.unmount();
      await vi.advanceTimersByTimeAsync(3 * SYNC_WHILE_OPEN_MS);
      expect(asked.filter((m) => m === 'sync/now')).toHaveLength(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
