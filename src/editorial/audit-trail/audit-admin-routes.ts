import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { recordAuditEvent } from './audit-event';
import { allAuditEntries, auditFiltersOf, listAuditEntries, pageOf } from './audit-log-query';
import { EXPORT_TYPES, exportStream, type ExportFormat } from './audit-export';

const handlersOf = (strapi: Core.Strapi) => ({
  async list(ctx: Context) {
    const { results, pagination } = await listAuditEntries(strapi, auditFiltersOf(ctx.query), pageOf(ctx.query));
    ctx.body = { data: results, meta: { pagination } };
  },

  /** The whole selection as a file, streamed; the export itself is recorded. */
  async export(ctx: Context) {
    const format = ctx.query.format ?? 'csv';
    if (format !== 'csv' && format !== 'json') throw new errors.ValidationError('format: expected csv or json');
    const filters = auditFiltersOf(ctx.query);
    await recordAuditEvent(strapi, ctx, { action: 'audit.export', details: { format, filters }, status: 200 });
    const stamp = new Date().toISOString().slice(0, 19).replace(/:/g, '-');
    ctx.set('content-disposition', `attachment; filename="audit-trail-${stamp}.${format}"`);
    ctx.set('cache-control', 'no-store');
    ctx.type = EXPORT_TYPES[format as ExportFormat];
    ctx.body = exportStream(format, allAuditEntries(strapi, filters));
  },
});

const superAdminRoute = (path: string, handler: (ctx: Context) => Promise<void>) => ({
  method: 'GET' as const,
  path,
  handler,
  info: { pluginName: 'admin', type: 'admin' },
  // Only super admins read the trail (src/policies/is-super-admin.ts).
  config: { policies: ['admin::isAuthenticatedAdmin', 'global::is-super-admin'] },
});

/** The super admins' API of the trail: list with filters and pages, and export as CSV or JSON. No route writes. */
export function registerAuditAdminRoutes(strapi: Core.Strapi): void {
  const handlers = handlersOf(strapi);
  strapi.server.routes({
    type: 'admin',
    routes: [
      superAdminRoute('/admin/audit-events', handlers.list),
      superAdminRoute('/admin/audit-events/export', handlers.export),
    ],
  });
}
