import type { Core } from '@strapi/strapi';
import type { Accreditation, Journalist } from './accreditations';

/**
 * The press access log: who read or downloaded what, of which release, when and from where, one entry per release
 * and act (database/migrations/*press-access-log.sql, append-only like the audit trail). The press API, the signed
 * file links and the portal's pages write it; an Editor reads it per release (press-access-log-routes.ts).
 */

export const PRESS_ACCESS_LOG = 'newsroom_press_access_log';

/** What the journalist did: a list page, one release (JSON, ninjs, a portal page), a file, a press kit, the feed. */
export type PressAccessKind = 'list' | 'read' | 'ninjs' | 'newsml' | 'file' | 'kit' | 'feed' | 'page';

/** A release as it was seen: `embargoed` whether the public could not see it yet. */
export interface SeenRelease {
  documentId: string;
  locale: string;
  embargoed: boolean;
}

/** Who saw it: the journalist and their accreditation (journalistOfRequest's answer). */
export interface PressReader {
  journalist: Pick<Journalist, 'id' | 'email'>;
  accreditation: Pick<Accreditation, 'outlet' | 'outletName'> | null;
}

const cut = (value: string | null | undefined, max: number): string | null =>
  value === null || value === undefined ? null : value.slice(0, max);

/** Records that a journalist saw these releases (or downloaded a file of one); awaited, so no read goes unrecorded. */
export async function recordPressAccess(
  strapi: Core.Strapi,
  reader: PressReader,
  what: PressAccessKind,
  releases: readonly SeenRelease[],
  request: { ip?: string; fileId?: number } = {},
): Promise<void> {
  if (releases.length === 0) return;
  const outlet = reader.accreditation?.outlet;
  await strapi.db.connection(PRESS_ACCESS_LOG).insert(
    releases.map((release) => ({
      journalist_id: reader.journalist.id,
      journalist_email: cut(reader.journalist.email, 255),
      outlet_id: outlet?.id ?? null,
      outlet_name: cut(outlet?.name ?? reader.accreditation?.outletName, 255),
      document_id: release.documentId,
      locale: release.locale,
      what,
      file_id: request.fileId ?? null,
      before_lift: release.embargoed,
      client_ip: cut(request.ip, 64),
    })),
  );
}

/** An entry as an Editor sees it. */
export interface PressAccessView {
  at: string;
  journalist: { id: number; email: string | null };
  outlet: string | null;
  locale: string;
  what: PressAccessKind;
  fileId: number | null;
  address: string | null;
}

interface AccessRow {
  occurred_at: Date | string;
  journalist_id: number;
  journalist_email: string | null;
  outlet_name: string | null;
  locale: string;
  what: PressAccessKind;
  file_id: number | null;
  client_ip: string | null;
}

/** Entries shown at most, newest first: a release's readers before its lift are a short list. */
export const SEEN_BEFORE_LIFT_LIMIT = 1000;

/** Who saw a release (any locale) before its lift, newest first. */
export async function seenBeforeLift(strapi: Core.Strapi, documentId: string): Promise<PressAccessView[]> {
  const rows = (await strapi.db
    .connection(PRESS_ACCESS_LOG)
    .select('occurred_at', 'journalist_id', 'journalist_email', 'outlet_name', 'locale', 'what', 'file_id', 'client_ip')
    .where({ document_id: documentId, before_lift: true })
    .orderBy([
      { column: 'occurred_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(SEEN_BEFORE_LIFT_LIMIT)) as AccessRow[];
  return rows.map((row) => ({
    at: new Date(row.occurred_at).toISOString(),
    journalist: { id: row.journalist_id, email: row.journalist_email },
    outlet: row.outlet_name,
    locale: row.locale,
    what: row.what,
    fileId: row.file_id,
    address: row.client_ip,
  }));
}
