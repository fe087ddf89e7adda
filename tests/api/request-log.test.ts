/**
 * The request log as an operator keeps it: the app in a process of its own with its stdout on a pipe, each answer one
 * JSON line there with the same request id as the answer's X-Request-Id, whichever path answered.
 */
import request, { type Response } from 'supertest';
import { startNewsroomProcess, type NewsroomProcess } from '../helpers/newsroom-process';
import { eventually } from '../helpers/eventually';

interface LogLine {
  level: string;
  time: string;
  method: string;
  path: string;
  query?: string;
  status: number;
  duration_ms: number;
  bytes: number | null;
  request_id: string;
  cache: 'hit' | 'miss' | 'none';
  via: 'front-door' | 'koa';
}

const LIST = '/api/press-releases?locale=ru';
const PREVIEW_TOKEN = 'eyJkb2N1bWVudElkIjoieCJ9.c2VjcmV0LXNpZ25hdHVyZQ';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An app process and everything it printed, read as it comes. */
async function startWithOutput(env: Record<string, string>): Promise<{ app: NewsroomProcess; printed: () => string }> {
  let printed = '';
  const app = await startNewsroomProcess(env, { output: (text) => (printed += text) });
  return { app, printed: () => printed };
}

/** The request-log lines among what the process printed (Strapi's own messages are not JSON). */
function logLines(printed: string): LogLine[] {
  const lines: LogLine[] = [];
  for (const line of printed.split('\n')) {
    if (!line.startsWith('{')) continue;
    const parsed = JSON.parse(line) as LogLine;
    if (parsed.level === 'http') lines.push(parsed);
  }
  return lines;
}

describe('the request log, with LOG_LEVEL=http behind a trusted proxy', () => {
  let app: NewsroomProcess;
  let printed: () => string;
  beforeAll(async () => {
    ({ app, printed } = await startWithOutput({ LOG_LEVEL: 'http', IS_PROXIED: 'true', SEED_ON_START: 'true' }));
  });
  afterAll(async () => {
    await app?.stop();
  });

  /** The one line logged for an answer, found by the id the answer carried. */
  async function lineOf(res: Response): Promise<LogLine> {
    const id = res.headers['x-request-id'] as string;
    expect(id).toBeTruthy();
    const found = await eventually(() => {
      const lines = logLines(printed()).filter((line) => line.request_id === id);
      return lines.length > 0 && lines;
    }, `the log line of request ${id}`);
    expect(found).toHaveLength(1);
    return found[0];
  }

  it('logs a miss, a hit through Koa, a hit and a 304 from the front door, each with its id', async () => {
    const get = () => request(app.url).get(LIST);
    const miss = await get().expect(200);
    const chainHit = await get().expect(200);
    const doorHit = await get().expect(200);
    const notModified = await get().set('if-none-match', doorHit.headers.etag).expect(304);
    expect([miss, chainHit, doorHit, notModified].map((res) => res.headers['x-cache'])).toEqual([
      'miss',
      'hit',
      'hit',
      'hit',
    ]);
    const ids = new Set([miss, chainHit, doorHit, notModified].map((res) => res.headers['x-request-id']));
    expect(ids.size).toBe(4);

    const missLine = await lineOf(miss);
    expect(missLine).toEqual({
      level: 'http',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      method: 'GET',
      path: '/api/press-releases',
      query: 'locale=ru',
      status: 200,
      duration_ms: expect.any(Number),
      bytes: Number(miss.headers['content-length']),
      request_id: miss.headers['x-request-id'],
      cache: 'miss',
      via: 'koa',
    });
    expect(missLine.request_id).toMatch(UUID);
    expect(await lineOf(chainHit)).toMatchObject({ status: 200, cache: 'hit', via: 'koa' });
    const doorLine = await lineOf(doorHit);
    expect(doorLine).toEqual({
      ...missLine,
      time: expect.any(String),
      duration_ms: expect.any(Number),
      bytes: Number(doorHit.headers['content-length']),
      request_id: doorHit.headers['x-request-id'],
      cache: 'hit',
      via: 'front-door',
    });
    expect(await lineOf(notModified)).toMatchObject({ status: 304, bytes: 0, cache: 'hit', via: 'front-door' });
  });

  it('logs GraphQL, a 404 and an admin request in the same shape', async () => {
    const graphql = await request(app.url)
      .post('/graphql')
      .set('content-type', 'application/json')
      .send({ query: '{ pressReleases(locale: "ru") { headline } }' })
      .expect(200);
    expect(await lineOf(graphql)).toMatchObject({ method: 'POST', path: '/graphql', status: 200, via: 'koa' });
    const missing = await request(app.url).get('/api/no-such-thing').expect(404);
    expect(await lineOf(missing)).toMatchObject({ path: '/api/no-such-thing', status: 404, cache: 'none' });
    const admin = await request(app.url).get('/admin/init').expect(200);
    const adminLine = await lineOf(admin);
    expect(adminLine).toMatchObject({ method: 'GET', path: '/admin/init', status: 200, cache: 'none', via: 'koa' });
    expect(adminLine.query).toBeUndefined();
    expect(adminLine.bytes).toBe(Number(admin.headers['content-length']));
  });

  it("keeps the trusted proxy's request id, on either path, and replaces an insane one", async () => {
    await request(app.url).get(LIST).expect(200); // a hit: the front door answers the next ones
    const door = await request(app.url).get(LIST).set('x-request-id', 'edge-7f3a.42').expect(200);
    expect(door.headers['x-request-id']).toBe('edge-7f3a.42');
    expect(await lineOf(door)).toMatchObject({ request_id: 'edge-7f3a.42', via: 'front-door' });
    const koa = await request(app.url).get('/api/no-such-thing').set('x-request-id', 'edge-7f3a.43');
    expect(koa.headers['x-request-id']).toBe('edge-7f3a.43');
    expect(await lineOf(koa)).toMatchObject({ request_id: 'edge-7f3a.43', via: 'koa' });
    for (const insane of ['x'.repeat(201), 'two words']) {
      const res = await request(app.url).get(LIST).set('x-request-id', insane);
      expect(res.headers['x-request-id']).toMatch(UUID);
      await lineOf(res);
    }
  });

  it('never writes a preview token: its value is redacted, the rest of the query kept', async () => {
    const preview = await request(app.url).get(
      `/api/preview/press-releases/some-document?locale=ru&token=${PREVIEW_TOKEN}`,
    );
    expect(preview.status).toBe(401);
    expect(await lineOf(preview)).toMatchObject({
      path: '/api/preview/press-releases/some-document',
      query: 'locale=ru&token=[redacted]',
      status: 401,
    });
    const encoded = await request(app.url).get(`/api/preview/press-releases/some-document?%74oken=${PREVIEW_TOKEN}`);
    expect((await lineOf(encoded)).query).toBe('%74oken=[redacted]');
    expect(printed()).not.toContain(PREVIEW_TOKEN);
  });

  it("never writes the secret of a journalist's private feed address", async () => {
    const secret = 'Zz9secretFeedToken_of-43-characters-abcdefg';
    const feed = await request(app.url).get(`/press/feed/${secret}.atom`);
    expect(feed.status).toBe(404);
    expect(await lineOf(feed)).toMatchObject({ path: '/press/feed/[redacted].atom', status: 404 });
    expect(printed()).not.toContain(secret);
  });

  it('has written every line by the time the process has exited', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i += 1) ids.push((await request(app.url).get(LIST)).headers['x-request-id'] as string);
    await app.stop();
    const logged = new Set(logLines(printed()).map((line) => line.request_id));
    expect(ids.filter((id) => !logged.has(id))).toEqual([]);
  });
});

describe('with LOG_LEVEL=error, not behind a proxy', () => {
  it('logs no request, and still answers with an id of its own on every path', async () => {
    const { app, printed } = await startWithOutput({ LOG_LEVEL: 'error', IS_PROXIED: 'false' });
    try {
      const answers: Response[] = [];
      for (let i = 0; i < 3; i += 1) answers.push(await request(app.url).get(LIST).set('x-request-id', 'chosen'));
      answers.push(await request(app.url).get('/api/no-such-thing').set('x-request-id', 'chosen'));
      answers.push(await request(app.url).get(LIST).set('if-none-match', answers[2].headers.etag));
      expect(answers.map((res) => res.status)).toEqual([200, 200, 200, 404, 304]);
      for (const res of answers) expect(res.headers['x-request-id']).toMatch(UUID);
    } finally {
      await app.stop();
    }
    expect(logLines(printed())).toEqual([]);
  });
});
