/**
 * Sync in Firefox: the options section against a real CouchDB-compatible server
 * (pouchdb-server on 127.0.0.1, tests/sync/), and the network guard that lets
 * exactly that server through while sync is on. The two-browser scenarios (a
 * Chromium device and a Firefox device syncing through one server) are in
 * tests/e2e/sync.e2e.ts, run with the Chromium suite; engine to engine in
 * tests/unit/sync/integration.test.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSyncServer, type SyncServer } from '@/tests/sync/pouchdb-server';
import { launchFirefoxKith, type FirefoxKith } from './harness';
import { click, control, fill, waitText } from './ui';

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

  // The server listens on a port, as a self-hosted CouchDB on :5984 does: Firefox grants and checks access to a host without its port.
  // A loaded machine: launching Firefox, deriving the key (600,000 PBKDF2 rounds) and the first run take a minute or more.
  it('turns sync on as the first device: asks for exactly that server, reaches only it, and turns off again with nothing more sent', async () => {
    kith = await launchFirefoxKith({ grantOptionalPermissions: true, allowOrigins: [server.origin] });
    const page = await kith.open('options.html#/sync');
    await waitText(page, 'Sync between your devices');
    await fill(page, 'Server address', server.origin);
    await fill(page, 'Database', server.database);
    await fill(page, 'User name', server.user.name);
    await fill(page, 'Password', server.user.password);
    await fill(page, 'Sync passphrase', 'a long passphrase for sync');
    await fill(page, 'Sync passphrase again', 'a long passphrase for sync');
    await click(page, 'Turn on sync');
    await waitText(page, `Sync is on, with ${server.origin}`, 60_000);
    await waitText(page, /Last synced/, 60_000);
    expect(await page.evaluate(() => browser.permissions.getAll().then((p) => p.origins ?? []))).toContain('http://127.0.0.1/*');
    // The password is in no field any more, and nowhere in the synced storage area.
    expect(await page.evaluate(() => Array.from(document.querySelectorAll('input')).map((i) => i.value))).not.toContain(server.user.password);
    expect(JSON.stringify(await page.evaluate(() => browser.storage.sync.get(null)))).not.toContain(server.user.password);
    expect(kith.syncRequests.length).toBeGreaterThan(0);
    expect(kith.syncRequests.filter((u) => !u.startsWith(`${server.origin}/`))).toEqual([]);

    await click(page, 'Turn off sync');
    await waitText(page, 'Sync is off. Everything stays on this device.');
    await control(page, 'Server address');
    // Off: the same server is now a request of Kith's own, which fails the test at close. A
    // page opening asks for a sync, which must now reach nothing.
    kith.allowOrigins([]);
    await kith.open('popup.html');
    await kith.open('options.html#/sync');
    await new Promise((r) => setTimeout(r, 3_000));
    expect(kith.ownRequests()).toEqual([]);
  }, 180_000);
});
