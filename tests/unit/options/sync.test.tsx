import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { translate, type Lang, type MessageKey, type Params } from '@/lib/i18n';
import type { Reply } from '@/lib/messages/types';
import { updateSettings } from '@/lib/settings/store';
import type { JoinPreview, SyncErrorCode, SyncStatus } from '@/lib/sync/contract';
import { openOptions, installOptionsPageHarness } from './page-harness';

installOptionsPageHarness();

const OFF: SyncStatus = { state: 'off', pending: 0, refused: 0 };
const MINUTE = 60_000;

/** The background as the page sees it: what each sync message answers, and every message it was sent. */
let background: {
  status: SyncStatus;
  preview: JoinPreview;
  fail: Partial<Record<string, SyncErrorCode>>;
  sent: Array<Record<string, unknown>>;
};

function answer(msg: Record<string, unknown>): Reply {
  background.sent.push(msg);
  const code = background.fail[msg.type as string];
  if (code) return { ok: false, error: `sync:${code}` };
  switch (msg.type) {
    case 'sync/status':
    case 'sync/now':
      return { ok: true, data: background.status };
    case 'sync/preview':
      return { ok: true, data: background.preview };
    case 'sync/turn-on':
      background.status = {
        state: 'idle',
        server: msg.server as string,
        database: msg.database as string,
        username: msg.username as string,
        pending: 0,
        refused: 0,
        lastSyncedAt: Date.now(),
      };
      return { ok: true, data: background.status };
    case 'sync/turn-off':
      background.status = OFF;
      return { ok: true, data: null };
    default:
      return { ok: false, error: 'invalid' };
  }
}

beforeEach(() => {
  background = { status: OFF, preview: { people: 12, touches: 340, notes: 55 }, fail: {}, sent: [] };
  fakeBrowser.runtime.onMessage.addListener(((msg: Record<string, unknown>) => Promise.resolve(answer(msg))) as never);
});

async function inLanguage(lang: Lang): Promise<(key: MessageKey, params?: Params) => string> {
  await updateSettings({ language: lang });
  return (key, params) => translate(lang, key, params);
}

const sentOf = (type: string) => background.sent.filter((m) => m.type === type);

type T = Awaited<ReturnType<typeof inLanguage>>;

async function fillForm(t: T, values: Partial<Record<'server' | 'database' | 'username' | 'password' | 'passphrase' | 'passphrase2', string>>) {
  const user = userEvent.setup();
  const labels: Record<string, MessageKey> = {
    server: 'sync_server',
    database: 'sync_database',
    username: 'sync_username',
    password: 'sync_password',
    passphrase: 'sync_passphrase',
    passphrase2: 'sync_passphrase_again',
  };
  for (const [field, value] of Object.entries(values)) {
    const input = screen.getByLabelText(t(labels[field]!));
    await user.clear(input);
    // Pasted in one go: typing character by character adds nothing here and is slow on a loaded machine.
    if (value) await user.paste(value);
  }
  return user;
}

const GOOD = {
  server: 'https://couch.example.org',
  username: 'ada',
  password: 'server-password',
  passphrase: 'a long sync passphrase',
  passphrase2: 'a long sync passphrase',
};

describe.each(['en', 'it'] as const)('sync section (%s)', (lang) => {
  it('says what is wrong with each field, and asks nothing of the browser or the background', async () => {
    const t = await inLanguage(lang);
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    await openOptions('#/sync');
    expect(await screen.findByRole('heading', { name: t('sync_title') })).toBeTruthy();
    const user = await fillForm(t, { server: 'http://couch.example.org', database: 'My People', passphrase: 'short', passphrase2: 'short' });
    await user.click(screen.getByRole('button', { name: t('sync_turn_on') }));
    const server = screen.getByLabelText(t('sync_server'));
    expect(server.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(t('sync_invalid_server_https'))).toBeTruthy();
    expect(screen.getByText(t('sync_invalid_database'))).toBeTruthy();
    expect(screen.getByText(t('sync_invalid_username'))).toBeTruthy();
    expect(screen.getByText(t('sync_invalid_password'))).toBeTruthy();
    expect(screen.getByText(t('sync_invalid_passphrase_short', { min: 10 }))).toBeTruthy();
    // The first field in error takes the focus, for keyboard and screen-reader users.
    expect(document.activeElement).toBe(server);

    for (const [address, key] of [
      ['', 'sync_invalid_server_empty'],
      ['couch.example.org', 'sync_invalid_server_invalid'],
      ['https://ada:pw@couch.example.org', 'sync_invalid_server_credentials'],
      ['https://couch.example.org/?db=kith', 'sync_invalid_server_query'],
    ] as const) {
      await fillForm(t, { server: address });
      await user.click(screen.getByRole('button', { name: t('sync_turn_on') }));
      expect(screen.getByText(t(key))).toBeTruthy();
    }
    await fillForm(t, { ...GOOD, passphrase2: 'another long passphrase' });
    await user.click(screen.getByRole('button', { name: t('sync_turn_on') }));
    expect(screen.getByText(t('sync_invalid_passphrase_mismatch'))).toBeTruthy();
    expect(request).not.toHaveBeenCalled();
    expect(sentOf('sync/turn-on')).toEqual([]);
  });

  it('first device: asks for exactly that server inside the click, then turns sync on and forgets the secrets', async () => {
    const t = await inLanguage(lang);
    let requestedDuringClick = false;
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockImplementation(async () => {
      // Still inside the click: nothing has been sent to the background yet.
      requestedDuringClick = background.sent.every((m) => m.type === 'sync/status');
      return true;
    });
    await openOptions('#/sync');
    await screen.findByRole('heading', { name: t('sync_title') });
    const user = await fillForm(t, { ...GOOD, server: ' https://couch.example.org:6984/ ' });
    await user.click(screen.getByRole('button', { name: t('sync_turn_on') }));
    expect(request).toHaveBeenCalledTimes(1);
    expect(request).toHaveBeenCalledWith({ origins: ['https://couch.example.org/*'] });
    expect(requestedDuringClick).toBe(true);
    expect(await screen.findByText(t('sync_on_with', { server: 'https://couch.example.org:6984', database: 'kith', username: 'ada' }))).toBeTruthy();
    expect(sentOf('sync/turn-on')).toEqual([
      {
        type: 'sync/turn-on',
        server: 'https://couch.example.org:6984',
        database: 'kith',
        username: 'ada',
        password: 'server-password',
        passphrase: 'a long sync passphrase',
        mode: 'first',
      },
    ]);
    expect(screen.getByText(new RegExp(t('sync_nothing_pending')))).toBeTruthy();
    expect(screen.queryByDisplayValue('server-password')).toBeNull();
    expect(screen.queryByDisplayValue('a long sync passphrase')).toBeNull();
    // Never in the synced storage area, whatever happens on the page.
    expect(JSON.stringify(await fakeBrowser.storage.sync.get(null))).not.toContain('server-password');
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain('a long sync passphrase');
  });

  it('a browser that refuses access leaves sync off and says what to do', async () => {
    const t = await inLanguage(lang);
    vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(false);
    await openOptions('#/sync');
    await screen.findByRole('heading', { name: t('sync_title') });
    const user = await fillForm(t, { ...GOOD, server: 'http://127.0.0.1:5984' });
    await user.click(screen.getByRole('button', { name: t('sync_turn_on') }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(`${t('sync_error_no_permission')} ${t('sync_fix_no_permission')}`);
    expect(sentOf('sync/turn-on')).toEqual([]);
    expect(sentOf('sync/preview')).toEqual([]);
  });

  it('joining device: shows what will be merged, and turns on only when confirmed', async () => {
    const t = await inLanguage(lang);
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    await openOptions('#/sync');
    await screen.findByRole('heading', { name: t('sync_title') });
    const user = userEvent.setup();
    await user.click(screen.getByRole('radio', { name: t('sync_mode_join') }));
    // A joining device types the passphrase once: it was chosen on the first device.
    expect(screen.queryByLabelText(t('sync_passphrase_again'))).toBeNull();
    await fillForm(t, { server: 'http://localhost:5984', username: 'ada', password: 'server-password', passphrase: 'short one' });
    await user.click(screen.getByRole('button', { name: t('sync_turn_on') }));
    expect(request).toHaveBeenCalledWith({ origins: ['http://localhost/*'] });
    const words = t('sync_preview', {
      people: t('sync_count_people', { count: 12 }),
      touches: t('sync_count_touches', { count: 340 }),
      notes: t('sync_count_notes', { count: 55 }),
    });
    expect(await screen.findByText(words)).toBeTruthy();
    expect(words).toContain(lang === 'en' ? '12 people, 340 touches, 55 notes will be merged with what is here' : '12 persone, 340 contatti, 55 note');
    expect(sentOf('sync/preview')).toHaveLength(1);
    expect(sentOf('sync/preview')[0]).toMatchObject({ mode: 'join', server: 'http://localhost:5984', passphrase: 'short one' });
    expect(sentOf('sync/turn-on')).toEqual([]);

    // "Not now" turns nothing on.
    await user.click(screen.getByRole('button', { name: t('sync_preview_cancel') }));
    expect(screen.queryByText(words)).toBeNull();
    expect(sentOf('sync/turn-on')).toEqual([]);

    await user.click(screen.getByRole('button', { name: t('sync_turn_on') }));
    await user.click(await screen.findByRole('button', { name: t('sync_preview_confirm') }));
    expect(await screen.findByText(t('sync_on_with', { server: 'http://localhost:5984', database: 'kith', username: 'ada' }))).toBeTruthy();
    expect(sentOf('sync/turn-on')).toEqual([{ ...sentOf('sync/preview')[0], type: 'sync/turn-on' }]);
  });

  it.each([
    ['unreachable', 'sync_error_unreachable', 'sync_fix_unreachable'],
    ['unauthorized', 'sync_error_unauthorized', 'sync_fix_unauthorized'],
    ['wrong-passphrase', 'sync_error_wrong_passphrase', 'sync_fix_wrong_passphrase'],
    ['not-couchdb', 'sync_error_not_couchdb', 'sync_fix_not_couchdb'],
    ['server-full', 'sync_error_server_full', 'sync_fix_server_full'],
    ['invalid-data', 'sync_error_invalid_data', 'sync_fix_invalid_data'],
    ['unknown', 'sync_error_unknown', 'sync_fix_unknown'],
  ] as const)('a joining device told %s says so in words, and stays off', async (code, problem, fix) => {
    const t = await inLanguage(lang);
    vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    background.fail['sync/preview'] = code;
    await openOptions('#/sync');
    await screen.findByRole('heading', { name: t('sync_title') });
    const user = userEvent.setup();
    await user.click(screen.getByRole('radio', { name: t('sync_mode_join') }));
    await fillForm(t, { server: 'https://couch.example.org', username: 'ada', password: 'pw', passphrase: 'the wrong one' });
    await user.click(screen.getByRole('button', { name: t('sync_turn_on') }));
    expect((await screen.findByRole('alert')).textContent).toBe(`${t(problem)} ${t(fix)}`);
    expect(sentOf('sync/turn-on')).toEqual([]);
    expect(screen.getByRole('button', { name: t('sync_turn_on') })).toBeTruthy();
  });

  it.each([
    ['unreachable', 'sync_error_unreachable', 'sync_fix_unreachable'],
    ['unauthorized', 'sync_error_unauthorized', 'sync_fix_unauthorized'],
    ['wrong-passphrase', 'sync_error_wrong_passphrase', 'sync_fix_wrong_passphrase'],
    ['not-couchdb', 'sync_error_not_couchdb', 'sync_fix_not_couchdb'],
    ['server-full', 'sync_error_server_full', 'sync_fix_server_full'],
    ['no-permission', 'sync_error_no_permission', 'sync_fix_no_permission'],
    ['invalid-data', 'sync_error_invalid_data', 'sync_fix_invalid_data'],
    ['unknown', 'sync_error_unknown', 'sync_fix_unknown'],
  ] as const)('sync that is on and failing with %s shows the problem and what to do', async (code, problem, fix) => {
    const t = await inLanguage(lang);
    background.status = {
      state: 'error',
      server: 'https://couch.example.org',
      database: 'kith',
      username: 'ada',
      lastSyncedAt: Date.now() - 3 * MINUTE,
      pending: 4,
      refused: code === 'invalid-data' ? 2 : 0,
      error: { code, at: Date.now() },
    };
    await openOptions('#/sync');
    expect((await screen.findByRole('alert')).textContent).toContain(`${t(problem)} ${t(fix)}`);
    expect(screen.getByText(new RegExp(t('sync_pending', { count: 4 })))).toBeTruthy();
    expect(screen.getByText(new RegExp(lang === 'en' ? 'Last synced 3 minutes ago' : 'Ultima sincronizzazione: 3 minuti fa'))).toBeTruthy();
    if (code === 'invalid-data') expect(screen.getByText(t('sync_refused', { count: 2 }))).toBeTruthy();
    expect(screen.queryByRole('button', { name: t('sync_allow_access') }) !== null).toBe(code === 'no-permission');
  });

  it('permission missing: "Allow access" asks for the server inside the click, then syncs', async () => {
    const t = await inLanguage(lang);
    background.status = {
      state: 'error',
      server: 'https://couch.example.org:6984',
      database: 'kith',
      username: 'ada',
      pending: 1,
      refused: 0,
      error: { code: 'no-permission', at: Date.now() },
    };
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockImplementation(async () => {
      background.status = { ...background.status, state: 'idle', pending: 0, lastSyncedAt: Date.now() };
      delete background.status.error;
      return true;
    });
    await openOptions('#/sync');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: t('sync_allow_access') }));
    expect(request).toHaveBeenCalledWith({ origins: ['https://couch.example.org/*'] });
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(sentOf('sync/now').length).toBeGreaterThan(0);
  });

  it('"Sync now" asks the background and shows the new state', async () => {
    const t = await inLanguage(lang);
    background.status = { state: 'idle', server: 'https://couch.example.org', database: 'kith', username: 'ada', pending: 3, refused: 0 };
    await openOptions('#/sync');
    expect(await screen.findByText(new RegExp(t('sync_never_synced')))).toBeTruthy();
    background.status = { ...background.status, pending: 0, lastSyncedAt: Date.now() };
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: t('sync_now') }));
    expect(await screen.findByText(new RegExp(t('sync_nothing_pending')))).toBeTruthy();
    expect(sentOf('sync/now')).toEqual([{ type: 'sync/now' }]);
  });

  it.each([false, true])('turns off, keeping the local data (delete the server copy: %s)', async (forget) => {
    const t = await inLanguage(lang);
    background.status = { state: 'idle', server: 'http://127.0.0.1:5984', database: 'kith', username: 'ada', pending: 0, refused: 0, lastSyncedAt: Date.now() };
    const remove = vi.spyOn(fakeBrowser.permissions, 'remove').mockResolvedValue(true);
    await openOptions('#/sync');
    const user = userEvent.setup();
    await screen.findByRole('button', { name: t('sync_turn_off') });
    const box = screen.getByRole('checkbox', { name: t('sync_forget_server_copy') });
    expect((box as HTMLInputElement).checked).toBe(false);
    if (forget) await user.click(box);
    await user.click(screen.getByRole('button', { name: t('sync_turn_off') }));
    expect(await screen.findByText(t(forget ? 'sync_turned_off_forgot' : 'sync_turned_off'))).toBeTruthy();
    expect(sentOf('sync/turn-off')).toEqual([{ type: 'sync/turn-off', forgetServerCopy: forget }]);
    expect(remove).toHaveBeenCalledWith({ origins: ['http://127.0.0.1/*'] });
    // Off again: the form to turn it on is back.
    expect(within(screen.getByRole('main')).getByRole('button', { name: t('sync_turn_on') })).toBeTruthy();
  });
});
