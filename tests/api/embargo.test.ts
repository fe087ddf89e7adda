import type { Core } from '@strapi/strapi';
import { api, graphql, startNewsroom, stopNewsroom, releaseSitemaps } from '../helpers/newsroom-app';
import { untilPast } from '../helpers/eventually';
import { bakuNairobiId, deleteRelease, PRESS_RELEASE_UID } from '../helpers/content';
import { paragraphsToBlocks } from '../../src/platform/content-model/paragraph-blocks';
import { responseCacheFor } from '../../src/delivery/http-cache/response-cache-registry';
import { bringReadModelInStep } from '../../src/read-side/read-model/read-model-rebuild';

const MARKER = 'Zzembargomarker';
const SLUG = 'zzembargomarker-vulkan';

let app: Core.Strapi;
let embargoedId: string;

/** Every public channel, as raw response text, for one release. */
async function everyChannel(documentId: string): Promise<Record<string, { status: number; text: string }>> {
  const get = async (path: string, query: Record<string, string> = {}) => {
    const res = await api(app).get(path).query(query);
    return { status: res.status, text: res.text };
  };
  const gql = async (query: string) => {
    const res = await graphql(app, query);
    return { status: res.status, text: res.text };
  };
  const storyId = await bakuNairobiId(app);
  return {
    restList: await get('/api/press-releases', { locale: 'ru' }),
    restFiltered: await get('/api/press-releases', { locale: 'ru', 'filters[embargoUntil][$notNull]': 'true' }),
    restOne: await get(`/api/press-releases/${documentId}`, { locale: 'ru' }),
    restSlug: await get(`/api/press-releases/slug/${SLUG}`, { locale: 'ru' }),
    restFallback: await get(`/api/press-releases/${documentId}`, { locale: 'az', fallbackLocale: 'ru' }),
    graphqlList: await gql('{ pressReleases(locale: "ru", pagination: { limit: 100 }) { headline } }'),
    graphqlOne: await gql(`{ pressRelease(documentId: "${documentId}", locale: "ru") { headline } }`),
    graphqlConnection: await gql('{ pressReleases_connection(locale: "ru") { nodes { headline } } }'),
    search: await get('/api/search', { q: 'вулканологов', locale: 'ru' }),
    graphqlSearch: await gql('{ searchPressReleases(q: "вулканологов", locale: "ru") { hits { headline } } }'),
    rss: await get('/feeds/ru/rss.xml'),
    atom: await get('/feeds/ru/atom.xml'),
    json: await get('/feeds/ru/feed.json'),
    sitemap: await releaseSitemaps(app),
    newsSitemap: await get('/news-sitemap.xml'),
    jsonld: await get(`/api/press-releases/${documentId}/jsonld`, { locale: 'ru' }),
    ninjs: await get(`/api/press-releases/${documentId}/ninjs`, { locale: 'ru' }),
    newsml: await get(`/api/press-releases/${documentId}/newsml`, { locale: 'ru' }),
    newsmlFeed: await get('/feeds/ru/newsml.xml'),
    relatedOf: await get(`/api/press-releases/${documentId}/related`, { locale: 'ru' }),
    relatedTo: await get(`/api/press-releases/${storyId}/related`, { locale: 'ru' }),
  };
}

/** The headline or body, or the release URL (sitemaps carry only URLs); a 404 may echo the slug it was asked for. */
const mentions = (channel: { text: string }) =>
  channel.text.includes(MARKER) || channel.text.includes(`/press-releases/${SLUG}`);

beforeAll(async () => {
  app = await startNewsroom();
  const topics = (await app.db.query('api::topic.topic').findMany({ where: { locale: 'ru' } })) as {
    documentId: string;
  }[];
  const created = await app.documents(PRESS_RELEASE_UID).create({
    locale: 'ru',
    data: {
      headline: `${MARKER} вулкан`,
      slug: SLUG,
      body: paragraphsToBlocks([`Сообщение для вулканологов ${MARKER}.`]),
      embargoUntil: new Date(Date.now() + 24 * 3600 * 1000).toISOString(),
      topics: { set: topics.map((t) => ({ documentId: t.documentId, locale: 'ru' })) },
    } as never,
  });
  embargoedId = created.documentId;
  await app.documents(PRESS_RELEASE_UID).publish({ documentId: embargoedId, locale: 'ru' });
});

afterAll(async () => {
  await deleteRelease(app, embargoedId);
  await stopNewsroom(app);
});

describe('embargo', () => {
  it('hides a published release under embargo on every public channel', async () => {
    const channels = await everyChannel(embargoedId);
    for (const [name, channel] of Object.entries(channels)) {
      expect({ name, status: channel.status < 500, leaked: mentions(channel) }).toEqual({
        name,
        status: true,
        leaked: false,
      });
    }
    expect(channels.restOne.status).toBe(404);
    expect(channels.jsonld.status).toBe(404);
    expect(channels.ninjs.status).toBe(404);
    expect(channels.newsml.status).toBe(404);
  });

  /**
   * Simulates the clock by moving the stored moment on the published rows themselves. A direct DB change
   * bypasses the app's write path; the read model's start-up check finds the changed rows and projects them
   * again (as it would at the next start), and the response cache is cleared as a write would.
   */
  async function moveEmbargoEnd(embargoUntil: Date) {
    await app.db.query(PRESS_RELEASE_UID).updateMany({ where: { documentId: embargoedId }, data: { embargoUntil } });
    expect(await bringReadModelInStep(app)).toBe(1);
    responseCacheFor(app).clear();
  }

  it('shows it everywhere once the embargo has passed, without republishing', async () => {
    await moveEmbargoEnd(new Date(Date.now() - 1000));
    const channels = await everyChannel(embargoedId);
    const visible = [
      'restList',
      'restFiltered',
      'restOne',
      'restSlug',
      'restFallback',
      'graphqlList',
      'graphqlOne',
      'graphqlConnection',
      'search',
      'graphqlSearch',
      'rss',
      'atom',
      'json',
      'sitemap',
      'newsSitemap',
      'jsonld',
      'ninjs',
      'newsml',
      'newsmlFeed',
      'relatedTo',
    ];
    for (const name of visible) {
      expect({ name, visible: mentions(channels[name]) }).toEqual({ name, visible: true });
    }
  });

  it('lifts by itself when the moment comes', async () => {
    // Five seconds leave a loaded machine room for the reads before the end; the reads after it come at once.
    const endsAt = Date.now() + 5000;
    await moveEmbargoEnd(new Date(endsAt));
    const before = await api(app).get(`/api/press-releases/${embargoedId}`).query({ locale: 'ru' });
    expect(before.status).toBe(404);
    // The list is cached now, but only until the embargo ends.
    expect((await api(app).get('/api/press-releases').query({ locale: 'ru' })).text).not.toContain(MARKER);
    expect((await api(app).get('/api/press-releases').query({ locale: 'ru' })).headers['x-cache']).toBe('hit');
    expect(Date.now()).toBeLessThan(endsAt); // the reads above happened before the end, as the test means
    await untilPast(endsAt);
    const after = await api(app).get(`/api/press-releases/${embargoedId}`).query({ locale: 'ru' });
    expect(after.status).toBe(200);
    const found = await api(app).get('/api/search').query({ q: 'вулканологов', locale: 'ru' });
    expect(found.text).toContain(MARKER);
    expect((await api(app).get('/api/press-releases').query({ locale: 'ru' })).text).toContain(MARKER);
  });

  it('stays visible to editors in the admin panel (document service without a public request)', async () => {
    await moveEmbargoEnd(new Date(Date.now() + 3600 * 1000));
    const release = await app
      .documents(PRESS_RELEASE_UID)
      .findOne({ documentId: embargoedId, locale: 'ru', status: 'published' });
    expect(release?.headline).toBe(`${MARKER} вулкан`);
  });
});
