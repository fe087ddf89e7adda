import http from 'node:http';
import { Client } from 'pg';
import { eventually } from '../helpers/eventually';
import { startNewsroomProcess, type NewsroomProcess } from '../helpers/newsroom-process';

interface Answer {
  status: number;
  body: string;
}

/** A GET on a connection of its own, or on the agent's kept-alive one. */
function get(url: string, agent: http.Agent | false = false): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    const req = http.get(url, { agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

const IN_FLIGHT = 5;

describe('graceful shutdown', () => {
  let server: NewsroomProcess;
  let lock: Client;

  beforeAll(async () => {
    // Uncached, so that every request reaches the database; a long grace, so that only the test decides when the
    // requests in flight may finish.
    server = await startNewsroomProcess({ RESPONSE_CACHE: 'off', LOG_LEVEL: 'error', SHUTDOWN_GRACE_SECONDS: '120' });
    lock = new Client({ connectionString: process.env.DATABASE_URL });
    await lock.connect();
  }, 120_000);

  afterAll(async () => {
    await lock?.query('ROLLBACK').catch(() => undefined);
    await lock?.end();
    if (server?.running()) await server.stop();
  });

  it(
    'on SIGTERM: readiness 503, new connections refused while requests are in flight, ' + 'then all answered, exit 0',
    async () => {
      expect((await get(`${server.url}/api/press-releases?locale=ru`)).status).toBe(200); // warm
      // The table public lists are read from locked: requests for releases wait inside the app, in flight, until the
      // test lets them go.
      await lock.query('BEGIN');
      await lock.query('LOCK TABLE newsroom_public_releases IN ACCESS EXCLUSIVE MODE');
      const answers = Array.from({ length: IN_FLIGHT }, (_, i) =>
        get(`${server.url}/api/press-releases?locale=${['ru', 'en'][i % 2]}&pagination[page]=${i + 1}`),
      );
      const waiting = async () =>
        Number(
          (
            await lock.query(
              "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' " +
                'AND datname = current_database() AND pid <> pg_backend_pid()',
            )
          ).rows[0].count,
        );
      await eventually(async () => (await waiting()) >= IN_FLIGHT, `${IN_FLIGHT} requests waiting in the database`);

      // A load balancer's health checks come over a connection it keeps open: it sees readiness turn 503 even after the
      // listener has closed (half a second after the signal).
      const balancer = new http.Agent({ keepAlive: true, maxSockets: 1 });
      expect((await get(`${server.url}/api/ready`, balancer)).status).toBe(200);
      const exitCode = server.signal('SIGTERM');
      await eventually(async () => (await get(`${server.url}/api/ready`, balancer)).status === 503, 'readiness 503');
      // Then the listener closes: a new connection is refused while the process still runs its requests.
      await eventually(
        () =>
          get(`${server.url}/api/ready`).then(
            () => false,
            (error: Error) => /ECONNREFUSED/.test(error.message),
          ),
        'new connections refused',
      );
      expect(server.running()).toBe(true);
      expect(await waiting()).toBeGreaterThanOrEqual(IN_FLIGHT);

      await lock.query('COMMIT');
      const outcomes = await Promise.allSettled(answers);
      expect(
        outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value.status : String(outcome.reason))),
      ).toEqual(Array(IN_FLIGHT).fill(200));
      for (const outcome of outcomes)
        if (outcome.status === 'fulfilled') expect(JSON.parse(outcome.value.body).meta.pagination).toBeDefined();
      expect(await exitCode).toBe(0);
      balancer.destroy();
    },
  );
});
