/**
 * ActivityPub (issue 29): with ACTIVITYPUB=on the newsroom is an actor others can follow. Its followers here live on
 * another fediverse server, a real Fedify one in this process that signs what it sends and verifies what it gets:
 * they find `@press@host` by WebFinger and follow it; a release going live reaches their server once (followers
 * sharing an inbox get one delivery), as a signed Create of an Article; unpublishing sends a Delete. Embargoed and
 * draft releases never federate, and an unsigned activity changes nothing.
 */
import type { Core } from '@strapi/strapi';
import type { Actor } from '@fedify/vocab';
import { createRelease, deleteRelease, PRESS_RELEASE_UID, publishWith } from '../helpers/content';
import { freePort, listen } from '../helpers/browser';
import { eventually, untilPast } from '../helpers/eventually';
import { startFediverseServer } from '../helpers/fediverse-server';
import { startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { goLiveOf } from '../../src/delivery/go-live/go-live-scheduler';
import { activitySenderOf } from '../../src/delivery/activitypub/activity-deliveries';

const saved = { ...process.env };
let app: Core.Strapi;
let baseUrl: string;
let fediverse: Awaited<ReturnType<typeof startFediverseServer>>;
let press: Actor;
const releases: string[] = [];
const AP = { accept: 'application/activity+json' };

/** Everything sent so far has been sent: the go-live look, then the deliveries it queued. */
async function settled(): Promise<void> {
  await goLiveOf(app).settled();
  await activitySenderOf(app).idle();
}

const articleOf = (json: Record<string, unknown>) => json.object as Record<string, unknown>;
const creates = (headline: string) =>
  fediverse.delivered.filter(
    (d) => d.type === 'Create' && (articleOf(d.json)?.nameMap as Record<string, string>)?.ru === headline,
  );

beforeAll(async () => {
  fediverse = await startFediverseServer(['anna', 'boris', 'vera']);
  const port = await freePort();
  Object.assign(process.env, {
    SERVER_URL: `http://127.0.0.1:${port}`,
    ACTIVITYPUB: 'on',
    ACTIVITYPUB_ALLOW_PRIVATE_ADDRESSES: 'true',
    GO_LIVE_POLL_SECONDS: '1',
  });
  app = await startNewsroom();
  baseUrl = await listen(app, port);
  await settled();
});
afterAll(async () => {
  for (const documentId of releases) await deleteRelease(app, documentId);
  await app.db.connection('newsroom_activitypub_deliveries').del();
  await app.db.connection('newsroom_activitypub_followers').del();
  await stopNewsroom(app);
  await fediverse.close();
  process.env = saved;
});

describe('the newsroom actor', () => {
  it('is found by WebFinger as @press@host, with its inboxes, collections and public key', async () => {
    const host = new URL(baseUrl).host;
    const finger = await fetch(`${baseUrl}/.well-known/webfinger?resource=acct:press@${host}`);
    expect(finger.status).toBe(200);
    const links = ((await finger.json()) as { links: { rel: string; href: string }[] }).links;
    const self = links.find((link) => link.rel === 'self');
    expect(self?.href).toBe(`${baseUrl}/ap/actors/press`);

    const actor = (await (await fetch(String(self?.href), { headers: AP })).json()) as Record<string, unknown>;
    expect(actor).toMatchObject({
      type: 'Organization',
      preferredUsername: 'press',
      inbox: `${baseUrl}/ap/actors/press/inbox`,
      outbox: `${baseUrl}/ap/actors/press/outbox`,
      followers: `${baseUrl}/ap/actors/press/followers`,
      endpoints: { sharedInbox: `${baseUrl}/ap/inbox` },
    });
    expect(String((actor.publicKey as { publicKeyPem: string }).publicKeyPem)).toContain('BEGIN PUBLIC KEY');

    // As another server finds it from there (Fedify's own WebFinger look-up goes over https only).
    press = await fediverse.lookUp(String(self?.href));
    expect(press.id?.href).toBe(`${baseUrl}/ap/actors/press`);
  });

  it('takes no unsigned activity: a forged Follow is refused and follows nothing', async () => {
    const forged = await fetch(`${baseUrl}/ap/inbox`, {
      method: 'POST',
      headers: { 'content-type': 'application/activity+json' },
      body: JSON.stringify({
        '@context': 'https://www.w3.org/ns/activitystreams',
        id: `${fediverse.actorUri('vera')}#forged`,
        type: 'Follow',
        actor: fediverse.actorUri('vera'),
        object: `${baseUrl}/ap/actors/press`,
      }),
    });
    expect(forged.status).toBe(401);
    const followers = (await (await fetch(`${baseUrl}/ap/actors/press/followers`, { headers: AP })).json()) as {
      totalItems: number;
    };
    expect(followers.totalItems).toBe(0);
  });

  it('is followed: each follower gets an Accept, and the collection counts them without naming them', async () => {
    await fediverse.follow('anna', press);
    await fediverse.follow('boris', press);
    await eventually(() => fediverse.delivered.filter((d) => d.type === 'Accept').length === 2, 'two Accepts');
    const accepts = fediverse.delivered.filter((d) => d.type === 'Accept');
    expect(accepts.every((accept) => accept.actor === `${baseUrl}/ap/actors/press`)).toBe(true);
    const followers = (await (await fetch(`${baseUrl}/ap/actors/press/followers`, { headers: AP })).json()) as Record<
      string,
      unknown
    >;
    expect(followers.totalItems).toBe(2);
    expect(JSON.stringify(followers)).not.toContain(fediverse.origin);
  });
});

describe('a release going live', () => {
  it("reaches the followers' server once, through its shared inbox, as a signed Create of an Article", async () => {
    const headline = 'Zzfediverse Пресс-релиз в федивёрс';
    const lead = 'Первый абзац для подписчиков.';
    const { documentId } = await createRelease(app, { headline, lead });
    releases.push(documentId);
    const [create] = await eventually(() => creates(headline).length > 0 && creates(headline), 'the Create');
    await settled();
    // Two followers, one server: one delivery, to the shared inbox, signed.
    expect(creates(headline)).toHaveLength(1);
    const posts = fediverse.posted.filter((post) => post.activityId === create.id);
    expect(posts).toEqual([{ path: '/inbox', activityId: create.id, signed: true }]);

    const article = articleOf(create.json);
    const articleUri = `${baseUrl}/ap/releases/${documentId}/ru`;
    expect(article).toMatchObject({ id: articleUri, type: 'Article', attributedTo: `${baseUrl}/ap/actors/press` });
    expect(String((article.contentMap as Record<string, string>).ru)).toContain(lead);
    expect(create.json.to).toBe('as:Public');
    const slug = (await app.documents(PRESS_RELEASE_UID).findOne({ documentId, locale: 'ru', status: 'published' }))
      ?.slug;
    expect(article.url).toBe(`http://localhost:1337/ru/press-releases/${slug}`);

    // The Article is there to be fetched while the release is live.
    const fetched = await fetch(articleUri, { headers: AP });
    expect(fetched.status).toBe(200);
    expect(((await fetched.json()) as { nameMap: Record<string, string> }).nameMap.ru).toBe(headline);
  });

  it('is listed in the outbox, and a draft is neither listed nor sent', async () => {
    const draft = 'Zzfediverse Черновик';
    const { documentId } = await createRelease(app, { headline: draft, publish: false });
    releases.push(documentId);
    await settled();
    const outbox = (await (await fetch(`${baseUrl}/ap/actors/press/outbox`, { headers: AP })).json()) as {
      totalItems: number;
      first: string;
    };
    const page = (await (await fetch(outbox.first, { headers: AP })).json()) as { orderedItems: unknown[] };
    const listed = JSON.stringify(page.orderedItems);
    expect(listed).toContain('Zzfediverse Пресс-релиз в федивёрс');
    expect(listed).toContain('Баку и Найроби');
    expect(listed).not.toContain(draft);
    expect(creates(draft)).toHaveLength(0);
    expect((await fetch(`${baseUrl}/ap/releases/${documentId}/ru`, { headers: AP })).status).toBe(404);
  });

  it('under embargo federates nothing until the embargo ends, then once', async () => {
    const headline = 'Zzfediverse Под эмбарго';
    const { documentId } = await createRelease(app, { headline, publish: false });
    releases.push(documentId);
    const ends = Date.now() + 4000;
    await publishWith(app, documentId, { embargoUntil: new Date(ends).toISOString() });
    await settled();
    expect(creates(headline)).toHaveLength(0);
    expect((await fetch(`${baseUrl}/ap/releases/${documentId}/ru`, { headers: AP })).status).toBe(404);
    await untilPast(ends);
    await eventually(() => creates(headline).length > 0, 'the Create at the end of the embargo');
    await settled();
    expect(creates(headline)).toHaveLength(1);
  });
});

describe('a release that stops being live', () => {
  it("is deleted on the followers' server; its Article and outbox entry are gone", async () => {
    const headline = 'Zzfediverse Снят с публикации';
    const { documentId } = await createRelease(app, { headline });
    releases.push(documentId);
    await eventually(() => creates(headline).length > 0, 'the Create');
    await app.documents(PRESS_RELEASE_UID).unpublish({ documentId, locale: 'ru' });
    const articleUri = `${baseUrl}/ap/releases/${documentId}/ru`;
    const deletion = await eventually(
      () => fediverse.delivered.find((d) => d.type === 'Delete' && JSON.stringify(d.json).includes(articleUri)),
      'the Delete',
    );
    expect(deletion.actor).toBe(`${baseUrl}/ap/actors/press`);
    expect((await fetch(articleUri, { headers: AP })).status).toBe(404);
    const outbox = (await (await fetch(`${baseUrl}/ap/actors/press/outbox`, { headers: AP })).json()) as {
      first: string;
    };
    expect(await (await fetch(outbox.first, { headers: AP })).text()).not.toContain(articleUri);
  });
});

describe('a follower who unfollows', () => {
  it('is counted no more, and their server gets nothing more once nobody on it follows', async () => {
    await fediverse.unfollow('anna', press);
    await fediverse.unfollow('boris', press);
    const count = async () =>
      ((await (await fetch(`${baseUrl}/ap/actors/press/followers`, { headers: AP })).json()) as { totalItems: number })
        .totalItems;
    await eventually(async () => (await count()) === 0, 'no followers');
    const headline = 'Zzfediverse После отписки';
    const { documentId } = await createRelease(app, { headline });
    releases.push(documentId);
    await settled();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await settled();
    expect(creates(headline)).toHaveLength(0);
  });
});
