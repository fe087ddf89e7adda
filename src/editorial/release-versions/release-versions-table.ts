import type { Knex } from 'knex';
import type { ReleaseSnapshot } from './release-snapshot';
import type { VersionReason } from './version-reason';

/** The versions table (database/migrations/*release-versions.sql); only this module reads or writes it. */
const VERSIONS = 'newsroom_release_versions';

export type VersionStatus = 'draft' | 'published';

/** Who saved a version, copied so that it outlives the account. */
export interface VersionAuthor {
  id: number | null;
  name: string | null;
  email: string | null;
}

export interface NewVersion {
  documentId: string;
  locale: string;
  status: VersionStatus;
  reason: VersionReason;
  content: ReleaseSnapshot;
  author: VersionAuthor;
}

/** A version as the admin API lists it (without its content). */
export interface VersionSummary {
  id: number;
  documentId: string;
  locale: string;
  status: VersionStatus;
  reason: VersionReason;
  savedAt: string;
  savedBy: VersionAuthor;
}

export interface StoredVersion extends VersionSummary {
  content: ReleaseSnapshot;
}

interface VersionRow {
  id: string;
  document_id: string;
  locale: string;
  status: VersionStatus;
  reason: VersionReason;
  content?: ReleaseSnapshot | string;
  user_id: number | null;
  user_name: string | null;
  user_email: string | null;
  created_at: Date;
}

const summaryOf = (row: VersionRow): VersionSummary => ({
  id: Number(row.id),
  documentId: row.document_id,
  locale: row.locale,
  status: row.status,
  reason: row.reason,
  savedAt: row.created_at.toISOString(),
  savedBy: { id: row.user_id, name: row.user_name, email: row.user_email },
});

const SUMMARY_COLUMNS = ['id', 'document_id', 'locale', 'status', 'reason', 'user_id', 'user_name', 'user_email'];

/**
 * Keeps a version, then forgets the ones past retention in the same (document, locale): the newest `keep` stay,
 * and every published one. A save that changed nothing since the last version of its status keeps none (the
 * Content Manager saves the form before each publish).
 */
export async function keepVersion(db: Knex, version: NewVersion, keep: number): Promise<void> {
  const same = { document_id: version.documentId, locale: version.locale };
  const content = JSON.stringify(version.content);
  if (version.reason === 'save') {
    const last = (await db(VERSIONS)
      .select(db.raw('content = ?::jsonb AS unchanged', [content]))
      .where({ ...same, status: version.status })
      .orderBy('id', 'desc')
      .first()) as { unchanged: boolean } | undefined;
    if (last?.unchanged) return;
  }
  await db(VERSIONS).insert({
    ...same,
    status: version.status,
    reason: version.reason,
    content: db.raw('?::jsonb', [content]),
    user_id: version.author.id,
    user_name: version.author.name,
    user_email: version.author.email,
  });
  await db(VERSIONS)
    .where(same)
    .whereNot('status', 'published')
    .whereNotIn('id', db(VERSIONS).select('id').where(same).orderBy('id', 'desc').limit(keep))
    .del();
}

/** The versions of one locale of a document, newest first. */
export async function listVersions(db: Knex, documentId: string, locale: string): Promise<VersionSummary[]> {
  const rows = (await db(VERSIONS)
    .select([...SUMMARY_COLUMNS, 'created_at'])
    .where({ document_id: documentId, locale })
    .orderBy('id', 'desc')) as VersionRow[];
  return rows.map(summaryOf);
}

/** One version of one locale of a document, with its content. */
export async function findVersion(
  db: Knex,
  documentId: string,
  locale: string,
  id: number,
): Promise<StoredVersion | undefined> {
  const row = (await db(VERSIONS).where({ id, document_id: documentId, locale }).first()) as VersionRow | undefined;
  if (!row) return undefined;
  // The connection may hand jsonb over as text.
  const content = typeof row.content === 'string' ? (JSON.parse(row.content) as ReleaseSnapshot) : row.content;
  return { ...summaryOf(row), content: content ?? {} };
}
