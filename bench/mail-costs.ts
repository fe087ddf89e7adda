/**
 * The time to hand a go-live's emails to an SMTP server (issue 29): in an app instance of the bench with SMTP_URL set
 * (a local server that takes every message and keeps none), `subscribers` confirmed subscribers are written, a release
 * is published, and the clock runs until every outbox row is sent. The subscribers and the release are removed after.
 */
import type { Core } from '@strapi/strapi';
import { PRESS_RELEASE_UID } from '../src/platform/content-model/content-type-uids';
import { paragraphsToBlocks } from '../src/platform/content-model/paragraph-blocks';

export interface MailCosts {
  subscribers: number;
  seconds: number;
  perSecond: number;
}

export async function measureGoLiveMail(strapi: Core.Strapi, subscribers = 10_000): Promise<MailCosts> {
  const knex = strapi.db.connection;
  await knex.raw(
    `INSERT INTO newsroom_subscribers (email, locale, status, consent_at, consent_text, confirmed_at)
     SELECT 'bench' || n || '@bench.test', 'ru', 'confirmed', now(), 'bench', now() FROM generate_series(1, ?) AS n`,
    [subscribers],
  );
  const releases = strapi.documents(PRESS_RELEASE_UID);
  const draft = await releases.create({
    locale: 'ru',
    status: 'draft',
    data: { headline: `Замер рассылки ${Date.now()}`, body: paragraphsToBlocks(['Текст.']) } as never,
  });
  const started = process.hrtime.bigint();
  await releases.publish({ documentId: draft.documentId, locale: 'ru' });
  const deadline = Date.now() + 30 * 60_000;
  for (;;) {
    const [{ sent }] = (await knex('newsroom_subscription_mail')
      .where({ document_id: draft.documentId, state: 'sent' })
      .count({ sent: '*' })) as { sent: string }[];
    if (Number(sent) >= subscribers) break;
    if (Date.now() > deadline) throw new Error(`only ${sent} of ${subscribers} emails sent in 30 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await releases.delete({ documentId: draft.documentId, locale: '*' });
  await knex('newsroom_subscribers').where('email', 'like', '%@bench.test').del();
  return { subscribers, seconds: Math.round(seconds * 10) / 10, perSecond: Math.round(subscribers / seconds) };
}
