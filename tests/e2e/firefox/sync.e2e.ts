/**
 * Sync in Firefox: the options section against a real CouchDB-compatible server
 * (pouchdb-server on 127.0.0.1, tests/sync/), and the network guard that lets
 * exactly that server through while sync is on. Two devices syncing through one
 * server are tested engine to engine in tests/unit/sync/integration.test.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSyncServer, type SyncServer } from '@/tests/sync/pouchdb-server';
import { launchFirefoxKith, type FirefoxKith } from './harness';
import { click, fill, waitText } from './ui';

let server: SyncServer;
let kith: FirefoxKith | undefined;

beforeAll(async () => {
  server = await startSyncServer();
});
afterAll(async () => {
  await server?.close();
});
afterEach(async () => {
  await kith?.close();
  kith = undefined;
});

describe('Firefox: the network guard while sync is on', () => {
  it("lets Kith's pages reach exactly the allowed sync server, only while allowed, and counts anything else as Kith's own", async () => {
    // Out of the suite's network log: this test makes requests of Kith's own on purpose, and checks how they are counted.
    kith = await launchFirefoxKith({ allowOrigins: [server.origin], networkLog: false });
    const page = await kith.open('options.html#/sync');
    const reach = (url: string) =>
      page.evaluate(
        (u) =>
          fetch(u, { mode: 'no-cors' }).then(
            () => 'answered',
            () => 'failed',
          ),
        url,
      );
    const allowed = `${server.origin}/`;
    expect(await reach(allowed)).toBe('answered');
    expect(new Set(kith.syncRequests)).toEqual(new Set([allowed]));
    expect(kith.ownRequests()).toEqual([]);

    kith.allowOrigins([]);
    expect(await reach(allowed)).toBe('failed');
    expect(kith.ownRequests()).toEqual([allowed]);
  });
});

describe('Firefox: sync between your devices, in the options page', () => {
  it('refuses a plain-http address elsewhere than this computer, in words, before asking anything', async () => {
    kith = await launchFirefoxKith({ grantOptionalPermissions: true });
    const page = await kith.open('options.html#/sync');
    await waitText(page, 'Sync between your devices');
    await fill(page, 'Server address', 'http://couch.example.org');
    await click(page, 'Turn on sync');
    await waitText(page, 'The address must start with https://');
    expect(await page.evaluate(() => browser.permissions.getAll().then((p) => p.origins ?? []))).not.toContain('http://couch.example.org/*');
  });
});
