import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { MailNotSentError, sendMail } from '../../platform/mail/send-mail';
import { settings } from '../../platform/settings/newsroom-settings';
import type { PublicRelease } from '../../read-side/public-shape';
import { publicReleasesOf } from '../../read-side/read-model/public-releases';
import { digestMail, type MailContext } from './subscription-mail';
import { SUBSCRIBERS, suppressAddress, type SubscriberRow } from './subscribers';

/**
 * Daily digests: a subscriber who chose "once a day" gets, from DIGEST_HOUR_UTC on, one email with the releases that
 * went live for them since their last digest (their outbox rows wait as `held`). A digest is one row per subscriber
 * per day, claimed under a lease as the outbox's rows are, so it goes once across instances; an instance that dies
 * while sending leaves it to another after the lease, which sends it with the same Message-ID.
 */

export const DIGESTS = 'newsroom_subscription_digests';
const MAIL = 'newsroom_subscription_mail';

/** Whether digests are due at this moment (from DIGEST_HOUR_UTC, every day), and of which day. */
export function digestDay(now: Date): string | undefined {
  return now.getUTCHours() >= settings().DIGEST_HOUR_UTC ? now.toISOString().slice(0, 10) : undefined;
}

interface DigestClaim {
  subscriber_id: string;
  claim_token: string;
  message_id: string;
}

/**
 * Sends the digests due today, one subscriber at a time, while `keepGoing` says so (the sender stops at shutdown).
 * `beforeEach` is the sender's throttle. Returns how many were sent.
 */
export async function sendDueDigests(
  strapi: Core.Strapi,
  context: MailContext,
  options: { now?: Date; keepGoing?: () => boolean; beforeEach?: () => Promise<void> } = {},
): Promise<number> {
  const day = digestDay(options.now ?? new Date());
  if (!day) return 0;
  const knex = strapi.db.connection;
  const lease = settings().MAIL_LEASE_SECONDS;
  const waiting = (await knex.raw(
    `SELECT DISTINCT m.subscriber_id FROM ${MAIL} m
     JOIN ${SUBSCRIBERS} s ON s.id = m.subscriber_id AND s.cadence = 'daily' AND s.status = 'confirmed'
     WHERE m.state = 'held'
       AND NOT EXISTS (SELECT 1 FROM ${DIGESTS} d WHERE d.subscriber_id = m.subscriber_id AND d.digest_day = :day
                       AND (d.state <> 'sending' OR d.lease_until >= now()))
     LIMIT 500`,
    { day },
  )) as { rows: { subscriber_id: string }[] };
  let sent = 0;
  for (const { subscriber_id: subscriberId } of waiting.rows) {
    if (options.keepGoing && !options.keepGoing()) break;
    // The day's digest of this subscriber, to this instance: new, or one whose sender's lease has ended.
    const { rows } = (await knex.raw(
      `INSERT INTO ${DIGESTS} AS d (subscriber_id, digest_day, message_id, claim_token, lease_until, attempts)
       VALUES (:subscriberId, :day, :messageId, :claim, now() + make_interval(secs => :lease), 1)
       ON CONFLICT (subscriber_id, digest_day) DO UPDATE
         SET claim_token = EXCLUDED.claim_token, lease_until = EXCLUDED.lease_until, attempts = d.attempts + 1
         WHERE d.state = 'sending' AND d.lease_until < now()
       RETURNING d.subscriber_id, d.claim_token, d.message_id`,
      {
        subscriberId,
        day,
        messageId: `<digest.${day}.${subscriberId}@${context.domain}>`,
        claim: randomUUID(),
        lease,
      },
    )) as { rows: DigestClaim[] };
    const [claim] = rows;
    if (!claim) continue;
    if (await sendDigest(strapi, context, claim, options.beforeEach)) sent += 1;
  }
  return sent;
}

async function sendDigest(
  strapi: Core.Strapi,
  context: MailContext,
  claim: DigestClaim,
  beforeEach?: () => Promise<void>,
): Promise<boolean> {
  const knex = strapi.db.connection;
  const digest = () => knex(DIGESTS).where({ subscriber_id: claim.subscriber_id, claim_token: claim.claim_token });
  const subscriber = (await knex(SUBSCRIBERS).where({ id: claim.subscriber_id }).first()) as SubscriberRow | undefined;
  const held = (await knex(MAIL)
    .where({ subscriber_id: claim.subscriber_id, state: 'held' })
    .orderBy('created_at')
    .select('document_id', 'locale')) as { document_id: string; locale: string }[];
  const releases: { documentId: string; release: PublicRelease }[] = [];
  for (const row of held) {
    const release = await publicReleasesOf(strapi).release(row.document_id, row.locale);
    if (release) releases.push({ documentId: row.document_id, release });
  }
  const gone = held.filter((row) => !releases.some((kept) => kept.documentId === row.document_id));
  if (gone.length > 0)
    await knex(MAIL)
      .where({ subscriber_id: claim.subscriber_id, state: 'held' })
      .whereIn(
        'document_id',
        gone.map((row) => row.document_id),
      )
      .update({ state: 'dropped', last_error: 'the release is not public any more' });
  if (!subscriber || releases.length === 0) {
    await digest().update({ state: 'sent', sent_at: knex.fn.now(), claim_token: null, lease_until: null });
    return false;
  }
  await beforeEach?.();
  try {
    await sendMail(
      strapi,
      digestMail(
        context,
        subscriber,
        releases.map((kept) => kept.release),
        claim.message_id,
      ),
    );
  } catch (error) {
    const message = String((error as Error).message).slice(0, 2000);
    if (error instanceof MailNotSentError && error.permanent) {
      await suppressAddress(strapi, subscriber.email, 'bounce', message);
      await digest().update({ state: 'failed', last_error: message, claim_token: null, lease_until: null });
    } else {
      // Tried again once the lease has ended (the next look after it).
      await digest().update({ last_error: message });
    }
    return false;
  }
  // The digest and the releases it carried are sent together: none of them goes again.
  await strapi.db.transaction(async ({ trx }) => {
    await trx(DIGESTS)
      .where({ subscriber_id: claim.subscriber_id, claim_token: claim.claim_token })
      .update({ state: 'sent', sent_at: trx.fn.now(), claim_token: null, lease_until: null });
    await trx(MAIL)
      .where({ subscriber_id: claim.subscriber_id, state: 'held' })
      .whereIn(
        'document_id',
        releases.map((kept) => kept.documentId),
      )
      .update({ state: 'sent', sent_at: trx.fn.now() });
  });
  return true;
}
