/**
 * A real CouchDB-compatible server for tests: `pouchdb-server --in-memory` on
 * 127.0.0.1, a random free port, an admin user with a random password and
 * `require_valid_user` (as the README asks of a real server), started in its own
 * temporary directory (it writes config.json and log.txt into its cwd) and
 * stopped by `stop()`. Used by the unit integration tests and the end-to-end
 * tests alike; nothing here imports vitest.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  port: number;
  username: string;
  password: string;
  /** `Basic …` for the admin. */
  authorization: string;
  /** Every document of a database, as the server stores it (for "the server sees only ciphertext"). */
  dump(database: string): Promise<string>;
  /** Stop the server (the in-memory data is gone). */
  stop(): Promise<void>;
  /** Stop and start again on the same port, with no data when `inMemory` (as a restart would). */
  restart(): Promise<void>;
}

const BIN = resolve(dirname(fileURLToPath(import.meta.url)), '../../node_modules/pouchdb-server/bin/pouchdb-server');

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}

async function waitUp(origin: string, authorization: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  let lastErr: unknown;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`pouchdb-server exited with ${child.exitCode}`);
    try {
      const r = await fetch(`${origin}/`, { headers: { Authorization: authorization } });
      if (r.ok) return;
      lastErr = new Error(`status ${r.status}`);
    } catch (err) {
      lastErr = err;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`pouchdb-server did not start: ${String(lastErr)}`);
}

export async function startTestServer(opts: { port?: number; timeoutMs?: number } = {}): Promise<TestServer> {
  const port = opts.port ?? (await freePort());
  const username = 'admin';
  const password = `pw-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  const authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  const origin = `http://127.0.0.1:${port}`;
  const dir = mkdtempSync(join(tmpdir(), 'kith-couch-'));
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({
      admins: { [username]: password },
      couch_httpd_auth: { require_valid_user: true },
      log: { file: join(dir, 'log.txt'), level: 'error' },
    }),
  );
  let child: ChildProcess;
  const launch = async () => {
    child = spawn(process.execPath, [BIN, '--in-memory', '-p', String(port), '-o', '127.0.0.1', '-n'], { cwd: dir, stdio: 'ignore' });
    await waitUp(origin, authorization, child, opts.timeoutMs ?? 30_000);
  };
  const kill = () =>
    new Promise<void>((res) => {
      if (!child || child.exitCode !== null) return res();
      child.once('exit', () => res());
      child.kill('SIGTERM');
    });
  await launch();
  return {
    origin,
    port,
    username,
    password,
    authorization,
    async dump(database) {
      const r = await fetch(`${origin}/${encodeURIComponent(database)}/_all_docs?include_docs=true&conflicts=true`, {
        headers: { Authorization: authorization },
      });
      return r.text();
    },
    async stop() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
    async restart() {
      await kill();
      await launch();
    },
  };
}
