/**
 * Go-live events for frontends: WEBHOOK_URL hears when a release becomes visible (published, or its embargo ended),
 * changes while visible, or stops being visible, exactly once with two instances running, including an embargo that
 * ended while every instance was down; and never hears an embargoed release's content before it goes live.
 */
import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { Webhook } from 'standardwebhooks';
import { startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { createRelease, deleteRelease, PRESS_RELEASE_UID } from '../helpers/content';
import { startReceiver, type Received } from '../helpers/http-receiver';
import { goLiveOf } from '../../src/delivery/go-live/go-live-scheduler';
import { startNewsroomProcess, type NewsroomProcess } from '../helpers/newsroom-process';

const SECRET = 'go-live-secret';
/** Two Standard Webhooks keys, as during a rotation: the old one and the new one. */
const OLD_KEY = `whsec_${randomBytes(32).toString('base64')}`;
const NEW_KEY = `whsec_${randomBytes(32).toString('base64')}`;
const saved = { ...process.env };
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let first: Core.Strapi;
/** The other instance, in a process of its own (Strapi keeps one app per process); it looks and delivers too. */
let second: NewsroomProcess | undefined;
const releases: string[] = [];

type Event = {
  id: number;
  event: string;
  model: string;
  entry: { documentId: string; locale: string; headline?: string };
};
const eventOf = (request: Received) => JSON.parse(request.body) as Event;
const eventsFor = (documentId: string, event?: string) =>
  receiver.received.map(eventOf).filter((e) => e.entry.documentId === documentId && (!event || e.event === event));

/** Both instances have looked and delivered everything due, twice over (each polls every second). */
async function bothSettled() {
  await goLiveOf(first).settled();
  await new Promise((resolve) => setTimeout(resolve, 2500));
  await goLiveOf(first).settled();
}

beforeAll(async () => {
  receiver = await startReceiver();
  Object.assign(process.env, {
    WEBHOOK_URL: `${receiver.url}/rebuild`,
    WEBHOOK_SECRET_HEADER: 'X-Newsroom-Secret',
    WEBHOOK_SECRET: SECRET,
    WEBHOOK_SIGNING_SECRETS: `${OLD_KEY},${NEW_KEY}`,
    GO_LIVE_POLL_SECONDS: '1',
  });
  first = await startNewsroom();
  second = await startNewsroomProcess({});
});
afterAll(async () => {
  for (const documentId of releases) await deleteRelease(first, documentId);
  await second?.stop();
  await stopNewsroom(first);
  process.env = saved;
  await receiver.close();
});

describe('go-live events, two instances running', () => {
  it('a publish without embargo: release.live once, with the public release and the secret header', async () => {
    const { documentId } = await createRelease(first, { headline: 'Zzlive сразу в эфир' });
    releases.push(documentId);
    const delivery = await receiver.waitFor((r) => r.body.includes(documentId));
    expect(delivery.headers['x-newsroom-secret']).toBe(SECRET);
    expect(delivery.headers['x-newsroom-event']).toBe('release.live');
    expect(eventOf(delivery)).toMatchObject({
      event: 'release.live',
      model: 'press-release',
      entry: { documentId, locale: 'ru', headline: 'Zzlive сразу в эфир' },
    });
    await bothSettled();
    expect(eventsFor(documentId)).toHaveLength(1);
  });

  it('is signed as Standard Webhooks say, with each key of a rotation; a changed or old one fails', async () => {
    const { documentId } = await createRelease(first, { headline: 'Zzsigned подписанное событие' });
    releases.push(documentId);
    const delivery = await receiver.waitFor((r) => r.body.includes(documentId));
    const headers = delivery.headers as Record<string, string>;
    expect(headers['webhook-id']).toBe(`evt_${eventOf(delivery).id}`);
    expect(Math.abs(Number(headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(300);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    // A receiver with either key accepts it, as the library any receiver would use checks it.
    for (const key of [OLD_KEY, NEW_KEY])
      expect(new Webhook(key).verify(delivery.body, headers)).toMatchObject({ entry: { documentId } });
    const stranger = `whsec_${randomBytes(32).toString('base64')}`;
    expect(() => new Webhook(stranger).verify(delivery.body, headers)).toThrow();
    expect(() => new Webhook(NEW_KEY).verify(delivery.body.replace('Zzsigned', 'Zzforged'), headers)).toThrow();
    const replayed = { ...headers, 'webhook-timestamp': String(Math.floor(Date.now() / 1000) - 3600) };
    expect(() => new Webhook(NEW_KEY).verify(delivery.body, replayed)).toThrow();
  });

  it('an embargoed publish: nothing while embargoed, then release.live once when the embargo ends', async () => {
    const headline = 'Zzlive под эмбарго до поры';
    const { documentId } = await createRelease(first, { headline, publish: false });
    releases.push(documentId);
    await first.documents(PRESS_RELEASE_UID).update({
      documentId,
      locale: 'ru',
      data: { embargoUntil: new Date(Date.now() + 2500).toISOString() } as never,
    });
    await first.documents(PRESS_RELEASE_UID).publish({ documentId, locale: 'ru' });
    await goLiveOf(first).settled();
    expect(receiver.received.filter((r) => r.body.includes(documentId) || r.body.includes(headline))).toEqual([]);
    const live = await receiver.waitFor((r) => r.body.includes(documentId), 10_000);
    expect(eventOf(live)).toMatchObject({ event: 'release.live', entry: { documentId, headline } });
    await bothSettled();
    expect(eventsFor(documentId)).toHaveLength(1);
  });

  it('a change while live: release.update once; an unpublish: release.gone once', async () => {
    const { documentId } = await createRelease(first, { headline: 'Zzlive будет изменён' });
    releases.push(documentId);
    await receiver.waitFor((r) => r.body.includes(documentId));
    await first.documents(PRESS_RELEASE_UID).update({
      documentId,
      locale: 'ru',
      data: { headline: 'Zzlive изменён' } as never,
    });
    await first.documents(PRESS_RELEASE_UID).publish({ documentId, locale: 'ru' });
    const update = await receiver.waitFor((r) => eventOf(r).event === 'release.update' && r.body.includes(documentId));
    expect(eventOf(update).entry.headline).toBe('Zzlive изменён');
    await first.documents(PRESS_RELEASE_UID).unpublish({ documentId, locale: 'ru' });
    const gone = await receiver.waitFor((r) => eventOf(r).event === 'release.gone' && r.body.includes(documentId));
    expect(eventOf(gone).entry).toEqual({ documentId, locale: 'ru' });
    await bothSettled();
    expect(eventsFor(documentId).map((e) => e.event)).toEqual(['release.live', 'release.update', 'release.gone']);
  });

  it('a receiver that fails gets the same event again, with the same delivery id, until it answers 2xx', async () => {
    let failures = 1;
    receiver.answerWith((_request, res) => void res.writeHead(failures-- > 0 ? 503 : 200).end());
    const { documentId } = await createRelease(first, { headline: 'Zzlive получатель сначала падает' });
    releases.push(documentId);
    await receiver.waitFor((r) => r.body.includes(documentId) && failures < 0, 10_000);
    const attempts = receiver.received.filter((r) => r.body.includes(documentId));
    expect(attempts).toHaveLength(2);
    expect(attempts[1].headers['x-newsroom-delivery']).toBe(attempts[0].headers['x-newsroom-delivery']);
    receiver.answerWith((_request, res) => void res.writeHead(200).end());
  });
});

describe('an embargo that ends while every instance is down', () => {
  it('is announced at the next start', async () => {
    const { documentId } = await createRelease(first, { headline: 'Zzlive эмбарго кончилось без нас', publish: false });
    releases.push(documentId);
    // Far enough ahead that both instances are down before it ends, on a loaded machine too.
    const embargoUntil = Date.now() + 5000;
    await first.documents(PRESS_RELEASE_UID).update({
      documentId,
      locale: 'ru',
      data: { embargoUntil: new Date(embargoUntil).toISOString() } as never,
    });
    await first.documents(PRESS_RELEASE_UID).publish({ documentId, locale: 'ru' });
    await second?.stop();
    second = undefined;
    await stopNewsroom(first);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, embargoUntil - Date.now()) + 500));
    expect(eventsFor(documentId)).toEqual([]);
    first = await startNewsroom();
    const live = await receiver.waitFor((r) => r.body.includes(documentId), 10_000);
    expect(eventOf(live).event).toBe('release.live');
    await bothSettled();
    expect(eventsFor(documentId)).toHaveLength(1);
  });
});
