/**
 * WebSub (issue 29): the public feeds name their hubs, and when a release goes live (published, or its embargo ends)
 * the hubs are pinged for that locale's feeds. The hub here does what a hub does with a ping: it fetches the feed at
 * once, over real HTTP, and the new release must be in what it gets (a ping sent before the caches let go would have
 * the hub fan out the old feed). An embargoed release pings nothing until it lifts.
 */
import type { Core } from '@strapi/strapi';
import { createRelease, deleteRelease, PRESS_RELEASE_UID } from '../helpers/content';
import { freePort, listen } from '../helpers/browser';
import { startReceiver } from '../helpers/http-receiver';
import { api, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { goLiveOf } from '../../src/delivery/go-live/go-live-scheduler';

const saved = { ...process.env };
let app: Core.Strapi;
let baseUrl: string;
let hub: Awaited<ReturnType<typeof startReceiver>>;
const fetched: { feed: string; text: string }[] = [];
const releases: string[] = [];

beforeAll(async () => {
  hub = await startReceiver();
  // A hub answers a publish ping at once, then fetches the topic (the feed) to fan it out.
  hub.answerWith(async (request, res) => {
    res.writeHead(204).end();
    const params = new URLSearchParams(request.body);
    if (params.get('hub.mode') !== 'publish') return;
    const feed = String(params.get('hub.url'));
    // The app may be stopping at the end of the file: a fetch it does not answer is not kept.
    const text = await fetch(feed).then(
      (answer) => answer.text(),
      () => undefined,
    );
    if (text !== undefined) fetched.push({ feed, text });
  });
  const port = await freePort();
  Object.assign(process.env, {
    SERVER_URL: `http://127.0.0.1:${port}`,
    WEBSUB_HUBS: `${hub.url}/hub`,
    GO_LIVE_POLL_SECONDS: '1',
  });
  app = await startNewsroom();
  baseUrl = await listen(app, port);
});
afterAll(async () => {
  for (const documentId of releases) await deleteRelease(app, documentId);
  await stopNewsroom(app);
  await hub.close();
  process.env = saved;
});

describe('the public feeds', () => {
  it('name the hub in the document and in Link headers, with themselves as the topic', async () => {
    const rss = await api(app).get('/feeds/ru/rss.xml');
    expect(rss.headers.link).toBe(`<${hub.url}/hub>; rel="hub", <${baseUrl}/feeds/ru/rss.xml>; rel="self"`);
    expect(rss.text).toContain(`<atom:link href="${hub.url}/hub" rel="hub"/>`);
    const atom = await api(app).get('/feeds/en/atom.xml');
    expect(atom.headers.link).toContain(`<${baseUrl}/feeds/en/atom.xml>; rel="self"`);
    expect(atom.text).toContain(`<link rel="hub" href="${hub.url}/hub"/>`);
    const json = JSON.parse((await api(app).get('/feeds/ru/feed.json')).text);
    expect(json.hubs).toEqual([{ type: 'WebSub', url: `${hub.url}/hub` }]);
  });
});

describe('a release going live', () => {
  it("pings the hub for its locale's feeds, and the hub fetches them with the release in", async () => {
    const headline = 'Zzwebsub Сразу в ленту';
    // The first look at start announced what was live already (the seeded story in both locales): pinged then.
    await goLiveOf(app).settled();
    const before = hub.received.length;
    const fetchedBefore = fetched.length;
    const { documentId } = await createRelease(app, { headline });
    releases.push(documentId);
    const pingedAfter = (feed: string) =>
      hub.received.slice(before).filter((request) => new URLSearchParams(request.body).get('hub.url') === feed);
    for (const file of ['rss.xml', 'atom.xml', 'feed.json']) {
      const feed = `${baseUrl}/feeds/ru/${file}`;
      await hub.waitFor((request) => pingedAfter(feed).includes(request));
      expect(pingedAfter(feed)[0]).toMatchObject({ method: 'POST', url: '/hub' });
      expect(pingedAfter(feed)[0].headers['content-type']).toBe('application/x-www-form-urlencoded');
      // What the hub fetched when told: the feed with the new release in.
      const deadline = Date.now() + 10_000;
      const withIt = () =>
        fetched.slice(fetchedBefore).some((entry) => entry.feed === feed && entry.text.includes(headline));
      while (!withIt() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
      expect({ feed, fetchedWithTheRelease: withIt() }).toEqual({ feed, fetchedWithTheRelease: true });
    }
    // Another locale's feeds did not change.
    await goLiveOf(app).settled();
    const later = hub.received.slice(before).map((request) => new URLSearchParams(request.body).get('hub.url'));
    expect(later.filter((feed) => feed?.includes('/feeds/en/'))).toEqual([]);
  });

  it('pings nothing while embargoed, and pings when the embargo ends', async () => {
    const headline = 'Zzwebsub Под эмбарго';
    const { documentId } = await createRelease(app, { headline, publish: false });
    releases.push(documentId);
    const before = hub.received.length;
    await app.documents(PRESS_RELEASE_UID).update({
      documentId,
      locale: 'ru',
      data: { embargoUntil: new Date(Date.now() + 8000).toISOString() } as never,
    });
    await app.documents(PRESS_RELEASE_UID).publish({ documentId, locale: 'ru' });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(hub.received.slice(before)).toEqual([]);
    const feed = `${baseUrl}/feeds/ru/atom.xml`;
    await hub.waitFor(
      (request, index = hub.received.indexOf(request)) =>
        index >= before && new URLSearchParams(request.body).get('hub.url') === feed,
    );
    const deadline = Date.now() + 10_000;
    const fetchedWith = () => fetched.some((entry) => entry.feed === feed && entry.text.includes(headline));
    while (!fetchedWith() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(fetchedWith()).toBe(true);
  });
});

describe('ActivityPub, off by default', () => {
  it('answers no WebFinger and shows no actor or article: nothing federates unless an operator says so', async () => {
    const host = new URL(baseUrl).host;
    const headers = { accept: 'application/activity+json' };
    expect((await fetch(`${baseUrl}/.well-known/webfinger?resource=acct:press@${host}`)).status).toBe(404);
    expect((await fetch(`${baseUrl}/ap/actors/press`, { headers })).status).toBe(404);
    // No inbox: the catch-all reader route's "method not allowed", not an inbox's 202 or 401.
    expect((await fetch(`${baseUrl}/ap/inbox`, { method: 'POST', headers, body: '{}' })).status).toBe(405);
    // The releases this file made went live with nothing queued for the fediverse.
    expect(releases.length).toBeGreaterThan(0);
    const [{ queued }] = await app.db
      .connection('newsroom_activitypub_deliveries')
      .whereIn('document_id', releases)
      .count({ queued: '*' });
    expect(Number(queued)).toBe(0);
  });
});
