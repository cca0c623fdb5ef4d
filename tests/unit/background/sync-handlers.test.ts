import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHandler } from '@/lib/background/handlers';
import type { KithDB } from '@/lib/db/db';
import { createListener, type SenderInfo } from '@/lib/messages/router';
import type { Reply } from '@/lib/messages/types';
import { checkServerAddress } from '@/lib/model/sync-address';
import { hasAccessWith } from '@/lib/background/sync';
import type { JoinPreview, SyncConfigInput, SyncService, SyncStatus } from '@/lib/sync/contract';
import { ctxAt, freshDb } from '@/tests/unit/db/helpers';

const OWN = { id: 'kith-id', origin: 'chrome-extension://kith-id/' };
const optionsPage: SenderInfo = { id: OWN.id, url: 'chrome-extension://kith-id/options.html#/sync' };
const sidePanel: SenderInfo = { id: OWN.id, url: 'chrome-extension://kith-id/sidepanel.html' };
const cardFrame: SenderInfo = { id: OWN.id, url: 'chrome-extension://kith-id/card.html?site=linkedin', tab: { id: 3, windowId: 1 } };
const contentScript: SenderInfo = { id: OWN.id, url: 'https://www.linkedin.com/in/ada/', tab: { id: 7, windowId: 1 } };
const webPage: SenderInfo = { id: 'someone-else', url: 'https://evil.example/options.html' };

const PASSWORD = 'hunter2-server-secret';
const PASSPHRASE = 'correct horse battery staple';
const GOOD = {
  server: 'https://couch.example.org/',
  database: 'kith',
  username: 'ada',
  password: PASSWORD,
  passphrase: PASSPHRASE,
  mode: 'first',
} as const;
const ON: SyncStatus = { state: 'idle', server: 'https://couch.example.org', database: 'kith', username: 'ada', pending: 0, refused: 0, lastSyncedAt: 1 };

let db: KithDB;
let calls: { method: string; arg?: unknown }[];
let service: SyncService | undefined;
let fail: unknown;

function fakeService(): SyncService {
  const call = async <T>(method: string, value: T, arg?: unknown): Promise<T> => {
    calls.push({ method, ...(arg !== undefined ? { arg } : {}) });
    if (fail) throw fail;
    return value;
  };
  return {
    status: () => call('status', ON),
    syncNow: () => call('syncNow', ON),
    preview: (input: SyncConfigInput) => call<JoinPreview>('preview', { people: 12, touches: 340, notes: 55 }, input),
    turnOn: (input: SyncConfigInput) => call('turnOn', ON, input),
    turnOff: (opts) => call('turnOff', undefined, opts),
  };
}

function ask(msg: unknown, sender: SenderInfo): Promise<Reply> {
  return createListener(
    createHandler({
      db,
      ctx: async () => ctxAt(),
      setView: async () => undefined,
      refreshBadge: async () => undefined,
      sync: () => service,
      ownOrigin: OWN.origin,
    }),
    OWN,
  )(msg, sender);
}

beforeEach(() => {
  db = freshDb();
  calls = [];
  service = fakeService();
  fail = undefined;
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

describe('sync messages without an engine', () => {
  it('answer that sync is off, and refuse to turn it on', async () => {
    service = undefined;
    expect(await ask({ type: 'sync/status' }, sidePanel)).toEqual({ ok: true, data: { state: 'off', pending: 0, refused: 0 } });
    expect(await ask({ type: 'sync/now' }, sidePanel)).toEqual({ ok: true, data: { state: 'off', pending: 0, refused: 0 } });
    expect(await ask({ type: 'sync/turn-on', ...GOOD }, optionsPage)).toEqual({ ok: false, error: 'sync:unknown' });
    expect(await ask({ type: 'sync/preview', ...GOOD, mode: 'join' }, optionsPage)).toEqual({ ok: false, error: 'sync:unknown' });
    expect(await ask({ type: 'sync/turn-off', forgetServerCopy: false }, optionsPage)).toEqual({ ok: true, data: null });
  });
});

describe('what the sync messages accept', () => {
  it('hands a valid configuration to the engine with the address as Kith stores it', async () => {
    expect(await ask({ type: 'sync/turn-on', ...GOOD }, optionsPage)).toEqual({ ok: true, data: ON });
    expect(calls).toEqual([{ method: 'turnOn', arg: { ...GOOD, server: 'https://couch.example.org' } }]);
    expect(await ask({ type: 'sync/preview', ...GOOD, server: 'http://127.0.0.1:5984', mode: 'join' }, optionsPage)).toEqual({
      ok: true,
      data: { people: 12, touches: 340, notes: 55 },
    });
    expect(calls[1]).toEqual({ method: 'preview', arg: { ...GOOD, server: 'http://127.0.0.1:5984', mode: 'join' } });
    expect(await ask({ type: 'sync/turn-off', forgetServerCopy: true }, optionsPage)).toEqual({ ok: true, data: null });
    expect(calls[2]).toEqual({ method: 'turnOff', arg: { forgetServerCopy: true } });
  });

  it.each([
    ['plain http to another machine', { server: 'http://couch.example.org' }],
    ['an address that is not one', { server: 'couch example' }],
    ['another scheme', { server: 'ftp://couch.example.org' }],
    ['a password inside the address', { server: 'https://ada:pw@couch.example.org' }],
    ['an empty address', { server: '' }],
    ['a database name CouchDB refuses', { database: 'Kith People' }],
    ['a database name starting with a digit', { database: '1kith' }],
    ['no user name', { username: '' }],
    ['no password', { password: '' }],
    ['no passphrase', { passphrase: '' }],
    ['a mode that is neither', { mode: 'both' }],
    ['a field the protocol does not have', { remember: true }],
  ])('refuses %s, and the engine never hears of it', async (_what, patch) => {
    for (const type of ['sync/turn-on', 'sync/preview']) {
      expect(await ask({ type, ...GOOD, ...patch }, optionsPage)).toEqual({ ok: false, error: 'invalid' });
    }
    expect(calls).toEqual([]);
  });

  it('refuses a turn-off that does not say whether to delete the server copy', async () => {
    expect(await ask({ type: 'sync/turn-off' }, optionsPage)).toEqual({ ok: false, error: 'invalid' });
    expect(await ask({ type: 'sync/turn-off', forgetServerCopy: 'yes' }, optionsPage)).toEqual({ ok: false, error: 'invalid' });
    expect(calls).toEqual([]);
  });
});

describe('who may send sync messages', () => {
  it.each([
    ['a content script', contentScript],
    ['another extension or a web page', webPage],
  ])('refuses every sync message from %s', async (_who, sender) => {
    for (const msg of [{ type: 'sync/status' }, { type: 'sync/now' }, { type: 'sync/turn-on', ...GOOD }, { type: 'sync/turn-off', forgetServerCopy: true }]) {
      expect(await ask(msg, sender)).toEqual({ ok: false, error: 'forbidden' });
    }
    expect(calls).toEqual([]);
  });

  it.each([
    ['the side panel', sidePanel],
    ['the in-page card frame', cardFrame],
  ])('lets %s read the state and ask for a sync, but neither turn sync on or off nor try a server', async (_who, sender) => {
    expect(await ask({ type: 'sync/status' }, sender)).toEqual({ ok: true, data: ON });
    expect(await ask({ type: 'sync/now' }, sender)).toEqual({ ok: true, data: ON });
    for (const msg of [
      { type: 'sync/turn-on', ...GOOD },
      { type: 'sync/preview', ...GOOD },
      { type: 'sync/turn-off', forgetServerCopy: true },
    ]) {
      expect(await ask(msg, sender)).toEqual({ ok: false, error: 'forbidden' });
    }
    expect(calls.map((c) => c.method)).toEqual(['status', 'syncNow']);
  });
});

describe('sync failures', () => {
  it.each(['unreachable', 'unauthorized', 'wrong-passphrase', 'not-couchdb', 'server-full', 'no-permission', 'invalid-data'])(
    'reach the page as the code %s',
    async (code) => {
      fail = Object.assign(new Error(`failed at ${GOOD.server}`), { code });
      expect(await ask({ type: 'sync/turn-on', ...GOOD }, optionsPage)).toEqual({ ok: false, error: `sync:${code}` });
      fail = new Error(code);
      expect(await ask({ type: 'sync/now' }, sidePanel)).toEqual({ ok: false, error: `sync:${code}` });
    },
  );

  it('never pass on what the engine said, which could quote the password; nor log it', async () => {
    const logged = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => vi.spyOn(console, m).mockImplementation(() => undefined));
    fail = new Error(`GET https://ada:${PASSWORD}@couch.example.org/kith failed (${PASSPHRASE})`);
    const reply = await ask({ type: 'sync/turn-on', ...GOOD }, optionsPage);
    expect(reply).toEqual({ ok: false, error: 'sync:unknown' });
    fail = { code: 'storage-full', message: PASSWORD };
    expect(await ask({ type: 'sync/preview', ...GOOD }, optionsPage)).toEqual({ ok: false, error: 'sync:unknown' });
    const said = JSON.stringify(logged.flatMap((spy) => spy.mock.calls));
    expect(said).not.toContain(PASSWORD);
    expect(said).not.toContain(PASSPHRASE);
  });
});

describe('a sync server address', () => {
  it.each([
    ['https://couch.example.org', 'https://couch.example.org', 'https://couch.example.org/*'],
    ['  https://couch.example.org:6984/  ', 'https://couch.example.org:6984', 'https://couch.example.org/*'],
    ['https://example.org/couchdb/', 'https://example.org/couchdb', 'https://example.org/*'],
    ['http://127.0.0.1:5984', 'http://127.0.0.1:5984', 'http://127.0.0.1/*'],
    ['http://localhost:5984', 'http://localhost:5984', 'http://localhost/*'],
  ])('%s is stored as %s and asks for %s', (input, server, pattern) => {
    expect(checkServerAddress(input)).toMatchObject({ ok: true, server, pattern });
  });

  it.each(['http://127.0.0.1:5984', 'https://couch.example.org:6984', 'https://couch.example.org'])(
    'once the browser granted what the options page asked for %s, the background finds it has access (checked as Firefox does: a pattern with a port is never granted)',
    async (input) => {
      const checked = checkServerAddress(input);
      if (!checked.ok) throw new Error(checked.problem);
      const granted = new Set([checked.pattern]);
      // Firefox's permissions.contains: exact granted patterns only, and false for any pattern naming a port.
      const permissions = { contains: async ({ origins }: { origins: string[] }) => origins.every((o) => !/:\d+\//.test(o) && granted.has(o)) };
      expect(await hasAccessWith(permissions)(checked.origin)).toBe(true);
      expect(await hasAccessWith({ contains: async () => false })(checked.origin)).toBe(false);
      expect(await hasAccessWith(undefined)(checked.origin)).toBe(false);
    },
  );

  it.each([
    ['', 'empty'],
    ['couch.example.org', 'invalid'],
    ['ftp://couch.example.org', 'invalid'],
    ['http://couch.example.org', 'https'],
    ['http://192.168.1.10:5984', 'https'],
    ['https://ada:secret@couch.example.org', 'credentials'],
    ['https://couch.example.org/?db=kith', 'query'],
  ])('%j is refused (%s)', (input, problem) => {
    expect(checkServerAddress(input)).toEqual({ ok: false, problem });
  });
});
