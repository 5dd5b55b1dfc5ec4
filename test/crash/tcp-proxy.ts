// A TCP proxy the test controls between a server process and PostgreSQL (TCP or the embedded server's
// Unix socket): cut() drops every connection and refuses new ones, resume() listens again on the same port.
import { connect, createServer, type Server, type Socket } from 'node:net';

export type ProxyTarget = { readonly host: string; readonly port: number } | { readonly path: string };

export interface TcpProxy {
  readonly port: number;
  cut(): Promise<void>;
  resume(): Promise<void>;
  close(): Promise<void>;
}

/** Where a postgres:// URL points: its host and port, or the Unix socket named by `?host=/dir`. */
export function targetOf(url: string): ProxyTarget {
  const u = new URL(url);
  const dir = u.searchParams.get('host');
  if (dir?.startsWith('/')) return { path: `${dir}/.s.PGSQL.${u.port || '5432'}` };
  return { host: u.hostname, port: Number(u.port || '5432') };
}

/** The same URL pointed at the proxy on 127.0.0.1. */
export function throughProxy(url: string, port: number): string {
  const u = new URL(url);
  u.searchParams.delete('host');
  u.hostname = '127.0.0.1';
  u.port = String(port);
  return u.toString();
}

export async function startTcpProxy(target: ProxyTarget): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const serve = (): Server =>
    createServer((client) => {
      const upstream = 'path' in target ? connect(target.path) : connect(target.port, target.host);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => {
          sockets.delete(s);
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
  const listen = (server: Server, port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        const a = server.address();
        resolve(typeof a === 'object' && a !== null ? a.port : 0);
      });
    });
  let server: Server | null = serve();
  const port = await listen(server, 0);
  const stop = async (): Promise<void> => {
    const s = server;
    server = null;
    for (const sock of sockets) sock.destroy();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  return {
    port,
    cut: stop,
    async resume() {
      if (server) return;
      server = serve();
      await listen(server, port);
    },
    close: stop,
  };
}
