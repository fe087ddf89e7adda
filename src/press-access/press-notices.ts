import type { Core } from '@strapi/strapi';
import { PRESS_ACCREDITATION_UID, PRESS_RELEASE_UID } from '../platform/content-model/content-type-uids';
import { publicApiUrl } from '../read-side/public-urls';
import {
  PUBLISHED_VERSION_WHERE,
  audienceBindings,
  isVisibleTo,
  type JournalistAudience,
  notYetVisibleSql,
  PUBLIC_AUDIENCE,
  PUBLIC_RELEASES,
  publicNow,
  type PressAccess,
  visibleSql,
} from '../read-side/visibility';
import type { Accreditation } from './accreditations';
import { noticeLanguage, tellJournalistOfRelease } from './journalist-notices';

/**
 * Notices to journalists: when a published release under embargo is shared with a journalist whose accreditation is
 * in force, they are told (headline, embargo end, a link to the portal; the text itself only when the release says
 * so), and told again when its embargo lifts. Each notice is a row written once (its key) and marked when sent
 * (instances take turns: an advisory lock to queue, a row lock to send), after every look of go-live: a write, an
 * embargo end, the poll.
 */

export const PRESS_NOTICES = 'newsroom_press_notices';
/** Sends per look: the rest wait for the next look. */
const SENDS_PER_LOOK = 50;
/** A notice that could not be sent this many times is given up (and its error kept). */
const MAX_ATTEMPTS = 5;

type Knex = Core.Strapi['db']['connection'];

interface PublishedVersion {
  id: number;
  documentId: string;
  locale: string;
  publishedAt: string;
  embargoUntil: string | null;
  pressAccess: PressAccess | null;
  pressNoticeWithText: boolean | null;
  pressOutlets: { id: number }[];
  pressJournalists: { id: number }[];
}

type AccreditationWithJournalist = Accreditation & { journalist: { id: number } | null };

const audienceOf = (accreditation: AccreditationWithJournalist): JournalistAudience => ({
  kind: 'journalist',
  journalistId: accreditation.journalist!.id,
  outletId: accreditation.outlet?.id ?? null,
  accreditation: { status: accreditation.standing, validUntil: accreditation.validUntil },
});

const asVersion = (version: PublishedVersion) => ({
  ...version,
  pressOutletIds: version.pressOutlets.map((outlet) => outlet.id),
  pressJournalistIds: version.pressJournalists.map((journalist) => journalist.id),
});

/** The published versions the public cannot see yet, with their press fields. */
async function embargoedVersions(strapi: Core.Strapi, knex: Knex, now: Date): Promise<PublishedVersion[]> {
  const rows = (await knex.raw(`SELECT r.row_id FROM ${PUBLIC_RELEASES} r WHERE ${notYetVisibleSql('r')}`, {
    now,
  })) as { rows: { row_id: number }[] };
  if (rows.rows.length === 0) return [];
  return (await strapi.db.query(PRESS_RELEASE_UID).findMany({
    select: ['id', 'documentId', 'locale', 'publishedAt', 'embargoUntil', 'pressAccess', 'pressNoticeWithText'],
    where: { id: { $in: rows.rows.map((row) => row.row_id) } },
    populate: { pressOutlets: { select: ['id'] }, pressJournalists: { select: ['id'] } },
  })) as PublishedVersion[];
}

const accreditations = async (strapi: Core.Strapi, where: Record<string, unknown>) =>
  (await strapi.db.query(PRESS_ACCREDITATION_UID).findMany({
    where,
    populate: { journalist: { select: ['id'] }, outlet: { select: ['id', 'name'] } },
  })) as AccreditationWithJournalist[];

/** Writes the notices now due: 'shared' for each release newly shared under embargo, 'lifted' once it is public. */
async function queueNotices(strapi: Core.Strapi, knex: Knex, now: Date): Promise<void> {
  const versions = await embargoedVersions(strapi, knex, now);
  if (versions.length > 0) {
    const inForce = (await accreditations(strapi, { standing: 'accredited' })).filter((a) => a.journalist);
    const due = new Map<string, { document_id: string; journalist_id: number; kind: 'shared'; locale: string }>();
    for (const accreditation of inForce) {
      const audience = audienceOf(accreditation);
      const language = noticeLanguage(accreditation.languages);
      for (const version of versions) {
        const shared = isVisibleTo(audience, asVersion(version), now) && !isVisibleTo(PUBLIC_AUDIENCE, version, now);
        if (!shared) continue;
        const key = `${version.documentId}:${audience.journalistId}`;
        // One notice per release: in the journalist's language when that version is shared, else the first found.
        if (!due.has(key) || version.locale === language) {
          const row = {
            document_id: version.documentId,
            journalist_id: audience.journalistId,
            kind: 'shared' as const,
          };
          due.set(key, { ...row, locale: version.locale });
        }
      }
    }
    if (due.size > 0)
      await knex(PRESS_NOTICES)
        .insert([...due.values()])
        .onConflict()
        .ignore();
  }
  // Told it was shared, and it is public now: told it is released (in the locale it was told of, else any public one).
  await knex.raw(
    `INSERT INTO ${PRESS_NOTICES} (document_id, journalist_id, kind, locale)
     SELECT n.document_id, n.journalist_id, 'lifted',
       coalesce((SELECT r.locale FROM ${PUBLIC_RELEASES} r
                 WHERE r.document_id = n.document_id AND r.locale = n.locale AND ${visibleSql('r')}),
                (SELECT min(r.locale) FROM ${PUBLIC_RELEASES} r
                 WHERE r.document_id = n.document_id AND ${visibleSql('r')}))
     FROM ${PRESS_NOTICES} n
     WHERE n.kind = 'shared' AND n.outcome = 'sent'
       AND EXISTS (SELECT 1 FROM ${PUBLIC_RELEASES} r WHERE r.document_id = n.document_id AND ${visibleSql('r')})
     ON CONFLICT DO NOTHING`,
    audienceBindings(PUBLIC_AUDIENCE, now),
  );
}

interface NoticeRow {
  document_id: string;
  journalist_id: number;
  kind: 'shared' | 'lifted';
  locale: string;
  attempts: number;
}

/** Sends the notices waiting, each checked again: a journalist who may no longer see the release is not told. */
async function sendNotices(strapi: Core.Strapi, now: Date): Promise<void> {
  const waiting = (await strapi.db
    .connection(PRESS_NOTICES)
    .whereNull('sent_at')
    .where('attempts', '<', MAX_ATTEMPTS)
    .orderBy('created_at')
    .limit(SENDS_PER_LOOK)) as NoticeRow[];
  if (waiting.length === 0) return;
  const journalistIds = [...new Set(waiting.map((notice) => notice.journalist_id))];
  const byJournalist = new Map(
    (await accreditations(strapi, { journalist: { id: { $in: journalistIds } } })).map((a) => [a.journalist!.id, a]),
  );
  for (const notice of waiting) {
    // Each notice in a transaction that holds its row: an instance looking at the same time skips it.
    await strapi.db.transaction(async ({ trx }) => {
      const key = { document_id: notice.document_id, journalist_id: notice.journalist_id, kind: notice.kind };
      const held = (await trx(PRESS_NOTICES).where(key).whereNull('sent_at').forUpdate().skipLocked().first()) as
        NoticeRow | undefined;
      if (!held) return;
      const told = await tell(strapi, trx, held, byJournalist.get(held.journalist_id), now);
      const written = told.sent
        ? { sent_at: new Date(), outcome: 'sent', attempts: held.attempts + 1 }
        : told.error
          ? { attempts: held.attempts + 1, last_error: told.error.slice(0, 2000) }
          : { sent_at: now, outcome: 'dropped' };
      await trx(PRESS_NOTICES).where(key).update(written);
    });
  }
}

/** Tells one journalist of one release, if it is still so; what happened. */
async function tell(
  strapi: Core.Strapi,
  trx: Knex,
  notice: NoticeRow,
  accreditation: AccreditationWithJournalist | undefined,
  now: Date,
): Promise<{ sent: boolean; error?: string }> {
  const version = (await strapi.db.query(PRESS_RELEASE_UID).findOne({
    select: ['id', 'documentId', 'locale', 'publishedAt', 'embargoUntil', 'pressAccess', 'pressNoticeWithText'],
    where: { documentId: notice.document_id, locale: notice.locale, ...PUBLISHED_VERSION_WHERE },
    populate: { pressOutlets: { select: ['id'] }, pressJournalists: { select: ['id'] } },
  })) as PublishedVersion | null;
  const row = (await trx(PUBLIC_RELEASES)
    .where({ document_id: notice.document_id, locale: notice.locale })
    .first('headline', 'visible_from', 'body_text', 'public_json')) as
    { headline: string; visible_from: Date; body_text: string; public_json: string } | undefined;
  if (!accreditation || !version || !row) return { sent: false };
  const stillSo =
    notice.kind === 'lifted'
      ? isVisibleTo(PUBLIC_AUDIENCE, version, now)
      : isVisibleTo(audienceOf(accreditation), asVersion(version), now) && !isVisibleTo(PUBLIC_AUDIENCE, version, now);
  if (!stillSo) return { sent: false };
  const lead = (JSON.parse(row.public_json) as { lead?: string | null }).lead;
  try {
    await tellJournalistOfRelease(strapi, accreditation, {
      kind: notice.kind,
      headline: row.headline,
      embargoUntil: new Date(row.visible_from),
      link: `${publicApiUrl(strapi)}/press/releases/${notice.document_id}?locale=${notice.locale}`,
      ...(version.pressNoticeWithText ? { text: [lead, row.body_text].filter(Boolean).join('\n\n') } : {}),
    });
    return { sent: true };
  } catch (error) {
    return { sent: false, error: String((error as Error).message) };
  }
}

/** One look: queue what is due (one instance at a time), then send what waits. */
export async function lookForPressNotices(strapi: Core.Strapi): Promise<void> {
  const now = publicNow();
  await strapi.db.transaction(async ({ trx }) => {
    await trx.raw(`SELECT pg_advisory_xact_lock(hashtext('newsroom.press-notices'))`);
    await queueNotices(strapi, trx, now);
  });
  await sendNotices(strapi, now);
}
