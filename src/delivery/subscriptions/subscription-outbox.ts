import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import {
  afterTemporaryFailure,
  backgroundWorker,
  type BackgroundWorker,
} from '../../platform/app-registry/background-worker';
import { perApp } from '../../platform/app-registry/per-app';
import { MailNotSentError, sendMail } from '../../platform/mail/send-mail';
import { settings } from '../../platform/settings/newsroom-settings';
import { publicApiUrl, publicationName, publicSiteUrl } from '../../read-side/public-urls';
import { publicReleasesOf } from '../../read-side/read-model/public-releases';
import { PUBLIC_RELEASES } from '../../read-side/visibility';
import { SUBSCRIPTION_RELEASES } from '../go-live/go-live-sweep';
import { releaseMail, type MailContext } from './subscription-mail';
import { sendDueDigests } from './daily-digest';
import { mailTrackingOn } from './mail-tracking';
import { SUBSCRIBERS, suppressAddress, SUPPRESSIONS, type SubscriberRow } from './subscribers';

/**
 * Email at go-live, exactly once per subscriber per release. The go-live sweep records each release that went live in
 * the transaction that announces it (once, whichever instance looks); here each is expanded into one outbox row per
 * matching subscriber, whose primary key (subscriber, release) admits no second. A row is sent under a lease: the
 * instance that claims it holds it until the lease ends, marks it sent when the SMTP server has taken it, or puts it
 * back for a retry. An instance that dies mid-send leaves its rows to the next one once their leases end; the one
 * message it may have handed over without recording it is sent again with the same Message-ID, which mail systems
 * take as the same message. Messages go at MAIL_RATE_PER_SECOND per instance.
 */

export const SUBSCRIPTION_MAIL = 'newsroom_subscription_mail';
/** Messages in flight at once per instance (the SMTP connections kept: email-plugin-config.ts). */
export const SENDING_AT_ONCE = 4;
/** A temporary failure (the server unreachable, a 4xx) is tried again this many times in all, then given up. */
const RETRIES = { maxAttempts: 8, maxDelaySeconds: 3600 };

export function mailContext(strapi: Core.Strapi): MailContext {
  const from = settings().MAIL_FROM;
  const fromDomain = /@([^>\s]+)>?\s*$/.exec(from)?.[1];
  return {
    apiUrl: publicApiUrl(strapi),
    siteUrl: publicSiteUrl(),
    publicationName: publicationName(),
    domain: fromDomain ?? new URL(publicSiteUrl()).hostname,
    tracking: mailTrackingOn(),
  };
}

/**
 * Queues the emails of the releases gone live since the last call, in one statement (a backlog of a hundred thousand
 * releases, as after `npm run seed:scale`, is one join): one row per confirmed subscriber who had subscribed when the
 * release went live, in its language, with no topic or one of the release's, and not suppressed. Returns how many.
 */
export async function queueSubscriptionMail(strapi: Core.Strapi): Promise<number> {
  const { domain } = mailContext(strapi);
  const { rowCount } = (await strapi.db.connection.raw(
    `WITH due AS (
       UPDATE ${SUBSCRIPTION_RELEASES} SET queued_at = now() WHERE queued_at IS NULL
       RETURNING document_id, locale, went_live_at
     )
     INSERT INTO ${SUBSCRIPTION_MAIL} (subscriber_id, document_id, locale, message_id, state)
     SELECT s.id, r.document_id, r.locale,
       '<' || r.document_id || '.' || r.locale || '.' || s.id || '@' || :domain || '>',
       -- A daily subscriber's release waits for their digest.
       CASE WHEN s.cadence = 'daily' THEN 'held' ELSE 'queued' END
     FROM due d
     JOIN ${PUBLIC_RELEASES} r ON r.document_id = d.document_id AND r.locale = d.locale AND r.visible_from <= now()
     JOIN ${SUBSCRIBERS} s ON s.status = 'confirmed' AND s.locale = r.locale
       -- Who had subscribed when it went live: a later subscriber gets the releases after theirs.
       AND s.confirmed_at <= d.went_live_at
       AND (cardinality(s.topics) = 0 OR s.topics && r.topic_ids)
     WHERE NOT EXISTS (SELECT 1 FROM ${SUPPRESSIONS} x WHERE x.email = s.email)
     ON CONFLICT DO NOTHING`,
    { domain },
  )) as { rowCount: number };
  return rowCount;
}

interface MailRow {
  subscriber_id: string;
  document_id: string;
  locale: string;
  message_id: string;
  attempts: number;
  claim_token: string;
}

/** What it holds when it stops goes back to the outbox at once, for another instance. */
export type SubscriptionSender = BackgroundWorker;

export function subscriptionSenderOf(strapi: Core.Strapi): SubscriptionSender {
  return perApp(strapi, 'subscriptionSender', () => createSender(strapi));
}

function createSender(strapi: Core.Strapi): SubscriptionSender {
  let nextSlot = 0;
  const knex = () => strapi.db.connection;

  /** Claims the rows due (queued and due, or held by a lease that ended), as many as the lease lets it send. */
  const claim = async (): Promise<MailRow[]> => {
    const { MAIL_RATE_PER_SECOND: rate, MAIL_LEASE_SECONDS: lease } = settings();
    // What a second's sending takes, at most 20: an instance that dies leaves few rows to wait for their lease.
    const batch = Math.max(1, Math.min(20, rate));
    const { rows } = (await knex().raw(
      `UPDATE ${SUBSCRIPTION_MAIL} m
       SET state = 'sending', claim_token = :claim, lease_until = now() + make_interval(secs => :lease),
         attempts = m.attempts + 1
       FROM (SELECT subscriber_id, document_id FROM ${SUBSCRIPTION_MAIL}
             WHERE (state = 'queued' AND next_attempt_at <= now()) OR (state = 'sending' AND lease_until < now())
             ORDER BY created_at LIMIT :batch FOR UPDATE SKIP LOCKED) due
       WHERE m.subscriber_id = due.subscriber_id AND m.document_id = due.document_id
       RETURNING m.subscriber_id, m.document_id, m.locale, m.message_id, m.attempts, m.claim_token`,
      { lease, batch, claim: randomUUID() },
    )) as { rows: MailRow[] };
    return rows;
  };

  const held = (row: MailRow) =>
    knex()(SUBSCRIPTION_MAIL).where({
      subscriber_id: row.subscriber_id,
      document_id: row.document_id,
      state: 'sending',
      claim_token: row.claim_token,
    });

  /**
   * Renews this claim's lease on the row just before sending it, if the claim still holds it: a batch slower than its
   * lease has lost its later rows to another instance, which sends them; this one must not.
   */
  const renew = async (row: MailRow): Promise<boolean> =>
    (await held(row)
      .where('lease_until', '>', knex().fn.now())
      .update({ lease_until: knex().raw(`now() + make_interval(secs => ?)`, [settings().MAIL_LEASE_SECONDS]) })) === 1;

  const finish = (row: MailRow, change: Record<string, unknown>) =>
    held(row).update({ lease_until: null, claim_token: null, ...change });

  /** At most MAIL_RATE_PER_SECOND messages a second from this instance. */
  const throttle = async () => {
    // Each message takes the next free slot, so that messages sent side by side keep to the rate together.
    const slot = Math.max(Date.now(), nextSlot);
    nextSlot = slot + 1000 / settings().MAIL_RATE_PER_SECOND;
    const wait = slot - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  };

  const deliver = async (row: MailRow, context: MailContext) => {
    const subscriber = (await knex()(SUBSCRIBERS).where({ id: row.subscriber_id }).first()) as
      SubscriberRow | undefined;
    if (!subscriber || subscriber.status !== 'confirmed') return finish(row, { state: 'dropped' });
    if (await knex()(SUPPRESSIONS).where({ email: subscriber.email }).first('email'))
      return finish(row, { state: 'dropped', last_error: 'the address is suppressed' });
    const release = await publicReleasesOf(strapi).release(row.document_id, row.locale);
    if (!release) return finish(row, { state: 'dropped', last_error: 'the release is not public any more' });
    await throttle();
    if (!(await renew(row))) return;
    try {
      await sendMail(strapi, releaseMail(context, subscriber, release, row.message_id));
      return finish(row, { state: 'sent', sent_at: knex().fn.now() });
    } catch (error) {
      const message = String((error as Error).message).slice(0, 2000);
      if (error instanceof MailNotSentError && error.permanent) {
        // The server refused the address for good: no later message goes to it either.
        await suppressAddress(strapi, subscriber.email, 'bounce', message);
        return finish(row, { state: 'failed', last_error: message });
      }
      const next = afterTemporaryFailure((sql, b) => knex().raw(sql, b as never), row, RETRIES, message);
      if (!next.giveUp)
        strapi.log.warn(`Subscription email ${row.message_id} not sent (${message}); tried again later`);
      return finish(row, next.change);
    }
  };

  return backgroundWorker(
    async (keepGoing) => {
      const context = mailContext(strapi);
      for (let rows = await claim(); rows.length > 0 && keepGoing(); rows = await claim()) {
        // A few messages in flight at once over the kept connections, at the rate the throttle lets through.
        const waiting = [...rows];
        const worker = async () => {
          for (let row = waiting.shift(); row; row = waiting.shift()) {
            // Shutting down: what it claimed and did not send is handed back at once, not at the lease's end.
            if (!keepGoing()) await finish(row, { state: 'queued', attempts: row.attempts - 1 });
            else await deliver(row, context);
          }
        };
        await Promise.all(Array.from({ length: SENDING_AT_ONCE }, worker));
      }
      await sendDueDigests(strapi, context, { keepGoing, beforeEach: throttle });
    },
    (error) => strapi.log.warn(`Subscription emails: ${error}`),
  );
}

/** One look at go-live: queue the emails of what went live, then send what is due (not awaited: it may take long). */
export async function lookForSubscriptionMail(strapi: Core.Strapi): Promise<void> {
  await queueSubscriptionMail(strapi);
  subscriptionSenderOf(strapi).kick();
}
