import type { Core } from '@strapi/strapi';
import { AUDIT_EVENTS } from '../../src/editorial/audit-trail/audit-event';
import type { AuditRow } from '../../src/editorial/audit-trail/audit-log-query';

export type AuditEntry = Omit<AuditRow, 'details'> & { details: Record<string, unknown> };

/** The audit entries written since `firstId` (the id a test file starts from), oldest first. */
export async function auditEntriesSince(
  app: Core.Strapi,
  firstId: number,
  where: Partial<AuditEntry> = {},
): Promise<AuditEntry[]> {
  const rows = (await app.db
    .connection(AUDIT_EVENTS)
    .where('id', '>=', firstId)
    .where(where)
    .orderBy('id')) as AuditEntry[];
  // The driver hands jsonb back as text here.
  return rows.map((row) => ({
    ...row,
    details: typeof row.details === 'string' ? JSON.parse(row.details) : row.details,
  }));
}
