import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { AUDITED_ROUTES, mayBeAudited, type AnsweredRequest } from '../editorial/audit-trail/audited-routes';
import { recordAuditEvent } from '../editorial/audit-trail/audit-event';
import { secretValuesOf } from '../editorial/audit-trail/audit-secrets';
import { withTitlesBeforeDeletion } from '../editorial/audit-trail/audit-subject-titles';

/** What koa-router (the matched pattern, its params) and strapi::body (the parsed body) add to Koa's context. */
interface RoutedContext extends Context {
  _matchedRoute?: string | RegExp;
  params?: Record<string, string>;
  request: Context['request'] & { body?: unknown };
}

const errorMessageOf = (body: unknown): string | undefined => {
  const error = body && typeof body === 'object' ? (body as { error?: { message?: unknown } }).error : undefined;
  return typeof error?.message === 'string' ? error.message : undefined;
};

/**
 * Records the admin actions of audited-routes.ts, one entry per subject, with the outcome the client gets. Placed
 * before strapi::errors so that it sees a refusal as answered (status and message). The entry is stored before
 * the answer leaves: a response is not sent until this resolves, so no acted-on request goes unrecorded unless the
 * database refuses the entry, which is then logged in full as an error. Public requests leave at the first check.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: RoutedContext, next: Next) => {
    if (!mayBeAudited(ctx.method, ctx.path)) return next();
    const withFiles = noteUploadedFiles(ctx);
    try {
      await next();
    } finally {
      await record(strapi, ctx, withFiles());
    }
  };

/**
 * Whether the request came with files. strapi::body (inside this middleware) sets ctx.request.files when it parses the
 * body and deletes it once the request is answered, before the entry is written: the setter keeps a note of it.
 */
function noteUploadedFiles(ctx: RoutedContext): () => boolean {
  let files: unknown;
  let seen = false;
  Object.defineProperty(ctx.request, 'files', {
    configurable: true,
    enumerable: true,
    get: () => files,
    set: (value: unknown) => {
      files = value;
      seen ||= typeof value === 'object' && value !== null && Object.keys(value).length > 0;
    },
  });
  return () => seen;
}

async function record(strapi: Core.Strapi, ctx: RoutedContext, withFiles: boolean): Promise<void> {
  const route =
    typeof ctx._matchedRoute === 'string' ? AUDITED_ROUTES[`${ctx.method} ${ctx._matchedRoute}`] : undefined;
  if (!route) return;
  // An anonymous request to an admin route is refused before it does anything; only log-ins are worth an entry.
  if (ctx.status === 401 && !route.actor) return;
  const request: AnsweredRequest = {
    params: ctx.params ?? {},
    query: ctx.query,
    body: ctx.request.body,
    answer: ctx.body,
    status: ctx.status,
    withFiles,
  };
  const event = {
    action: route.action(request),
    subjects: withTitlesBeforeDeletion(ctx, route.subjects(request)),
    actor: route.actor?.(request),
    status: ctx.status,
    message: ctx.status >= 400 ? errorMessageOf(ctx.body) : undefined,
    details: route.details?.(request),
    secrets: secretValuesOf(request.body),
  };
  try {
    await recordAuditEvent(strapi, ctx, event);
  } catch (error) {
    const { action, subjects, actor, status } = event;
    const entry = JSON.stringify({ action, subjects, actor, status, address: ctx.ip, user: ctx.state.user?.id });
    strapi.log.error(`Audit trail: an entry could not be stored (${(error as Error).message}): ${entry}`);
  }
}
