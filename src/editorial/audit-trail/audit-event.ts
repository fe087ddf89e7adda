import type { Core } from '@strapi/strapi';
import { personName } from '../../platform/request-context/acting-user';
import { blankOut, withoutSecrets } from './audit-secrets';
import { withStoredTitles } from './audit-subject-titles';

/** The table of the migration database/migrations/…audit-events.sql: append-only (its triggers refuse changes). */
export const AUDIT_EVENTS = 'newsroom_audit_events';

export type AuditOutcome = 'success' | 'refused' | 'failed';

export interface AuditActor {
  id?: number | null;
  email?: string | null;
  name?: string | null;
}

export interface AuditSubject {
  /** A content type uid (api::press-release.press-release), or admin::user, admin::role, admin::api-token, … */
  type?: string;
  /** A documentId, or the id of a user, role, token, webhook, file. */
  id?: string | number;
  locale?: string;
  /**
   * What a person calls the subject (a release's headline), kept in the entry's details as `title` so that it
   * outlives the subject. A document's is looked up when the event does not say it (see audit-subject-titles.ts).
   */
  title?: string;
  /** What concerns this subject only (a file's name), merged over the event's details. */
  details?: Record<string, unknown>;
}

export interface AuditEvent {
  /** `content.publish`, `user.update`, `auth.login-failed`, … (see audited-routes.ts for the ones recorded today). */
  action: string;
  /** One entry per subject (a bulk publish names each document); none: one entry without a subject. */
  subjects?: AuditSubject[];
  /** Who acted; by default the admin user of the request. */
  actor?: AuditActor;
  /** The HTTP status of the answer, when there is one. */
  status?: number;
  outcome?: AuditOutcome;
  message?: string;
  details?: Record<string, unknown>;
  /** Strings to blank out of the message (what the request carried under secret names). */
  secrets?: readonly string[];
}

interface AdminUser {
  id: number;
  email?: string | null;
  firstname?: string | null;
  lastname?: string | null;
  username?: string | null;
}

/** What of a Koa context an entry takes: the address (Koa's ctx.ip, behind the app's proxy setting) and the user. */
export interface AuditRequest {
  ip: string;
  method: string;
  path: string;
  state: { user?: unknown };
}

export const outcomeOfStatus = (status: number): AuditOutcome =>
  status >= 500 ? 'failed' : status >= 400 ? 'refused' : 'success';

export function actorOfUser(user: AdminUser | undefined): AuditActor {
  if (!user) return {};
  return { id: user.id, email: user.email ?? null, name: personName(user) };
}

const titleOf = (subject: AuditSubject) => (subject.title ? { title: subject.title } : {});

const cut = (value: unknown, length: number): string | null =>
  value === undefined || value === null || value === '' ? null : String(value).slice(0, length);

function rowsOf(request: AuditRequest | undefined, event: AuditEvent) {
  const actor = event.actor ?? actorOfUser(request?.state.user as AdminUser | undefined);
  const outcome = event.outcome ?? (event.status ? outcomeOfStatus(event.status) : 'success');
  const subjects = event.subjects && event.subjects.length > 0 ? event.subjects : [{}];
  const message = event.message ? blankOut(event.message, event.secrets ?? []) : null;
  return subjects.map((subject) => ({
    actor_id: typeof actor.id === 'number' && Number.isInteger(actor.id) ? actor.id : null,
    actor_email: cut(actor.email, 255),
    actor_name: cut(actor.name, 255),
    action: event.action.slice(0, 64),
    subject_type: cut(subject.type, 255),
    subject_id: cut(subject.id, 255),
    locale: cut(subject.locale, 32),
    client_ip: cut(request?.ip, 64),
    http_method: cut(request?.method, 16),
    http_path: cut(request?.path, 512),
    status: event.status ?? null,
    outcome,
    message: cut(message, 2000),
    details: JSON.stringify(withoutSecrets({ ...event.details, ...subject.details, ...titleOf(subject) }) ?? {}),
  }));
}

/**
 * Records an action in the audit trail: who (the request's admin user unless `event.actor` says), from which address,
 * what, on which subjects (a document by its title as stored), with what outcome. Secrets never reach the row. Other
 * features record their own domain actions with it (a review-stage change, a version restore): pass
 * `strapi.requestContext.get()` as the request.
 * Inside a Document Service write it joins that write's transaction (a write taken back leaves no entry of its
 * success). Resolves once the entry is stored; throws if it could not be.
 */
export async function recordAuditEvent(
  strapi: Core.Strapi,
  request: AuditRequest | undefined,
  event: AuditEvent,
): Promise<void> {
  const rows = rowsOf(request, { ...event, subjects: await withStoredTitles(strapi, event.subjects ?? []) });
  await strapi.db.transaction(async ({ trx }) => {
    await trx(AUDIT_EVENTS).insert(rows);
  });
}
