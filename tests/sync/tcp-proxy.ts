/**
 * A TCP proxy on 127.0.0.1 in front of the test sync server, for "the server is
 * down" without stopping it (an in-memory pouchdb-server loses its data when it
 * stops): `cut()` drops every open connection and refuses new ones, `restore()`
 * lets them through again on the same port, `cutAfter(bytes)` cuts in the middle
 * of a request (a push) once that many bytes went towards the server.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** http://127.0.0.1:<port>: the address the extension is given. */
  origin: string;
  /** Bytes that went from clients towards the server since the proxy started. */
  readonly bytesUp: number;
  /** Whether connections pass now. */
  readonly up: boolean;
  /** Drops every open connection and refuses new ones (connection refused) until `restore()`. */
  cut(): Promise<void>;
  /** Listens again on the same port. */
  restore(): Promise<void>;
  /** Cuts as soon as `bytes` more bytes went towards the server (resolves when it has cut). */
  cutAfter(bytes: number): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let bytesUp = 0;
  let trip: { at: number; done: () => void } | undefined;
  let server: Server | undefined;
  let port = 0;

  const onConnection = (client: Socket) => {
    const upstream = connect(targetPort, targetHost);
    sockets.add(client);
    sockets.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('data', (chunk: Buffer) => {
      bytesUp += chunk.length;
      upstream.write(chunk);
      if (trip && bytesUp >= trip.at) {
        const done = trip.done;
        trip = undefined;
        void proxy.cut().then(done);
      }
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
    client.on('error', drop);
    upstream.on('error', drop);
    client.on('close', drop);
    upstream.on('close', drop);
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer(onConnection);
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        server = s;
        const addr = s.address();
        if (addr && typeof addr !== 'string') port = addr.port;
        resolve();
      });
    });

  const proxy: TcpProxy = {
    get port() {
      return port;
    },
    get origin() {
      return `http://127.0.0.1:${port}`;
    },
    get bytesUp() {
      return bytesUp;
    },
    get up() {
      return server !== undefined;
    },
    async cut() {
      const s = server;
      server = undefined;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      if (s) await new Promise<void>((r) => s.close(() => r()));
    },
    async restore() {
      if (server) return;
      // The port was just freed; another process taking it in between would fail here, loudly.
      await listen();
    },
    cutAfter(bytes: number) {
      return new Promise<void>((resolve) => {
        trip = { at: bytesUp + bytes, done: resolve };
      });
    },
    async close() {
      trip = undefined;
      await proxy.cut();
    },
  };
  await listen();
  return proxy;
}
