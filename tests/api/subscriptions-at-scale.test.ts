/**
 * Exactly once, at scale (issue 29): a release goes live to 1,000 subscribers over a real SMTP server, sent by two
 * instances (this process and another), and the other is killed (SIGKILL) in the middle, at the worst moment: the
 * SMTP server holds a message of it that it has not acknowledged yet, the one window no sender can close. Every
 * subscriber ends with exactly one message (one Message-ID); the messages the dead one had in flight (that one among
 * them) are sent again by the instance that takes over its lease, with the same Message-ID (mail systems take it as
 * the same message); every outbox row ends sent.
 */
import type { Core } from '@strapi/strapi';
import { startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { createRelease, deleteRelease } from '../helpers/content';
import { startNewsroomProcess, type NewsroomProcess } from '../helpers/newsroom-process';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server';
import { eventually } from '../helpers/eventually';
import { SENDING_AT_ONCE } from '../../src/delivery/subscriptions/subscription-outbox';

const SUBSCRIBERS = 1000;
const KILL_AT = 150;
const saved = { ...process.env };
let app: Core.Strapi;
let second: NewsroomProcess;
let smtp: TestSmtpServer;
let documentId: string | undefined;
let killedHolding: string | undefined;

beforeAll(async () => {
  let fromSecond = 0;
  smtp = await startSmtpServer({
    // The other instance's KILL_AT-th message: kept by the server, and the sender killed before it hears "250".
    beforeAccepting: async (mail) => {
      if (mail.envelope.from !== 'second@newsroom.test' || (fromSecond += 1) !== KILL_AT) return;
      killedHolding = String(mail.parsed.messageId);
      await second.signal('SIGKILL');
    },
  });
  Object.assign(process.env, {
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Press office <first@newsroom.test>',
    GO_LIVE_POLL_SECONDS: '1',
    MAIL_RATE_PER_SECOND: '300',
    MAIL_LEASE_SECONDS: '3',
  });
  app = await startNewsroom();
  await app.db.connection.raw(
    `INSERT INTO newsroom_subscribers (email, locale, status, consent_at, consent_text, confirmed_at)
     SELECT 'zzscale' || n || '@example.test', 'ru', 'confirmed', now(), 'test', now()
     FROM generate_series(1, ?) AS n`,
    [SUBSCRIBERS],
  );
  second = await startNewsroomProcess({ MAIL_FROM: 'Press office <second@newsroom.test>' });
}, 120_000);

afterAll(async () => {
  if (documentId) await deleteRelease(app, documentId);
  await app.db.connection('newsroom_subscribers').where('email', 'like', 'zzscale%').del();
  await second?.stop();
  await stopNewsroom(app);
  await smtp.close();
  process.env = saved;
});

it('reaches 1,000 subscribers exactly once with one instance killed in the middle', async () => {
  const headline = 'Zzscale Релиз для тысячи подписчиков';
  ({ documentId } = await createRelease(app, { headline }));
  const outbox = () =>
    app.db.connection('newsroom_subscription_mail').where({ document_id: documentId }).select('state');
  await eventually(
    async () => {
      const rows = await outbox();
      return rows.length === SUBSCRIBERS && rows.every((row: { state: string }) => row.state === 'sent');
    },
    'every outbox row sent',
    90_000,
  );

  // It was killed in the middle, holding an unacknowledged message.
  expect(second.running()).toBe(false);
  expect(killedHolding).toMatch(/^<.+@newsroom\.test>$/);
  const messages = smtp.messages.filter((mail) => mail.parsed.subject === headline);
  const bySubscriber = new Map<string, Set<string>>();
  for (const mail of messages) {
    const ids = bySubscriber.get(mail.envelope.to[0]) ?? new Set<string>();
    ids.add(String(mail.parsed.messageId));
    bySubscriber.set(mail.envelope.to[0], ids);
  }
  expect(bySubscriber.size).toBe(SUBSCRIBERS);
  expect([...bySubscriber.values()].filter((ids) => ids.size !== 1)).toEqual([]);
  // Both instances sent. The only messages handed over twice are the killed instance's in flight when it died (the
  // one the server held unacknowledged among them): at most SENDING_AT_ONCE, each first from it, then from the other.
  const senders = new Set(messages.map((mail) => mail.envelope.from));
  expect(senders).toEqual(new Set(['first@newsroom.test', 'second@newsroom.test']));
  const copies = new Map<string, string[]>();
  for (const mail of messages) {
    const id = String(mail.parsed.messageId);
    copies.set(id, [...(copies.get(id) ?? []), mail.envelope.from]);
  }
  const repeated = [...copies].filter(([, from]) => from.length > 1);
  expect(repeated.map(([id]) => id)).toContain(killedHolding);
  expect(repeated.length).toBeLessThanOrEqual(SENDING_AT_ONCE);
  for (const [id, from] of repeated)
    expect({ id, from }).toEqual({ id, from: ['second@newsroom.test', 'first@newsroom.test'] });
  console.log(
    `${SUBSCRIBERS} subscribers: ${messages.length} messages handed over ` +
      `(${messages.filter((mail) => mail.envelope.from === 'second@newsroom.test').length} by the killed instance)`,
  );
});
