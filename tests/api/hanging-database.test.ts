/**
 * A database that hangs rather than refuses (a stuck network path, a server frozen by a long lock or swap): the
 * app's connections stay open and nothing comes back. The app runs in a process of its own, connected through a TCP
 * proxy that the test can freeze (it stops passing bytes either way, keeping the sockets open).
 */
import net from 'node:net';
import request from 'supertest';
import { eventually } from '../helpers/eventually';
import { startNewsroomProcess, type NewsroomProcess } from '../helpers/newsroom-process';

class FreezableProxy {
  private readonly pairs = new Set<[net.Socket, net.Socket]>();
  private frozen = false;
  readonly server: net.Server;

  constructor(private readonly target: { host: string; port: number }) {
    this.server = net.createServer((client) => {
      const upstream = net.connect(target.port, target.host);
      const pair: [net.Socket, net.Socket] = [client, upstream];
      this.pairs.add(pair);
      client.pipe(upstream);
      upstream.pipe(client);
      const close = () => {
        client.destroy();
        upstream.destroy();
        this.pairs.delete(pair);
      };
      client.on('error', close).on('close', close);
      upstream.on('error', close).on('close', close);
      if (this.frozen) pair.forEach((socket) => socket.pause());
    });
  }

  listen(): Promise<number> {
    return new Promise((resolve) =>
      this.server.listen(0, '127.0.0.1', () => resolve((this.server.address() as net.AddressInfo).port)),
    );
  }

  freeze(frozen: boolean): void {
    this.frozen = frozen;
    for (const pair of this.pairs) {
      for (const socket of pair) {
        if (frozen) socket.pause();
        else socket.resume();
      }
    }
  }

  close(): Promise<void> {
    for (const pair of this.pairs) for (const socket of pair) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('a database that hangs', () => {
  let proxy: FreezableProxy;
  let server: NewsroomProcess;

  beforeAll(async () => {
    const database = new URL(String(process.env.DATABASE_URL));
    proxy = new FreezableProxy({ host: database.hostname, port: Number(database.port || 5432) });
    const proxied = new URL(database.toString());
    proxied.hostname = '127.0.0.1';
    proxied.port = String(await proxy.listen());
    server = await startNewsroomProcess({
      DATABASE_URL: proxied.toString(),
      RESPONSE_CACHE: 'off',
      LOG_LEVEL: 'error',
    });
  }, 120_000);

  afterAll(async () => {
    proxy?.freeze(false);
    await server?.stop();
    await proxy?.close();
  });

  it(
    'turns readiness to 503 with the reason, keeps liveness, ' + 'and is ready again once the database answers',
    async () => {
      expect((await request(server.url).get('/api/ready')).body).toEqual({ status: 'ready', database: 'up' });
      proxy.freeze(true);
      const ready = await request(server.url).get('/api/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toEqual({
        status: 'unavailable',
        database: 'down',
        error: expect.stringMatching(/no answer within/),
      });
      expect(ready.headers['cache-control']).toBe('no-store');
      expect((await request(server.url).get('/_health')).status).toBe(204); // alive: a restart would not help
      proxy.freeze(false);
      await eventually(async () => (await request(server.url).get('/api/ready')).status === 200, 'ready again');
      expect(server.running()).toBe(true);
    },
  );
});
