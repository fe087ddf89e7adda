/**
 * Faults: PostgreSQL stopped and started again under the running app (its own throw-away server, so the
 * other test files' database is untouched), and the app started against a database that is not there.
 */
import { spawn } from 'node:child_process';
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { startTestDatabaseServer, type TestDatabaseServer } from '../helpers/database-server';
import { PROJECT_ROOT, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { startNewsroomProcess, type NewsroomProcess } from '../helpers/newsroom-process';
import { eventually } from '../helpers/eventually';

const saved = { ...process.env };
let db: TestDatabaseServer;
/** In this process: creates the API token and checks the stored rows. */
let app: Core.Strapi;
/** The app under test runs as a process of its own, with its own process-level error handling (Jest replaces
 * a test process's handlers), as `npm start` runs it. */
let server: NewsroomProcess;
let token: string;
const api = () => request(server.url);

beforeAll(async () => {
  db = await startTestDatabaseServer('outage');
  process.env.DATABASE_URL = db.url;
  process.env.RESPONSE_CACHE = 'off'; // every read reaches the database (cache hits would hide the outage)
  app = await startNewsroom();
  token = (
    (await app
      .service('admin::api-token')
      .create({ name: 'outage-writer', type: 'full-access', lifespan: null, description: '' })) as { accessKey: string }
  ).accessKey;
  server = await startNewsroomProcess({ DATABASE_URL: db.url, RESPONSE_CACHE: 'off', LOG_LEVEL: 'error' });
}, 180_000);

afterAll(async () => {
  await server?.stop();
  if (app) await stopNewsroom(app);
  await db?.remove();
  process.env = saved;
});

const READS = [
  '/api/press-releases?locale=ru',
  '/api/press-releases/slug/baku-i-nayrobi-budut-borotsya-protiv-prestupnosti-sovmestnymi-usiliyami?locale=ru',
  '/api/search?q=прокуроров&locale=ru',
  '/feeds/ru/rss.xml',
  '/sitemap.xml',
  '/api/topics',
];

describe('PostgreSQL restarted under the running app', () => {
  it('answers 503 JSON while the database is down and recovers by itself when it is back', async () => {
    for (const path of READS) expect((await api().get(encodeURI(path))).status).toBe(200);
    await db.stop();
    try {
      for (const path of READS) {
        const res = await api().get(encodeURI(path));
        expect({ path, status: res.status }).toEqual({ path, status: 503 });
        expect(res.headers['content-type']).toMatch(/json/);
        expect(res.body.error).toMatchObject({ status: 503, name: 'ServiceUnavailableError' });
        expect(res.headers['retry-after']).toBe('5');
        expect(res.headers['cache-control']).toBe('no-store');
      }
      const gql = await api().post('/graphql').send({ query: '{ pressReleases(locale: "ru") { headline } }' });
      expect(gql.status).toBe(503);
      expect((await api().get('/api/ready')).status).toBe(503);
      expect((await api().get('/_health')).status).toBe(204); // alive, just not ready
    } finally {
      await db.start();
    }
    for (const path of READS)
      expect({ path, status: (await api().get(encodeURI(path))).status }).toEqual({ path, status: 200 });
    expect((await api().get('/api/ready')).body).toEqual({ status: 'ready', database: 'up' });
  });

  it('never reports a write as saved that is then missing', async () => {
    const acknowledged: { documentId: string; headline: string }[] = [];
    const failures: number[] = [];
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing; i += 1) {
        const headline = `Запись во время перезапуска ${i}`;
        const res = await api()
          .post('/api/press-releases')
          .query({ locale: 'ru', status: 'draft' })
          .set('Authorization', `Bearer ${token}`)
          .send({ data: { headline } });
        if (res.status === 201) acknowledged.push({ documentId: res.body.data.documentId, headline });
        else {
          failures.push(res.status);
          expect(res.body.error?.message).toEqual(expect.any(String)); // the editor sees why
        }
      }
    })();
    // Each phase waits for what it needs (no fixed sleeps): writes saved, then refused, then saved again.
    await eventually(() => acknowledged.length > 0, 'a write saved before the outage');
    await db.stop();
    await eventually(() => failures.length > 0, 'a write refused during the outage');
    await db.start();
    const savedBeforeRecovery = acknowledged.length;
    await eventually(() => acknowledged.length > savedBeforeRecovery, 'a write saved once the database is back');
    writing = false;
    await writer;

    expect(acknowledged.length).toBeGreaterThan(0);
    expect(failures.length).toBeGreaterThan(0); // the outage happened while writing
    expect(failures.filter((status) => status !== 503)).toEqual([]);
    expect(server.running()).toBe(true); // no crash from Strapi's after-commit work losing its connection
    expect((await api().get('/api/ready')).status).toBe(200);
    for (const write of acknowledged) {
      const row = await app.db
        .query('api::press-release.press-release')
        .findOne({ where: { documentId: write.documentId, locale: 'ru' } });
      expect(row?.headline).toBe(write.headline);
    }
  });
});

describe('starting with the database down', () => {
  it('exits non-zero with a readable message after a bounded wait', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/with-database.ts', 'strapi', 'start'], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:9/newsroom',
        DATABASE_STARTUP_TIMEOUT_SECONDS: '2',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(output).toContain('Cannot reach PostgreSQL at postgres://postgres:***@127.0.0.1:9/newsroom');
    expect(output).toContain('ECONNREFUSED');
    expect(output).not.toContain('secret');
    expect(output).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack trace
  });
});
