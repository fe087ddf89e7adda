import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { AUDIT_EVENTS } from './audit-event';

export interface AuditFilters {
  /** An admin user's id, or part of the email of whoever acted (a failed log-in's email included). */
  user?: string;
  documentId?: string;
  /** An action (`content.publish`) or a family of them (`content`). */
  action?: string;
  from?: Date;
  to?: Date;
}

export interface AuditEntry {
  id: number;
  occurredAt: string;
  actor: { id: number | null; email: string | null; name: string | null };
  action: string;
  /** `title`: what the subject was called when the entry was recorded (a release's headline), from the details. */
  subject: { type: string | null; id: string | null; locale: string | null; title: string | null };
  clientIp: string | null;
  method: string | null;
  path: string | null;
  status: number | null;
  outcome: string;
  message: string | null;
  details: Record<string, unknown>;
}

const FILTER_NAMES = ['user', 'documentId', 'action', 'from', 'to'] as const;

function moment(name: string, value: string): Date {
  const parsed = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(parsed.getTime())) {
    throw new errors.ValidationError(`${name}: expected an ISO 8601 date or time (2026-11-30 or 2026-11-30T12:00:00Z)`);
  }
  return parsed;
}

/** The filters of a request's query; a malformed one is a 400 with what is expected. */
export function auditFiltersOf(query: Record<string, unknown>): AuditFilters {
  const filters: AuditFilters = {};
  for (const name of FILTER_NAMES) {
    const value = query[name];
    if (value === undefined || value === '') continue;
    if (typeof value !== 'string' || value.length > 255) {
      throw new errors.ValidationError(`${name}: expected one value of at most 255 characters`);
    }
    if (name === 'from' || name === 'to') filters[name] = moment(name, value.trim());
    else filters[name] = value.trim();
  }
  return filters;
}

export function pageOf(query: Record<string, unknown>): { page: number; pageSize: number } {
  const whole = (name: string, fallback: number, max: number) => {
    const value = query[name] ?? String(fallback);
    if (typeof value !== 'string' || !/^\d{1,6}$/.test(value) || Number(value) < 1 || Number(value) > max) {
      throw new errors.ValidationError(`${name}: expected a whole number from 1 to ${max}`);
    }
    return Number(value);
  };
  return { page: whole('page', 1, 1_000_000), pageSize: whole('pageSize', 25, 100) };
}

type Knex = Core.Strapi['db']['connection'];
type Query = ReturnType<Knex>;

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

function filtered(strapi: Core.Strapi, filters: AuditFilters): Query {
  const query = strapi.db.connection(AUDIT_EVENTS);
  if (filters.user !== undefined) {
    const user = filters.user;
    if (/^\d{1,9}$/.test(user)) query.where('actor_id', Number(user));
    else query.whereILike('actor_email', likePattern(user));
  }
  if (filters.documentId !== undefined) query.where('subject_id', filters.documentId);
  if (filters.action !== undefined) {
    if (filters.action.includes('.')) query.where('action', filters.action);
    else query.whereLike('action', `${filters.action.replace(/[\\%_]/g, '')}.%`);
  }
  if (filters.from) query.where('occurred_at', '>=', filters.from);
  if (filters.to) query.where('occurred_at', '<=', filters.to);
  return query;
}

/** A row of the table as the driver returns it. */
export interface AuditRow {
  id: string | number;
  occurred_at: Date;
  actor_id: number | null;
  actor_email: string | null;
  actor_name: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  locale: string | null;
  client_ip: string | null;
  http_method: string | null;
  http_path: string | null;
  status: number | null;
  outcome: string;
  message: string | null;
  details: unknown;
}

const entryOf = (row: AuditRow): AuditEntry => {
  // The driver may hand jsonb back as text.
  const details = (typeof row.details === 'string' ? JSON.parse(row.details) : row.details) as Record<string, unknown>;
  const title = typeof details.title === 'string' ? details.title : null;
  return {
    id: Number(row.id),
    occurredAt: new Date(row.occurred_at).toISOString(),
    actor: { id: row.actor_id, email: row.actor_email, name: row.actor_name },
    action: row.action,
    subject: { type: row.subject_type, id: row.subject_id, locale: row.locale, title },
    clientIp: row.client_ip,
    method: row.http_method,
    path: row.http_path,
    status: row.status,
    outcome: row.outcome,
    message: row.message,
    details,
  };
};

/** One page of entries, newest first. */
export async function listAuditEntries(
  strapi: Core.Strapi,
  filters: AuditFilters,
  { page, pageSize }: { page: number; pageSize: number },
) {
  const [rows, [{ total }]] = await Promise.all([
    filtered(strapi, filters)
      .select('*')
      .orderBy([
        { column: 'occurred_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(pageSize)
      .offset((page - 1) * pageSize) as Promise<AuditRow[]>,
    filtered(strapi, filters).count({ total: '*' }) as Promise<{ total: string | number }[]>,
  ]);
  const count = Number(total);
  return {
    results: rows.map(entryOf),
    pagination: { page, pageSize, total: count, pageCount: Math.ceil(count / pageSize) },
  };
}

const BATCH = 500;

/** Every entry the filters select, newest first, read a batch at a time (a large trail never sits in memory). */
export async function* allAuditEntries(strapi: Core.Strapi, filters: AuditFilters): AsyncGenerator<AuditEntry> {
  // The cursor's time as PostgreSQL's text: a JavaScript Date would drop its microseconds and skip entries.
  let after: (AuditRow & { cursor_time: string }) | undefined;
  for (;;) {
    const query = filtered(strapi, filters).select('*', strapi.db.connection.raw('occurred_at::text AS cursor_time'));
    if (after) query.whereRaw('(occurred_at, id) < (?::timestamptz, ?)', [after.cursor_time, after.id]);
    const rows = (await query
      .orderBy([
        { column: 'occurred_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(BATCH)) as (AuditRow & { cursor_time: string })[];
    for (const row of rows) yield entryOf(row);
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1];
  }
}
