/**
 * Email subscriptions (issue 29), over a real SMTP server in the test (smtp-server), every message read by mailparser:
 * double opt-in, the same answer for any address, limits per client and per address, preferences, export and delete,
 * one email per subscriber at go-live (never before an embargo ends, never twice), the RFC 8058 one-click pair, a
 * List-Id, a DKIM signature that a real verifier (mailauth) accepts with the test key, and a refused address
 * suppressed.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { dkimVerify } from 'mailauth/lib/dkim/verify';
import { api, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { createRelease, deleteRelease, PRESS_RELEASE_UID } from '../helpers/content';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../helpers/smtp-server';
import { goLiveOf } from '../../src/delivery/go-live/go-live-scheduler';
import { mailContext, subscriptionSenderOf } from '../../src/delivery/subscriptions/subscription-outbox';
import { sendDueDigests } from '../../src/delivery/subscriptions/daily-digest';
import { AUDIT_EVENTS } from '../../src/editorial/audit-trail/audit-event';
import { editorToken, tokenWithOnly } from '../helpers/editor';

const TOPIC_UID = 'api::topic.topic';
const saved = { ...process.env };
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const DKIM_PUBLIC = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

let app: Core.Strapi;
let smtp: TestSmtpServer;
const releases: string[] = [];
let topic: string;

const to = (address: string) => (mail: ReceivedMail) => mail.envelope.to.includes(address);
const mailsTo = (address: string) => smtp.messages.filter(to(address));
const linkIn = (mail: ReceivedMail, path: string) => {
  const found = new RegExp(`https?://[^\\s"<>]+${path}\\?token=[\\w.-]+`).exec(mail.parsed.text ?? '');
  if (!found) throw new Error(`no ${path} link in: ${mail.parsed.text}`);
  return new URL(found[0]);
};
const subscribe = (body: Record<string, unknown>, ip = '203.0.113.1') =>
  api(app).post('/api/subscriptions').set('X-Forwarded-For', ip).send(body);

/** Everything due has been queued and handed to the SMTP server. */
async function sent() {
  await goLiveOf(app).settled();
  await subscriptionSenderOf(app).idle();
}

/** A confirmed subscriber, through the emails as a person would. */
let clients = 100;
async function confirmedSubscriber(email: string, choices: { locale?: string; topics?: string[] } = {}) {
  // Each from a client address of its own: the per-client limit is tested on its own.
  const asked = await subscribe(
    { email, locale: choices.locale ?? 'ru', topics: choices.topics ?? [] },
    `198.51.100.${(clients += 1)}`,
  );
  expect(asked.status).toBe(202);
  const confirmation = await smtp.waitForMessage(to(email));
  const link = linkIn(confirmation, '/api/subscriptions/confirm');
  const confirmed = await api(app)
    .post(link.pathname)
    .type('form')
    .send({ token: link.searchParams.get('token') });
  expect(confirmed.status).toBe(200);
  return { token: String(link.searchParams.get('token')) };
}

beforeAll(async () => {
  smtp = await startSmtpServer({ refuses: (address) => address.startsWith('gone@') });
  Object.assign(process.env, {
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Press office <press@newsroom.test>',
    DKIM_DOMAIN: 'newsroom.test',
    DKIM_SELECTOR: 'test',
    DKIM_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().replace(/\n/g, '\\n'),
    IS_PROXIED: 'true',
    GO_LIVE_POLL_SECONDS: '1',
    MAIL_RATE_PER_SECOND: '200',
    MAIL_WEBHOOK_SECRET: 'provider-secret',
    // Digests are due from midnight UTC: a daily subscriber's first digest of the day goes at the next look.
    DIGEST_HOUR_UTC: '0',
  });
  app = await startNewsroom();
  topic = (
    (await app.documents(TOPIC_UID).create({ locale: 'ru', data: { name: 'Zzsub Безопасность' } as never })) as {
      documentId: string;
    }
  ).documentId;
});
afterAll(async () => {
  for (const documentId of releases) await deleteRelease(app, documentId);
  await app.db
    .connection('newsroom_subscribers')
    .where('email', 'like', 'zzsub%')
    .orWhere({ email: 'gone@example.test' })
    .del();
  await app.db.connection('newsroom_mail_suppressions').where({ email: 'gone@example.test' }).del();
  await app.documents(TOPIC_UID).delete({ documentId: topic, locale: '*' } as never);
  await stopNewsroom(app);
  await smtp.close();
  process.env = saved;
});

describe('asking to subscribe', () => {
  it('refuses what is wrong with a 400 that says what', async () => {
    for (const [body, message] of [
      [{ email: 'not an address', locale: 'ru' }, 'email'],
      [{ email: 'a@example.test', locale: 'xx' }, 'locale'],
      [{ email: 'a@example.test', locale: 'ru', topics: ['nosuchtopic'] }, 'no such topic'],
      [{ email: 'a@example.test', locale: 'ru', password: 'x' }, 'password'],
    ] as const) {
      const res = await subscribe(body, '203.0.113.9');
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.error.message).toContain(message);
    }
  });

  it('answers 202 the same for a new, a pending and a confirmed address; only a confirmation goes out', async () => {
    const answers: Awaited<ReturnType<typeof subscribe>>[] = [];
    answers.push(await subscribe({ email: 'Zzsub.New@Example.test', locale: 'ru' }));
    answers.push(await subscribe({ email: 'zzsub.new@example.test', locale: 'ru', topics: [topic] }));
    const confirmation = await smtp.waitForMessage(to('zzsub.new@example.test'));
    expect(confirmation.parsed.subject).toMatch(/^Подтвердите подписку/);
    await confirmedSubscriber('zzsub.known@example.test');
    answers.push(await subscribe({ email: 'zzsub.known@example.test', locale: 'ru' }));
    expect(answers.map((res) => [res.status, res.body])).toEqual(answers.map(() => [202, answers[0].body]));
    // The owner of a confirmed address hears that someone asked, with a way to manage it; nothing changed.
    const note = await smtp.waitForMessage(
      (mail) => to('zzsub.known@example.test')(mail) && /subscribed|подписаны/i.test(mail.parsed.subject ?? ''),
    );
    expect(note.parsed.text).toContain('/api/subscriptions/preferences?token=');
    // The pending address keeps only what it needs: its choices, the consent and when.
    const [row] = await app.db.connection('newsroom_subscribers').where({ email: 'zzsub.new@example.test' });
    expect(row).toMatchObject({ status: 'pending', locale: 'ru', topics: [topic], confirmed_at: null });
    expect(row.consent_text).toMatch(/пресс-релизы по электронной почте/);
  });

  it('is limited per address and per client, across every address of the client', async () => {
    const limited = [];
    for (let attempt = 0; attempt < 4; attempt += 1)
      limited.push(
        (await subscribe({ email: 'zzsub.often@example.test', locale: 'ru' }, `203.0.113.${20 + attempt}`)).status,
      );
    expect(limited).toEqual([202, 202, 202, 429]);
    const fromOneClient = [];
    for (let attempt = 0; attempt < 11; attempt += 1)
      fromOneClient.push(
        (await subscribe({ email: `zzsub.c${attempt}@example.test`, locale: 'ru' }, '203.0.113.50')).status,
      );
    expect(fromOneClient.slice(0, 10).every((status) => status === 202)).toBe(true);
    expect(fromOneClient[10]).toBe(429);
  });
});

describe('the form on the reader pages', () => {
  it("asks for the page's language, and posts as a browser does: a page in answer", async () => {
    const page = await api(app).get('/').query({ locale: 'en' });
    expect(page.text).toContain(
      '<form id="subscribe-form" class="subscribe" action="/api/subscriptions" method="post">',
    );
    expect(page.text).toContain('id="subscribe-locale" value="en"');
    const posted = await api(app)
      .post('/api/subscriptions')
      .set('X-Forwarded-For', '203.0.113.80')
      .set('Accept', 'text/html,application/xhtml+xml')
      .type('form')
      .send({ email: 'zzsub.form@example.test', locale: 'en' });
    expect(posted.status).toBe(202);
    expect(posted.headers['content-type']).toMatch(/^text\/html/);
    expect(posted.text).toContain('a message is on its way');
    await smtp.waitForMessage(to('zzsub.form@example.test'));
  });
});

describe('confirming', () => {
  it('takes a POST: the emailed link shows a page with a button, and changes nothing by itself', async () => {
    await subscribe({ email: 'zzsub.scanner@example.test', locale: 'ru' }, '203.0.113.60');
    const link = linkIn(await smtp.waitForMessage(to('zzsub.scanner@example.test')), '/api/subscriptions/confirm');
    const page = await api(app).get(`${link.pathname}${link.search}`);
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('private, no-store');
    expect(page.text).toContain('<form method="post"');
    const [row] = await app.db.connection('newsroom_subscribers').where({ email: 'zzsub.scanner@example.test' });
    expect(row.status).toBe('pending');
    const forged = await api(app)
      .post(link.pathname)
      .type('form')
      .send({ token: `${row.id}.${'A'.repeat(43)}` });
    expect(forged.status).toBe(404);
  });
});

describe('a release going live', () => {
  let reader: { token: string };

  beforeAll(async () => {
    reader = await confirmedSubscriber('zzsub.reader@example.test');
    await confirmedSubscriber('zzsub.topical@example.test', { topics: [topic] });
    await confirmedSubscriber('zzsub.english@example.test', { locale: 'en' });
    // An address that worked when it was confirmed, and whose mailbox is gone since.
    await app.db.connection('newsroom_subscribers').insert({
      email: 'gone@example.test',
      locale: 'ru',
      status: 'confirmed',
      consent_at: new Date(),
      consent_text: 'test',
      confirmed_at: new Date(),
    });
    await sent();
  });

  it('reaches each matching subscriber once, in their language, with the one-click pair, List-Id, DKIM', async () => {
    const headline = 'Zzsub Баку и Найроби договорились';
    const before = smtp.messages.length;
    const { documentId } = await createRelease(app, { headline, lead: 'Короткий лид.', topics: [topic] });
    releases.push(documentId);
    const mail = await smtp.waitForMessage((m) => to('zzsub.reader@example.test')(m) && m.parsed.subject === headline);
    await smtp.waitForMessage((m) => to('zzsub.topical@example.test')(m) && m.parsed.subject === headline);
    await sent();
    const about = smtp.messages.slice(before).filter((m) => m.parsed.subject === headline);
    // Every confirmed subscriber of Russian releases with no topic or this one; not the English reader.
    expect(about.map((m) => m.envelope.to[0]).sort()).toEqual([
      'zzsub.known@example.test',
      'zzsub.reader@example.test',
      'zzsub.topical@example.test',
    ]);

    expect(mail.parsed.text).toContain('Короткий лид.');
    // Tracking is off by default: no counting picture, no pass-through link.
    expect(String(mail.parsed.html)).not.toMatch(/\/api\/subscriptions\/(opened|clicked)\//);
    expect((await api(app).get(`/api/subscriptions/opened/${documentId}.ru.gif`)).status).toBe(404);
    expect(mail.parsed.html).toContain(`>${headline}</a>`);
    const headers = mail.parsed.headers;
    const unsubscribe = String(
      headers.get('list-unsubscribe') ??
        mail.parsed.headerLines.find((line) => line.key === 'list-unsubscribe')?.line ??
        '',
    );
    expect(unsubscribe).toMatch(/https?:\/\/[^>]+\/api\/subscriptions\/unsubscribe\?token=/);
    const raw = mail.raw.toString();
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    expect(raw).toMatch(/^List-Id: .*<press-releases\.newsroom\.test>\r?$/im);
    // RFC 8058: the one-click pair is covered by the DKIM signature.
    const signed = /^DKIM-Signature:[\s\S]*?\bh=([^;]+);/m.exec(raw)?.[1].replace(/\s+/g, '').toLowerCase().split(':');
    expect(signed).toEqual(expect.arrayContaining(['list-unsubscribe', 'list-unsubscribe-post', 'list-id']));
    expect(String(headers.get('message-id'))).toMatch(new RegExp(`^<${documentId}\\.ru\\.\\d+@newsroom\\.test>$`));
    const dkim = await dkimVerify(mail.raw, {
      resolver: async (name: string) => {
        if (name !== 'test._domainkey.newsroom.test')
          throw Object.assign(new Error('no such record'), { code: 'ENOTFOUND' });
        return [[`v=DKIM1; k=rsa; p=${DKIM_PUBLIC}`]];
      },
    } as never);
    expect(dkim.results.map((result) => result.status.result)).toEqual(['pass']);

    // Published again with a change: no second email.
    await app
      .documents(PRESS_RELEASE_UID)
      .update({ documentId, locale: 'ru', data: { lead: 'Исправленный лид.' } as never });
    await app.documents(PRESS_RELEASE_UID).publish({ documentId, locale: 'ru' });
    await sent();
    expect(mailsTo('zzsub.reader@example.test').filter((m) => m.parsed.subject === headline)).toHaveLength(1);
  });

  it('waits for an embargo to end', async () => {
    const headline = 'Zzsub Под эмбарго';
    const { documentId } = await createRelease(app, { headline, publish: false });
    releases.push(documentId);
    await app.documents(PRESS_RELEASE_UID).update({
      documentId,
      locale: 'ru',
      data: { embargoUntil: new Date(Date.now() + 2500).toISOString() } as never,
    });
    await app.documents(PRESS_RELEASE_UID).publish({ documentId, locale: 'ru' });
    await sent();
    expect(smtp.messages.filter((m) => m.parsed.subject === headline)).toEqual([]);
    await smtp.waitForMessage((m) => to('zzsub.reader@example.test')(m) && m.parsed.subject === headline);
    // Not on the topic a subscriber chose: not to them.
    await sent();
    expect(mailsTo('zzsub.topical@example.test').filter((m) => m.parsed.subject === headline)).toEqual([]);
  });

  it('puts an address the server refuses for good on the suppression list', async () => {
    const [suppressed] = await app.db.connection('newsroom_mail_suppressions').where({ email: 'gone@example.test' });
    expect(suppressed).toMatchObject({ reason: 'bounce' });
    expect(suppressed.detail).toMatch(/550|No such mailbox/);
  });

  it('stops at once after a one-click unsubscribe, and keeps nothing of the subscriber', async () => {
    const mail = mailsTo('zzsub.reader@example.test').find((m) => /^Zzsub/.test(m.parsed.subject ?? ''))!;
    const url = new URL(
      /<([^>]+)>/.exec(String(mail.parsed.headers.get('list-unsubscribe') ?? ''))?.[1] ??
        linkIn(mail, '/api/subscriptions/unsubscribe').href,
    );
    // What a mail client sends for RFC 8058: a POST of the form field, to the URL as it is, no cookie, no log-in.
    const res = await api(app).post(`${url.pathname}${url.search}`).type('form').send('List-Unsubscribe=One-Click');
    expect(res.status).toBe(200);
    expect(await app.db.connection('newsroom_subscribers').where({ email: 'zzsub.reader@example.test' })).toEqual([]);
    const headline = 'Zzsub После отписки';
    const { documentId } = await createRelease(app, { headline });
    releases.push(documentId);
    await sent();
    expect(mailsTo('zzsub.reader@example.test').filter((m) => m.parsed.subject === headline)).toEqual([]);
    expect(reader.token).toBeTruthy();
  });
});

describe("a subscriber's preferences", () => {
  it('change language and topics, download what is kept, and delete it, from the link in every email', async () => {
    const { token } = await confirmedSubscriber('zzsub.prefs@example.test');
    const manage = (await smtp.waitForMessage(to('zzsub.prefs@example.test'))) && token;
    expect(manage).toBeTruthy();
    const note = await subscribe({ email: 'zzsub.prefs@example.test', locale: 'ru' }, '203.0.113.70');
    expect(note.status).toBe(202);
    const mail = await smtp.waitForMessage(
      (m) => to('zzsub.prefs@example.test')(m) && /subscribed|подписаны/i.test(m.parsed.subject ?? ''),
    );
    const link = linkIn(mail, '/api/subscriptions/preferences');
    const page = await api(app).get(`${link.pathname}${link.search}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Zzsub Безопасность');
    const manageToken = String(link.searchParams.get('token'));
    const saved = await api(app)
      .post('/api/subscriptions/preferences')
      .type('form')
      .send({ token: manageToken, locale: 'en', topics: topic });
    expect(saved.status).toBe(200);
    const [row] = await app.db.connection('newsroom_subscribers').where({ email: 'zzsub.prefs@example.test' });
    expect(row).toMatchObject({ locale: 'en', topics: [topic] });
    const data = await api(app).get('/api/subscriptions/data').query({ token: manageToken });
    expect(data.headers['content-disposition']).toContain('attachment');
    expect(data.body).toMatchObject({
      email: 'zzsub.prefs@example.test',
      language: 'en',
      topics: [topic],
      status: 'confirmed',
    });
    expect(data.body.consent.wording).toMatch(/press releases by email|пресс-релизы/);
    const deleted = await api(app).post('/api/subscriptions/delete').type('form').send({ token: manageToken });
    expect(deleted.status).toBe(200);
    expect(await app.db.connection('newsroom_subscribers').where({ email: 'zzsub.prefs@example.test' })).toEqual([]);
    expect((await api(app).get(`${link.pathname}${link.search}`)).status).toBe(404);
  });
});

describe("the admin panel's view of the subscribers", () => {
  it('gives Editors counts only; addresses to an explicit permission, each export in the audit trail', async () => {
    await confirmedSubscriber('zzsub.counted@example.test', { topics: [topic] });
    const editor = await editorToken(app, 'zzsub.editor@newsroom.test');
    const counts = await api(app).get('/newsroom/subscribers').set('authorization', `Bearer ${editor}`);
    expect(counts.status).toBe(200);
    expect(counts.body.meta).toEqual({ mayExportAddresses: false, mailTracking: false });
    const ru = (counts.body.data.byLanguage as { locale: string; confirmed: number }[]).find(
      (row) => row.locale === 'ru',
    );
    expect(ru?.confirmed).toBeGreaterThan(0);
    expect(counts.body.data.byTopic).toEqual(
      expect.arrayContaining([expect.objectContaining({ topic, name: 'Zzsub Безопасность' })]),
    );
    expect(JSON.stringify(counts.body)).not.toContain('@');
    const refused = await api(app).post('/newsroom/subscribers/export').set('authorization', `Bearer ${editor}`);
    expect(refused.status).toBe(403);
    const author = await editorToken(app, 'zzsub.author@newsroom.test', 'author');
    expect((await api(app).get('/newsroom/subscribers').set('authorization', `Bearer ${author}`)).status).toBe(403);

    const exporter = await tokenWithOnly(app, 'zzsub.exporter@newsroom.test', ['api::subscribers.export-addresses']);
    const exported = await api(app).post('/newsroom/subscribers/export').set('authorization', `Bearer ${exporter}`);
    expect(exported.status).toBe(200);
    expect(exported.headers['content-type']).toMatch(/^text\/csv/);
    expect(exported.text.split('\r\n')[0]).toBe('email,language,topics,status,consent_at,confirmed_at');
    expect(exported.text).toContain(`zzsub.counted@example.test,ru,${topic},confirmed,`);
    const [entry] = await app.db
      .connection(AUDIT_EVENTS)
      .where({ action: 'subscribers.export', actor_email: 'zzsub.exporter@newsroom.test' });
    expect(entry).toMatchObject({ outcome: 'success' });
  });
});

describe("an editor's test of a release's email", () => {
  it('goes to the editor alone, from the draft as it is, marked as a test; nobody else may ask', async () => {
    const headline = 'Zzsub Черновик для пробы';
    const { documentId } = await createRelease(app, { headline, lead: 'Лид черновика.', publish: false });
    releases.push(documentId);
    const editor = await editorToken(app, 'zzsub.tester@newsroom.test');
    const before = smtp.messages.length;
    const res = await api(app)
      .post(`/newsroom/test-email/${documentId}`)
      .query({ locale: 'ru' })
      .set('authorization', `Bearer ${editor}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ sentTo: 'zzsub.tester@newsroom.test' });
    const mail = await smtp.waitForMessage(to('zzsub.tester@newsroom.test'));
    expect(mail.parsed.subject).toBe(`[Test] ${headline}`);
    expect(mail.parsed.text).toContain('Лид черновика.');
    expect(smtp.messages.slice(before).map((m) => m.envelope.to[0])).toEqual(['zzsub.tester@newsroom.test']);
    const anonymous = await api(app).post(`/newsroom/test-email/${documentId}`).query({ locale: 'ru' });
    expect(anonymous.status).toBe(401);
    const viewer = await tokenWithOnly(app, 'zzsub.viewer@newsroom.test', ['plugin::upload.read']);
    const refused = await api(app)
      .post(`/newsroom/test-email/${documentId}`)
      .query({ locale: 'ru' })
      .set('authorization', `Bearer ${viewer}`);
    expect(refused.status).toBe(403);
  });
});

describe("a mail provider's bounces and complaints", () => {
  const notice = (body: unknown, secret?: string) => {
    const request = api(app).post('/api/subscriptions/mail-notices');
    return (secret ? request.auth('postmark', secret) : request).send(body as object);
  };
  const subscriberOf = async (email: string) =>
    (await app.db.connection('newsroom_subscribers').where({ email })).length;

  it('take only the shared secret, and suppress an address that bounced for good or complained', async () => {
    await confirmedSubscriber('zzsub.hard@example.test');
    await confirmedSubscriber('zzsub.soft@example.test');
    await confirmedSubscriber('zzsub.spam@example.test');
    const hard = { RecordType: 'Bounce', Type: 'HardBounce', Email: 'zzsub.hard@example.test', Description: 'gone' };
    expect((await notice(hard)).status).toBe(401);
    expect((await notice(hard, 'not-the-secret')).status).toBe(401);
    expect(await subscriberOf('zzsub.hard@example.test')).toBe(1);
    expect((await notice({ RecordType: 'Bounce' }, 'provider-secret')).status).toBe(400);

    expect((await notice(hard, 'provider-secret')).status).toBe(204);
    const soft = { RecordType: 'Bounce', Type: 'SoftBounce', Email: 'zzsub.soft@example.test' };
    expect((await notice(soft, 'provider-secret')).status).toBe(204);
    const spam = { RecordType: 'SpamComplaint', Type: 'SpamComplaint', Email: 'ZZSUB.Spam@example.test' };
    const bearer = await api(app)
      .post('/api/subscriptions/mail-notices')
      .set('authorization', 'Bearer provider-secret')
      .send(spam);
    expect(bearer.status).toBe(204);

    expect(await subscriberOf('zzsub.hard@example.test')).toBe(0);
    expect(await subscriberOf('zzsub.spam@example.test')).toBe(0);
    expect(await subscriberOf('zzsub.soft@example.test')).toBe(1);
    const suppressed = await app.db
      .connection('newsroom_mail_suppressions')
      .whereIn('email', ['zzsub.hard@example.test', 'zzsub.soft@example.test', 'zzsub.spam@example.test'])
      .orderBy('email')
      .select('email', 'reason');
    expect(suppressed).toEqual([
      { email: 'zzsub.hard@example.test', reason: 'bounce' },
      { email: 'zzsub.spam@example.test', reason: 'complaint' },
    ]);
    // This file's subscribers are deleted at its end; its suppressions too.
    await app.db
      .connection('newsroom_mail_suppressions')
      .whereIn('email', ['zzsub.hard@example.test', 'zzsub.spam@example.test'])
      .del();
  });
});

describe('a daily digest', () => {
  it("carries a day's releases in one email, once a day, and nothing goes to the subscriber one by one", async () => {
    await confirmedSubscriber('zzsub.daily@example.test');
    const note = await subscribe({ email: 'zzsub.daily@example.test', locale: 'ru' }, '198.51.100.250');
    expect(note.status).toBe(202);
    const mail = await smtp.waitForMessage(
      (m) => to('zzsub.daily@example.test')(m) && /subscribed|подписаны/i.test(m.parsed.subject ?? ''),
    );
    const token = String(linkIn(mail, '/api/subscriptions/preferences').searchParams.get('token'));
    const saved = await api(app)
      .post('/api/subscriptions/preferences')
      .type('form')
      .send({ token, locale: 'ru', cadence: 'daily' });
    expect(saved.status).toBe(200);
    expect(saved.text).toContain('value="daily" checked');

    const first = 'Zzsub Первый за день';
    releases.push((await createRelease(app, { headline: first })).documentId);
    const digest = await smtp.waitForMessage(
      (m) => to('zzsub.daily@example.test')(m) && /за день/.test(m.parsed.subject ?? ''),
    );
    expect(digest.parsed.subject).toMatch(/пресс-релизов за день — 1$/);
    expect(digest.parsed.text).toContain(first);
    expect(digest.raw.toString()).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);

    // Later the same day: held for tomorrow's digest, nothing now.
    const second = 'Zzsub Второй за день';
    releases.push((await createRelease(app, { headline: second })).documentId);
    await sent();
    const toDaily = () =>
      mailsTo('zzsub.daily@example.test').filter((m) => /^Zzsub|за день/.test(m.parsed.subject ?? ''));
    expect(toDaily()).toHaveLength(1);
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000);
    expect(await sendDueDigests(app, mailContext(app), { now: tomorrow })).toBe(1);
    expect(await sendDueDigests(app, mailContext(app), { now: tomorrow })).toBe(0);
    const next = toDaily();
    expect(next).toHaveLength(2);
    expect(next[1].parsed.text).toContain(second);
    expect(next[1].parsed.text).not.toContain(first);
    const states = await app.db
      .connection('newsroom_subscription_mail')
      .join('newsroom_subscribers', 'newsroom_subscribers.id', 'newsroom_subscription_mail.subscriber_id')
      .where('newsroom_subscribers.email', 'zzsub.daily@example.test')
      .select('newsroom_subscription_mail.state');
    expect(states.map((row: { state: string }) => row.state)).toEqual(['sent', 'sent']);
  });
});
