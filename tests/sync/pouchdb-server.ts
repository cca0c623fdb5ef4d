/**
 * A CouchDB-compatible sync server for tests: `pouchdb-server --in-memory` on
 * 127.0.0.1 with a random free port, started from a temporary folder (it writes
 * config.json and log.txt into its working directory), with a server admin, one
 * database and one user who is its only member, the way the README tells a user to
 * set up CouchDB. Anonymous requests to the database are refused (the database's
 * `_security`; pouchdb-server accepts `require_valid_user` in its config, which is
 * set too, but does not enforce it for the server's root).
 *
 * `stop()` kills the server's whole process group; `restart()` starts it again on
 * the same port, EMPTY (in memory). For "the server is down" with the data kept,
 * put `startTcpProxy` (./tcp-proxy.ts) in front and cut it instead.
 *
 * The one server helper of the unit integration tests (tests/unit/sync/), the
 * end-to-end tests and the sync benchmark (bench/sync.ts). No static import of
 * vitest: e2e files and plain Node scripts may load it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const BIN = join(ROOT, 'node_modules/.bin/pouchdb-server');

export interface SyncServerOptions {
  /** The database the user may use. */
  database?: string;
  username?: string;
  password?: string;
}

export interface SyncServer {
  port: number;
  /** http://127.0.0.1:<port> */
  origin: string;
  database: string;
  /** The database's member: what a user types in Kith. */
  user: { name: string; password: string };
  /** The server admin (a test's own look at the server, never given to Kith). */
  admin: { name: string; password: string };
  /** A request as the admin; the path starts with `/`. */
  request(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }>;
  /**
   * Every document of a database (this one unless named) with its body and conflicts,
   * as the admin sees them: what someone holding the server would read.
   */
  dump(database?: string): Promise<string>;
  readonly running: boolean;
  stop(): Promise<void>;
  /** Starts again on the same port, with the same admin, user and (empty) database. */
  restart(): Promise<void>;
  /** Stops the server and removes its folder. */
  close(): Promise<void>;
}

/** A port nobody listens on now. */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const addr = s.address();
  await new Promise<void>((r) => s.close(() => r()));
  if (!addr || typeof addr === 'string') throw new Error('no free port');
  return addr.port;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startSyncServer(opts: SyncServerOptions = {}): Promise<SyncServer> {
  const cwd = mkdtempSync(join(tmpdir(), 'kith-couch-'));
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const database = opts.database ?? 'kith';
  const user = { name: opts.username ?? 'ada', password: opts.password ?? `pw-${Math.random().toString(36).slice(2)}` };
  const admin = { name: 'kithadmin', password: `admin-${Math.random().toString(36).slice(2)}` };
  let child: ChildProcess | undefined;

  const request = async (method: string, path: string, body?: unknown, auth: { name: string; password: string } | null = admin) => {
    const res = await fetch(`${origin}${path}`, {
      method,
      headers: {
        'Content-Type': 'application/json',
        ...(auth ? { Authorization: `Basic ${Buffer.from(`${auth.name}:${auth.password}`).toString('base64')}` } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      // Not JSON: kept as text.
    }
    return { status: res.status, json };
  };

  const start = async () => {
    // The admin comes from the config file: pouchdb-server hashes it on start.
    writeFileSync(join(cwd, 'config.json'), JSON.stringify({ admins: { [admin.name]: admin.password }, couch_httpd_auth: { require_valid_user: 'true' } }));
    child = spawn(process.execPath, [BIN, '--in-memory', '-p', String(port), '-o', '127.0.0.1', '-n'], { cwd, detached: true, stdio: 'ignore' });
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`pouchdb-server exited with ${child.exitCode}`);
      try {
        if ((await request('GET', '/', undefined, null)).status === 200) break;
      } catch {
        // Not listening yet.
      }
      if (Date.now() > deadline) throw new Error('pouchdb-server did not answer within 30 s');
      await sleep(100);
    }
    const must = async (method: string, path: string, body?: unknown) => {
      const r = await request(method, path, body);
      if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.json)}`);
    };
    await must('PUT', '/_config/couch_httpd_auth/require_valid_user', 'true');
    await must('PUT', `/${database}`);
    await must('PUT', `/_users/org.couchdb.user:${user.name}`, { name: user.name, password: user.password, roles: [], type: 'user' });
    await must('PUT', `/${database}/_security`, { members: { names: [user.name], roles: [] }, admins: { names: [], roles: [] } });
    if ((await request('GET', `/${database}`, undefined, null)).status !== 401) throw new Error('the test database answers anonymous requests');
  };

  const stop = async () => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null || c.pid === undefined) return;
    const exited = new Promise<void>((r) => c.once('exit', () => r()));
    try {
      // The whole group: pouchdb-server's node and anything it started.
      process.kill(-c.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
    await Promise.race([exited, sleep(5_000)]);
  };

  await start();
  return {
    port,
    origin,
    database,
    user,
    admin,
    request: (method, path, body) => request(method, path, body),
    async dump(name = database) {
      const r = await request('GET', `/${encodeURIComponent(name)}/_all_docs?include_docs=true&conflicts=true`);
      if (r.status !== 200) throw new Error(`dump: ${r.status}`);
      return JSON.stringify(r.json);
    },
    get running() {
      return child !== undefined && child.exitCode === null;
    },
    stop,
    async restart() {
      await stop();
      await start();
    },
    async close() {
      await stop();
      rmSync(cwd, { recursive: true, force: true });
    },
  };
}
