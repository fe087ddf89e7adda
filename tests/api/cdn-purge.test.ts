/**
 * CDN purge by surrogate keys: what public answers carry (Surrogate-Key, Cache-Tag), and what a change sends to the
 * purge endpoint, read by a local receiver standing in for the CDN's API.
 */
import type { Core } from '@strapi/strapi';
import { api, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { bakuNairobiId, createRelease, deleteRelease, PRESS_RELEASE_UID } from '../helpers/content';
import { startReceiver } from '../helpers/http-receiver';
import { cdnPurgerOf, createCdnPurger } from '../../src/delivery/cdn/cdn-purge';

const TOKEN = 'purge-token-for-tests';
let app: Core.Strapi;
let cdn: Awaited<ReturnType<typeof startReceiver>>;
let storyId: string;
const releases: string[] = [];
const saved = { ...process.env };

const keysOf = (body: string) => (JSON.parse(body) as { keys: string[] }).keys;

beforeAll(async () => {
  cdn = await startReceiver();
  Object.assign(process.env, { CDN_PURGE_URL: `${cdn.url}/purge`, CDN_PURGE_KIND: 'generic', CDN_PURGE_TOKEN: TOKEN });
  app = await startNewsroom();
  storyId = await bakuNairobiId(app);
});
afterAll(async () => {
  for (const documentId of releases) await deleteRelease(app, documentId);
  await stopNewsroom(app);
  process.env = saved;
  await cdn.close();
});

describe('surrogate keys on public answers', () => {
  it('a list names every release it holds, its locale and all lists; a cache hit names the same', async () => {
    const first = await api(app).get('/api/press-releases?locale=ru');
    const keys = String(first.headers['surrogate-key']).split(' ');
    expect(keys).toEqual(expect.arrayContaining(['newsroom', `release-${storyId}`, 'releases-ru', 'releases']));
    expect(first.headers['cache-tag']).toBe(keys.join(','));
    const hit = await api(app).get('/api/press-releases?locale=ru');
    expect(hit.headers['x-cache']).toBe('hit');
    expect(hit.headers['surrogate-key']).toBe(first.headers['surrogate-key']);
  });

  it.each([
    ['/api/press-releases/{id}?locale=ru', ['newsroom', 'release-{id}']],
    ['/api/press-releases/{id}/jsonld?locale=en', ['newsroom', 'release-{id}']],
    ['/api/press-releases/{id}/ninjs?locale=ru', ['newsroom', 'release-{id}']],
    ['/feeds/en/atom.xml', ['newsroom', 'releases-en', 'releases']],
    ['/sitemap.xml', ['newsroom', 'releases']],
    ['/api/topics?locale=ru', ['newsroom', 'topics']],
  ])('%s carries %p', async (path, expected) => {
    const res = await api(app).get(path.replace('{id}', storyId));
    expect(res.status).toBe(200);
    expect(String(res.headers['surrogate-key']).split(' ')).toEqual(expected.map((k) => k.replace('{id}', storyId)));
  });
});

describe('purging on change', () => {
  it('a publish purges the release and the lists, after it is committed, with the token', async () => {
    const release = await createRelease(app, { headline: 'Zzcdn новость для CDN', publish: false });
    releases.push(release.documentId);
    // A draft's save changes nothing public: nothing is purged for it.
    await cdnPurgerOf(app).settled();
    expect(cdn.received.filter((r) => r.body.includes(release.documentId))).toEqual([]);

    let visibleWhenPurged: number | undefined;
    cdn.answerWith(async (request, res) => {
      if (request.body.includes(release.documentId)) {
        visibleWhenPurged = (await api(app).get(`/api/press-releases/${release.documentId}?locale=ru`)).status;
      }
      res.writeHead(200).end();
    });
    await app.documents(PRESS_RELEASE_UID).publish({ documentId: release.documentId, locale: 'ru' });
    const purge = await cdn.waitFor((r) => r.body.includes(release.documentId));
    expect(purge.method).toBe('POST');
    expect(purge.url).toBe('/purge');
    expect(purge.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(keysOf(purge.body)).toEqual(
      expect.arrayContaining([`release-${release.documentId}`, 'releases-ru', 'releases']),
    );
    await cdnPurgerOf(app).settled();
    expect(visibleWhenPurged).toBe(200);
  });

  it('a topic rename purges the topics and every release that shows it', async () => {
    const topic = (await app
      .documents('api::topic.topic')
      .findFirst({ locale: 'ru', status: 'published' })) as unknown as {
      documentId: string;
      name: string;
    };
    const showing = (await app.db
      .connection('newsroom_public_releases')
      .distinct('document_id')
      .whereRaw('topic_ids @> ARRAY[?]::text[]', [topic.documentId])) as { document_id: string }[];
    expect(showing.length).toBeGreaterThan(0);
    const before = cdn.received.length;
    await app.documents('api::topic.topic').update({
      documentId: topic.documentId,
      locale: 'ru',
      status: 'published',
      data: { name: topic.name } as never,
    });
    await cdnPurgerOf(app).settled();
    const keys = cdn.received.slice(before).flatMap((r) => keysOf(r.body));
    expect(keys).toEqual(
      expect.arrayContaining(['topics', 'releases', ...showing.map((row) => `release-${row.document_id}`)]),
    );
  });

  it('never holds up the write: a purge the CDN has not answered yet does not delay the next publish', async () => {
    let release: (() => void) | undefined;
    cdn.answerWith(
      (_request, res) =>
        new Promise<void>((resolve) => {
          release = () => {
            res.writeHead(200).end();
            resolve();
          };
        }),
    );
    const held = await createRelease(app, { headline: 'Zzcdn первая, CDN молчит' });
    releases.push(held.documentId);
    await cdn.waitFor((r) => r.body.includes(held.documentId));
    // The CDN still holds that request open; the next write goes through all the same.
    const next = await createRelease(app, { headline: 'Zzcdn вторая, CDN всё молчит' });
    releases.push(next.documentId);
    expect((await api(app).get(`/api/press-releases/${next.documentId}?locale=ru`)).status).toBe(200);
    cdn.answerWith((_request, res) => void res.writeHead(200).end());
    release?.();
    await cdnPurgerOf(app).settled();
  });
});

describe('the purge request of each kind of CDN, retried when it fails', () => {
  it.each([
    ['generic', { keys: ['release-a', 'releases'] }, { authorization: `Bearer ${TOKEN}` }],
    ['cloudflare', { tags: ['release-a', 'releases'] }, { authorization: `Bearer ${TOKEN}` }],
    ['fastly', undefined, { 'surrogate-key': 'release-a releases', 'fastly-key': TOKEN }],
  ] as const)(
    '%s',
    async (kind, body, headers) => {
      const endpoint = await startReceiver();
      let failures = 2;
      endpoint.answerWith((_request, res) => void res.writeHead(failures-- > 0 ? 503 : 200).end());
      const log = { warn: jest.fn(), error: jest.fn() };
      const purger = createCdnPurger(
        { url: `${endpoint.url}/purge`, kind, token: TOKEN, retryDelaysMs: [20, 40] },
        log,
      );
      purger.purge(['release-a']);
      purger.purge(['releases']);
      await purger.settled();
      await endpoint.close();
      // Two failures, then success: three requests, the batch's keys in each.
      expect(endpoint.received).toHaveLength(3);
      for (const request of endpoint.received) {
        expect(request.headers).toMatchObject(headers);
        if (body) expect(JSON.parse(request.body)).toEqual(body);
      }
      expect(log.warn).toHaveBeenCalledTimes(2);
      expect(log.error).not.toHaveBeenCalled();
    },
    20_000,
  );
});
