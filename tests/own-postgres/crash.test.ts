/**
 * A hard crash under writes: the app process killed (SIGKILL) and its PostgreSQL killed (SIGKILL to the postmaster)
 * while an editor's writes are under way. After both start again (the database through crash recovery), every write
 * the app acknowledged is there: an acknowledgement is sent only after the commit is durable.
 */
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { startTestDatabaseServer, type TestDatabaseServer } from '../helpers/database-server';
import { eventually } from '../helpers/eventually';
import { startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { startNewsroomProcess, type NewsroomProcess } from '../helpers/newsroom-process';

const saved = { ...process.env };
let db: TestDatabaseServer;
let server: NewsroomProcess;
let token: string;

/** An app in this process on the crash database: creates the token, and afterwards reads what was stored. */
async function withApp<T>(use: (app: Core.Strapi) => Promise<T>): Promise<T> {
  const app = await startNewsroom();
  try {
    return await use(app);
  } finally {
    await stopNewsroom(app);
  }
}

beforeAll(async () => {
  db = await startTestDatabaseServer('crash');
  process.env.DATABASE_URL = db.url;
  process.env.RESPONSE_CACHE = 'off';
  token = await withApp(
    async (app) =>
      (
        (await app
          .service('admin::api-token')
          .create({ name: 'crash-writer', type: 'full-access', lifespan: null, description: '' })) as {
          accessKey: string;
        }
      ).accessKey,
  );
  server = await startNewsroomProcess({ DATABASE_URL: db.url, RESPONSE_CACHE: 'off', LOG_LEVEL: 'error' });
}, 180_000);

afterAll(async () => {
  if (server?.running()) await server.stop();
  await db?.remove();
  process.env = saved;
});

describe('a hard crash of the app and the database under writes', () => {
  it('keeps every acknowledged write', async () => {
    const acknowledged: { documentId: string; headline: string }[] = [];
    let stop = false;
    const writer = (async () => {
      for (let i = 0; !stop; i += 1) {
        const headline = `Запись перед сбоем ${i}`;
        try {
          const res = await request(server.url)
            .post('/api/press-releases')
            .query({ locale: 'ru', status: 'draft' })
            .set('Authorization', `Bearer ${token}`)
            .send({ data: { headline } });
          if (res.status === 201) acknowledged.push({ documentId: res.body.data.documentId, headline });
        } catch {
          stop = true; // the app is gone: the connection broke mid-request, which acknowledges nothing
        }
      }
    })();
    await eventually(() => acknowledged.length >= 10, 'ten writes acknowledged');
    // Both at once, mid-write: no clean shutdown anywhere.
    await Promise.all([server.signal('SIGKILL'), db.kill()]);
    stop = true;
    await writer;

    await eventually(
      () =>
        db.start().then(
          () => true,
          () => false,
        ),
      'the database starts again (crash recovery)',
    );
    const stored = await withApp(async (app) =>
      app.db.query('api::press-release.press-release').findMany({
        select: ['documentId', 'headline'],
        where: { documentId: { $in: acknowledged.map((w) => w.documentId) } },
      }),
    );
    const headlines = new Map(
      (stored as { documentId: string; headline: string }[]).map((row) => [row.documentId, row.headline]),
    );
    expect(acknowledged.filter((write) => headlines.get(write.documentId) !== write.headline)).toEqual([]);
    expect(acknowledged.length).toBeGreaterThanOrEqual(10);
  });
});
