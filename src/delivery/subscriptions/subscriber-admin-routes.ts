import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PRESS_ACCREDITATION_UID, TOPIC_UID } from '../../platform/content-model/content-type-uids';
import { ANNOUNCED, SUBSCRIPTION_RELEASES } from '../go-live/go-live-sweep';
import { MAIL_COUNTS, mailTrackingOn } from './mail-tracking';
import { SUBSCRIPTION_MAIL } from './subscription-outbox';
import { SUBSCRIBERS, SUPPRESSIONS } from './subscribers';

/**
 * The admin panel's view of the subscribers (src/admin/subscribers/): how many there are per language and per topic,
 * for Editors; their addresses only for an admin given the explicit permission "Export subscribers' email addresses"
 * (Settings → Roles → Newsroom), as a CSV whose every export the audit trail records (audited-routes.ts).
 */

export const SUBSCRIBERS_PATH = '/newsroom/subscribers';
/** The permission an Editor needs to see addresses: none has it until an administrator gives it. */
export const EXPORT_ADDRESSES_ACTION = 'api::subscribers.export-addresses';
/** Whoever may read journalists' accreditations (an Editor, a super admin; not an Author) sees the counts. */
const READ_COUNTS = 'plugin::content-manager.explorer.read';

interface AdminContext {
  state: { userAbility?: { can(action: string, subject?: string): boolean } };
  body: unknown;
  type: string;
  set(field: string, value: string): void;
}

/** Registers the export permission (in the register phase, so that Strapi keeps what roles are given of it). */
export function registerSubscriberExportAction(strapi: Core.Strapi): void {
  const permissions = strapi.service('admin::permission') as unknown as {
    actionProvider: { registerMany(actions: object[]): Promise<void> | void };
  };
  void Promise.resolve(
    permissions.actionProvider.registerMany([
      {
        section: 'settings',
        category: 'newsroom',
        displayName: "Export subscribers' email addresses",
        uid: 'subscribers.export-addresses',
      },
    ]),
  ).catch((error: unknown) => strapi.log.error(`The subscribers' export permission was not registered: ${error}`));
}

export interface SubscriberCounts {
  byLanguage: { locale: string; confirmed: number; pending: number }[];
  byTopic: { topic: string; name: string | null; confirmed: number }[];
  everyTopic: number;
  suppressed: number;
  /** The newest releases' emails: how many went, wait, failed; opens and clicks when tracking is on (never who). */
  releaseEmails: {
    documentId: string;
    locale: string;
    headline: string | null;
    wentLiveAt: string | null;
    sent: number;
    waiting: number;
    failed: number;
    opens: number;
    clicks: number;
  }[];
}

/** How many releases the page shows the emails of, newest first. */
const RELEASE_EMAIL_ROWS = 20;

async function releaseEmails(strapi: Core.Strapi): Promise<SubscriberCounts['releaseEmails']> {
  const { rows } = (await strapi.db.connection.raw(
    `SELECT m.document_id, m.locale, max(a.headline) AS headline, max(r.went_live_at) AS went_live_at,
       count(*) FILTER (WHERE m.state = 'sent')::int AS sent,
       count(*) FILTER (WHERE m.state IN ('queued', 'sending', 'held'))::int AS waiting,
       count(*) FILTER (WHERE m.state = 'failed')::int AS failed,
       coalesce(max(c.opens), 0)::int AS opens, coalesce(max(c.clicks), 0)::int AS clicks
     FROM ${SUBSCRIPTION_MAIL} m
     LEFT JOIN ${SUBSCRIPTION_RELEASES} r ON r.document_id = m.document_id AND r.locale = m.locale
     LEFT JOIN ${ANNOUNCED} a ON a.document_id = m.document_id AND a.locale = m.locale
     LEFT JOIN ${MAIL_COUNTS} c ON c.document_id = m.document_id AND c.locale = m.locale
     GROUP BY m.document_id, m.locale
     ORDER BY max(r.went_live_at) DESC NULLS LAST, m.document_id, m.locale
     LIMIT ${RELEASE_EMAIL_ROWS}`,
  )) as {
    rows: {
      document_id: string;
      locale: string;
      headline: string | null;
      went_live_at: Date | null;
      sent: number;
      waiting: number;
      failed: number;
      opens: number;
      clicks: number;
    }[];
  };
  return rows.map(({ document_id, went_live_at, ...row }) => ({
    ...row,
    documentId: document_id,
    wentLiveAt: went_live_at ? new Date(went_live_at).toISOString() : null,
  }));
}

export async function subscriberCounts(strapi: Core.Strapi): Promise<SubscriberCounts> {
  const knex = strapi.db.connection;
  const byLanguage = (await knex(SUBSCRIBERS)
    .select('locale')
    .select(knex.raw(`count(*) FILTER (WHERE status = 'confirmed')::int AS confirmed`))
    .select(knex.raw(`count(*) FILTER (WHERE status = 'pending')::int AS pending`))
    .groupBy('locale')
    .orderBy('locale')) as SubscriberCounts['byLanguage'];
  const topics = (await knex.raw(
    `SELECT topic, count(*)::int AS confirmed FROM ${SUBSCRIBERS}, unnest(topics) AS topic
     WHERE status = 'confirmed' GROUP BY topic ORDER BY confirmed DESC, topic`,
  )) as { rows: { topic: string; confirmed: number }[] };
  const names = new Map(
    (
      (await strapi.db.query(TOPIC_UID).findMany({
        select: ['documentId', 'name'],
        where: { documentId: { $in: topics.rows.map((row) => row.topic) } },
      })) as { documentId: string; name: string }[]
    ).map((topic) => [topic.documentId, topic.name]),
  );
  const [{ count: everyTopic }] = (await knex(SUBSCRIBERS)
    .where({ status: 'confirmed' })
    .whereRaw('cardinality(topics) = 0')
    .count({ count: '*' })) as { count: string }[];
  const [{ count: suppressed }] = (await knex(SUPPRESSIONS).count({ count: '*' })) as { count: string }[];
  return {
    byLanguage,
    byTopic: topics.rows.map((row) => ({ ...row, name: names.get(row.topic) ?? null })),
    everyTopic: Number(everyTopic),
    suppressed: Number(suppressed),
    releaseEmails: await releaseEmails(strapi),
  };
}

const csvField = (value: unknown) => {
  const text = value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : String(value);
  // A leading =, +, - or @ would be a formula to a spreadsheet.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function registerSubscriberAdminRoutes(strapi: Core.Strapi): void {
  const counts = async (ctx: AdminContext) => {
    if (!ctx.state.userAbility?.can(READ_COUNTS, PRESS_ACCREDITATION_UID))
      throw new errors.ForbiddenError('Only an Editor may see the subscribers.');
    ctx.set('Cache-Control', 'no-store');
    ctx.body = {
      data: await subscriberCounts(strapi),
      meta: {
        mayExportAddresses: Boolean(ctx.state.userAbility?.can(EXPORT_ADDRESSES_ACTION)),
        mailTracking: mailTrackingOn(),
      },
    };
  };
  const exportAddresses = async (ctx: AdminContext) => {
    if (!ctx.state.userAbility?.can(EXPORT_ADDRESSES_ACTION))
      throw new errors.ForbiddenError("Exporting subscribers' addresses needs its own permission (Settings → Roles).");
    const rows = (await strapi.db
      .connection(SUBSCRIBERS)
      .orderBy('id')
      .select('email', 'locale', 'topics', 'status', 'consent_at', 'confirmed_at')) as Record<string, unknown>[];
    const lines = [
      'email,language,topics,status,consent_at,confirmed_at',
      ...rows.map((row) =>
        [row.email, row.locale, (row.topics as string[]).join(' '), row.status, row.consent_at, row.confirmed_at]
          .map(csvField)
          .join(','),
      ),
    ];
    ctx.set('Cache-Control', 'no-store');
    ctx.set('Content-Disposition', 'attachment; filename="subscribers.csv"');
    ctx.type = 'text/csv; charset=utf-8';
    ctx.body = `${lines.join('\r\n')}\r\n`;
  };
  strapi.server.routes({
    type: 'admin',
    prefix: '',
    routes: [
      { method: 'GET', path: SUBSCRIBERS_PATH, handler: counts, config: { policies: ['admin::isAuthenticatedAdmin'] } },
      {
        // A POST: every export is a write of the audit trail (src/editorial/audit-trail/audited-routes.ts).
        method: 'POST',
        path: `${SUBSCRIBERS_PATH}/export`,
        handler: exportAddresses,
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
    ],
  } as never);
}
