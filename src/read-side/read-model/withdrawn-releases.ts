import type { Core } from '@strapi/strapi';
import { settings } from '../../platform/settings/newsroom-settings';

/** Releases withdrawn after they were public (written by the go-live sweep: src/delivery/go-live/go-live-sweep.ts). */
export const WITHDRAWN_RELEASES = 'newsroom_withdrawn_releases';

/**
 * A release (in a locale) that stopped being public: unpublished or deleted. Agencies that took it must be told, so
 * for WITHDRAWN_ITEM_DAYS its NewsML-G2 item and ninjs document answer as canceled, and the locale's News Message
 * carries the kill. Only who it was is kept (headline, source): never its text, which the press office withdrew.
 */
export interface WithdrawnRelease {
  documentId: string;
  locale: string;
  headline: string | null;
  source: { documentId: string; name: string } | null;
  /** The version agencies last had (the public row's updated_at when it was announced). */
  lastVersion: Date;
  withdrawnAt: Date;
}

interface Row {
  document_id: string;
  locale: string;
  headline: string | null;
  source_json: string | null;
  last_version: Date;
  withdrawn_at: Date;
}

const fromRow = (row: Row): WithdrawnRelease => ({
  documentId: row.document_id,
  locale: row.locale,
  headline: row.headline,
  source: row.source_json ? (JSON.parse(row.source_json) as WithdrawnRelease['source']) : null,
  lastVersion: new Date(row.last_version),
  withdrawnAt: new Date(row.withdrawn_at),
});

/** The earliest withdrawal still answered as canceled; null when withdrawals answer 404 at once. */
function answeredSince(now: Date): Date | null {
  const days = settings().WITHDRAWN_ITEM_DAYS;
  return days > 0 ? new Date(now.getTime() - days * 24 * 3600 * 1000) : null;
}

/** The withdrawal of this release in this locale, while it is still answered as canceled. */
export async function withdrawnRelease(
  strapi: Core.Strapi,
  documentId: string,
  locale: string,
  now: Date = new Date(),
): Promise<WithdrawnRelease | null> {
  const since = answeredSince(now);
  if (!since) return null;
  const row = (await strapi.db
    .connection(WITHDRAWN_RELEASES)
    .where({ document_id: documentId, locale })
    .andWhere('withdrawn_at', '>', since)
    .first()) as Row | undefined;
  return row ? fromRow(row) : null;
}

/** A locale's withdrawals still answered as canceled, newest first. */
export async function recentWithdrawals(
  strapi: Core.Strapi,
  locale: string,
  limit: number,
  now: Date = new Date(),
): Promise<WithdrawnRelease[]> {
  const since = answeredSince(now);
  if (!since) return [];
  const rows = (await strapi.db
    .connection(WITHDRAWN_RELEASES)
    .where({ locale })
    .andWhere('withdrawn_at', '>', since)
    .orderBy('withdrawn_at', 'desc')
    .limit(limit)) as Row[];
  return rows.map(fromRow);
}
