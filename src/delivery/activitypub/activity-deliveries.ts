import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { SendActivityError } from '@fedify/fedify';
import type { Knex } from 'knex';
import {
  afterTemporaryFailure,
  backgroundWorker,
  type BackgroundWorker,
} from '../../platform/app-registry/background-worker';
import { perApp } from '../../platform/app-registry/per-app';
import { publicReleasesOf } from '../../read-side/read-model/public-releases';
import { FOLLOWERS, removeFollowersAt } from './followers';
import { activityPubOn, actorHandle, newsroomFederationOf } from './newsroom-federation';
import { articleActivity, articleDeleted, type ReleaseActivity } from './release-article';

/**
 * Activities to followers, once per inbox. The go-live sweep queues each change in the transaction that announces it
 * (whichever instance looks): one row per inbox, followers on one server sharing its shared inbox, the unique key
 * admitting no second. A row is sent under a lease, as subscribers' emails are (src/delivery/subscriptions); a Create
 * or Update is built at sending time from the public read model, and dropped if the release is not live any more.
 */

export const DELIVERIES = 'newsroom_activitypub_deliveries';
/** Eight tries over about an hour, then given up; a server down longer misses the change. */
const RETRIES = { maxAttempts: 8, maxDelaySeconds: 3600 };
const LEASE_SECONDS = 60;
const BATCH = 20;

const ACTIVITY_OF = { 'release.live': 'Create', 'release.update': 'Update', 'release.gone': 'Delete' } as const;

/** Queues a go-live change for every follower's inbox, in the sweep's transaction (nothing when ActivityPub is off). */
export async function queueFederatedChange(
  trx: Knex.Transaction,
  change: { event: keyof typeof ACTIVITY_OF; documentId: string; locale: string; version: Date },
): Promise<void> {
  if (!activityPubOn()) return;
  await trx.raw(
    `INSERT INTO ${DELIVERIES} (activity, document_id, locale, version, inbox)
     SELECT DISTINCT CAST(:activity AS varchar), CAST(:documentId AS varchar), CAST(:locale AS varchar),
       CAST(:version AS timestamptz), coalesce(shared_inbox, inbox)
     FROM ${FOLLOWERS}
     ON CONFLICT DO NOTHING`,
    {
      activity: ACTIVITY_OF[change.event],
      documentId: change.documentId,
      locale: change.locale,
      version: change.version,
    },
  );
}

interface DeliveryRow {
  id: string;
  activity: ReleaseActivity;
  document_id: string;
  locale: string;
  version: Date;
  inbox: string;
  attempts: number;
  claim_token: string;
}

export function activitySenderOf(strapi: Core.Strapi): BackgroundWorker {
  return perApp(strapi, 'activitySender', () => createSender(strapi));
}

function createSender(strapi: Core.Strapi): BackgroundWorker {
  const knex = () => strapi.db.connection;

  const claim = async (): Promise<DeliveryRow[]> => {
    const { rows } = (await knex().raw(
      `UPDATE ${DELIVERIES} d
       SET state = 'sending', claim_token = :claim, lease_until = now() + make_interval(secs => :lease),
         attempts = d.attempts + 1
       FROM (SELECT id FROM ${DELIVERIES}
             WHERE (state = 'queued' AND next_attempt_at <= now()) OR (state = 'sending' AND lease_until < now())
             ORDER BY id LIMIT :batch FOR UPDATE SKIP LOCKED) due
       WHERE d.id = due.id
       RETURNING d.id, d.activity, d.document_id, d.locale, d.version, d.inbox, d.attempts, d.claim_token`,
      { claim: randomUUID(), lease: LEASE_SECONDS, batch: BATCH },
    )) as { rows: DeliveryRow[] };
    return rows;
  };

  const finish = (row: DeliveryRow, change: Record<string, unknown>) =>
    knex()(DELIVERIES)
      .where({ id: row.id, state: 'sending', claim_token: row.claim_token })
      .update({ lease_until: null, claim_token: null, ...change });

  const deliver = async (row: DeliveryRow) => {
    const { context, articleUri, article } = newsroomFederationOf(strapi);
    const ctx = context();
    const handle = actorHandle();
    const actor = ctx.getActorUri(handle);
    const version = new Date(row.version);
    let activity;
    if (row.activity === 'Delete') {
      activity = articleDeleted(
        articleUri(ctx, row.document_id, row.locale),
        version,
        actor,
        ctx.getFollowersUri(handle),
      );
    } else {
      const release = await publicReleasesOf(strapi).release(row.document_id, row.locale);
      if (!release) return finish(row, { state: 'dropped', last_error: 'the release is not public any more' });
      activity = articleActivity(row.activity, article(ctx, release), version, actor);
    }
    // Who still follows through this inbox (Fedify sends to a recipient it knows by id): nobody, nothing to send.
    const followers = (await knex()(FOLLOWERS)
      .whereRaw('coalesce(shared_inbox, inbox) = ?', [row.inbox])
      .select('actor_id')) as { actor_id: string }[];
    if (followers.length === 0) return finish(row, { state: 'dropped', last_error: 'nobody follows through it now' });
    const recipients = followers.map(({ actor_id }) => ({ id: new URL(actor_id), inboxId: new URL(row.inbox) }));
    try {
      await ctx.sendActivity({ identifier: handle }, recipients, activity, { immediate: true });
      return finish(row, { state: 'sent', sent_at: knex().fn.now() });
    } catch (error) {
      const message = String((error as Error).message).slice(0, 2000);
      if (error instanceof SendActivityError && [404, 410].includes(error.statusCode)) {
        await removeFollowersAt(strapi, row.inbox);
        return finish(row, { state: 'failed', last_error: message });
      }
      const next = afterTemporaryFailure((sql, b) => knex().raw(sql, b as never), row, RETRIES, message);
      if (!next.giveUp) strapi.log.warn(`ActivityPub: ${row.activity} to ${row.inbox} not delivered (${message})`);
      return finish(row, next.change);
    }
  };

  return backgroundWorker(
    async (keepGoing) => {
      for (let rows = await claim(); rows.length > 0 && keepGoing(); rows = await claim()) {
        // Inboxes of different servers side by side; one slow server holds up only its own row.
        await Promise.all(
          rows.map((row) =>
            keepGoing() ? deliver(row) : finish(row, { state: 'queued', attempts: row.attempts - 1 }),
          ),
        );
      }
    },
    (error) => strapi.log.warn(`ActivityPub deliveries: ${error}`),
  );
}

/** One look at go-live: send what the sweep queued (not awaited: a slow server must not hold up the look). */
export async function lookForFederatedActivities(strapi: Core.Strapi): Promise<void> {
  if (activityPubOn()) activitySenderOf(strapi).kick();
}
