import type { Core } from '@strapi/strapi';
import { PUBLIC_RELEASES } from '../../read-side/visibility';
import { WITHDRAWN_RELEASES } from '../../read-side/read-model/withdrawn-releases';
import { queueFederatedChange } from '../activitypub/activity-deliveries';

export const ANNOUNCED = 'newsroom_announced_releases';
export const OUTBOX = 'newsroom_webhook_outbox';
/** Releases gone live whose email subscribers are to be queued (src/delivery/subscriptions/subscription-outbox.ts). */
export const SUBSCRIPTION_RELEASES = 'newsroom_subscription_releases';

export type GoLiveEvent = 'release.live' | 'release.update' | 'release.gone';

export interface Announcement {
  event: GoLiveEvent;
  documentId: string;
  locale: string;
}

interface Candidate {
  document_id: string;
  locale: string;
  version: Date | null;
  announced: Date | null;
  public_json: string | null;
}

/** What a (document, locale) became since it was last announced: nothing, live, changed while live, or gone. */
function eventOf(candidate: Candidate): GoLiveEvent | undefined {
  if (candidate.version && !candidate.announced) return 'release.live';
  if (candidate.version && candidate.announced && candidate.version.getTime() !== candidate.announced.getTime())
    return 'release.update';
  if (!candidate.version && candidate.announced) return 'release.gone';
  return undefined;
}

/** The webhook's body: the release as the public sees it (it is live), or only who it was (gone). */
function payloadOf(event: GoLiveEvent, candidate: Candidate, at: Date): Record<string, unknown> {
  const entry =
    event === 'release.gone' || !candidate.public_json
      ? { documentId: candidate.document_id, locale: candidate.locale }
      : (JSON.parse(candidate.public_json) as Record<string, unknown>);
  return { event, createdAt: at.toISOString(), model: 'press-release', entry };
}

/**
 * One look at what went live or stopped being live, in one transaction that instances take in turn (an advisory
 * lock): the read-model rows changed since the last look (queued by triggers in their writing transaction), and the
 * rows whose embargo ended since then (by the clock, so an end that passed while every instance was down is found at
 * the next start). Each change is recorded as announced and, when a webhook is set, queued for delivery in the same
 * transaction: exactly one event per change, whichever instance looks. An embargoed release is never announced.
 */
export async function sweepGoLive(
  strapi: Core.Strapi,
  now: Date,
  options: { queueEvents: boolean },
): Promise<Announcement[]> {
  return strapi.db.transaction(async ({ trx }) => {
    await trx.raw(`SELECT pg_advisory_xact_lock(hashtext('newsroom.go-live'))`);
    const state = (await trx('newsroom_go_live_state').where({ id: 1 }).first('swept_until')) as
      { swept_until: Date } | undefined;
    const since = state?.swept_until ?? now;
    const candidates = (
      (await trx.raw(
        `WITH changed AS (DELETE FROM newsroom_release_changes RETURNING document_id, locale),
        candidates AS (
          SELECT document_id, locale FROM changed
          UNION
          SELECT document_id, locale FROM ${PUBLIC_RELEASES} WHERE visible_from > :since AND visible_from <= :now
        )
        SELECT c.document_id, c.locale, r.updated_at AS version, r.public_json, a.announced_version AS announced
        FROM candidates c
        LEFT JOIN ${PUBLIC_RELEASES} r
          ON r.document_id = c.document_id AND r.locale = c.locale AND r.visible_from <= :now
        LEFT JOIN ${ANNOUNCED} a ON a.document_id = c.document_id AND a.locale = c.locale
        ORDER BY c.document_id, c.locale`,
        { since, now },
      )) as { rows: Candidate[] }
    ).rows;

    const announcements: Announcement[] = [];
    for (const candidate of candidates) {
      const event = eventOf(candidate);
      if (!event) continue;
      const key = { document_id: candidate.document_id, locale: candidate.locale };
      if (event === 'release.gone') {
        // Agencies that took it are told: it stays answerable as canceled (withdrawn-releases.ts), by who it was.
        const was = (await trx(ANNOUNCED).where(key).first('headline', 'source_json', 'announced_version')) as
          { headline: string | null; source_json: string | null; announced_version: Date } | undefined;
        await trx(ANNOUNCED).where(key).del();
        if (was) {
          await trx(WITHDRAWN_RELEASES)
            .insert({
              ...key,
              headline: was.headline,
              source_json: was.source_json,
              last_version: was.announced_version,
              withdrawn_at: now,
            })
            .onConflict(['document_id', 'locale'])
            .merge();
        }
      } else {
        const shown = candidate.public_json
          ? (JSON.parse(candidate.public_json) as { headline?: string; source?: unknown })
          : {};
        await trx(ANNOUNCED)
          .insert({
            ...key,
            announced_version: candidate.version,
            announced_at: now,
            headline: shown.headline ?? null,
            source_json: shown.source ? JSON.stringify(shown.source) : null,
          })
          .onConflict(['document_id', 'locale'])
          .merge(['announced_version', 'announced_at', 'headline', 'source_json']);
        await trx(WITHDRAWN_RELEASES).where(key).del();
      }
      if (options.queueEvents) {
        await trx(OUTBOX).insert({ event, payload: JSON.stringify(payloadOf(event, candidate, now)) });
      }
      // Its subscribers are told once (src/delivery/subscriptions); a release live again later is not news again.
      if (event === 'release.live') {
        await trx(SUBSCRIPTION_RELEASES)
          .insert({ ...key, went_live_at: now })
          .onConflict(['document_id', 'locale'])
          .ignore();
      }
      // Followers in the fediverse, when ActivityPub is on: a Create, Update or Delete per inbox, once.
      await queueFederatedChange(trx, {
        event,
        documentId: candidate.document_id,
        locale: candidate.locale,
        version: event === 'release.gone' || !candidate.version ? now : candidate.version,
      });
      announcements.push({ event, documentId: candidate.document_id, locale: candidate.locale });
    }
    await trx('newsroom_go_live_state').where({ id: 1 }).update({ swept_until: now });
    return announcements;
  });
}
