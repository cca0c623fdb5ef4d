/**
 * The sync tests' own server and proxy (tests/sync/): a pouchdb-server that
 * refuses strangers and keeps what its user writes, and a proxy that can take it
 * off the network and back without losing it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSyncServer, type SyncServer } from '@/tests/sync/pouchdb-server';
import { startTcpProxy, type TcpProxy } from '@/tests/sync/tcp-proxy';

let server: SyncServer;
let proxy: TcpProxy;

beforeAll(async () => {
  server = await startSyncServer();
  proxy = await startTcpProxy(server.port);
});
afterAll(async () => {
  await proxy?.close();
  await server?.close();
});

const as = (user: { name: string; password: string }) => ({ Authorization: `Basic ${Buffer.from(`${user.name}:${user.password}`).toString('base64')}` });

describe('the test sync server', () => {
  it('answers its user on 127.0.0.1, and refuses anonymous requests and a wrong password', async () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const url = `${server.origin}/${server.database}`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: as({ name: server.user.name, password: 'wrong' }) })).status).toBe(401);
    const put = await fetch(`${url}/d1`, {
      method: 'PUT',
      headers: { ...as(server.user), 'Content-Type': 'application/json' },
      body: JSON.stringify({ v: 1, ct: 'xyz' }),
    });
    expect(put.status).toBe(201);
    expect(await server.dump()).toContain('"ct":"xyz"');
  });

  it('through the proxy: cut is connection refused, restore brings back the same data', async () => {
    const url = `${proxy.origin}/${server.database}/d1`;
    expect((await fetch(url, { headers: as(server.user) })).status).toBe(200);
    await proxy.cut();
    await expect(fetch(url, { headers: as(server.user) })).rejects.toThrow();
    await proxy.restore();
    expect(await (await fetch(url, { headers: as(server.user) })).json()).toMatchObject({ ct: 'xyz' });
  });

  it('cuts in the middle of a large request, and the server keeps none of it', async () => {
    const cut = proxy.cutAfter(50_000);
    const body = JSON.stringify({ docs: Array.from({ length: 2000 }, (_, i) => ({ _id: `big-${i}`, ct: 'x'.repeat(100) })) });
    const sent = fetch(`${proxy.origin}/${server.database}/_bulk_docs`, {
      method: 'POST',
      headers: { ...as(server.user), 'Content-Type': 'application/json' },
      body,
    });
    await expect(sent).rejects.toThrow();
    await cut;
    expect(proxy.up).toBe(false);
    expect(await server.dump()).not.toContain('big-0');
    await proxy.restore();
  });

  it('restarts on the same port, empty, with the same user', async () => {
    await server.restart();
    const r = await fetch(`${server.origin}/${server.database}/_all_docs`, { headers: as(server.user) });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ total_rows: 0 });
    await server.stop();
    expect(server.running).toBe(false);
    await expect(fetch(`${server.origin}/`)).rejects.toThrow();
    await server.restart();
  });
});

describe('the network guard while sync is on', () => {
  it('lets the extension reach exactly the allowed sync server, only while allowed, and still fails on anything else', async () => {
    const { launchKith } = await import('./harness');
    // Out of the suite's network log: this test makes requests of Kith's own on purpose, and checks how they are counted.
    const kith = await launchKith({ allowOrigins: [server.origin], networkLog: false });
    try {
      const reach = (url: string) =>
        kith.worker.evaluate(
          (u) =>
            fetch(u, { mode: 'no-cors' }).then(
              () => 'answered',
              () => 'failed',
            ),
          url,
        );
      const allowedUrl = `${server.origin}/`;
      expect(await reach(allowedUrl)).toBe('answered');
      expect(kith.syncRequests).toEqual([allowedUrl]);
      expect(kith.extensionRequests).toEqual([]);

      // Sync turned off: the same server is a request of Kith's own again.
      kith.allowOrigins([]);
      expect(await reach(allowedUrl)).toBe('failed');
      const elsewhere = `http://127.0.0.1:${server.port === 1 ? 2 : 1}/`;
      expect(await reach(elsewhere)).toBe('failed');
      expect(kith.extensionRequests).toEqual([allowedUrl, elsewhere]);
    } finally {
      await kith.close();
    }
  });
});
