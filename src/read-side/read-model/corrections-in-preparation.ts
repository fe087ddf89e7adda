import type { Core } from '@strapi/strapi';
import { publishedVersionSql } from '../visibility';

/**
 * A correction in preparation: a published release in a locale whose draft holds a correction note that its published
 * version does not have (an editor is correcting it). Agencies that took the release are told to hold it, IPTC's
 * `withheld`, from the moment that draft was saved until the correction is published (and the item is usable again,
 * in a new version, with the correction as its note). Nothing of the draft is shown: only that a correction is coming.
 */

/** A release in a locale, and since when its correction has been in preparation. */
export type CorrectionsInPreparation = Map<string, Date>;

export const correctionKey = (release: { documentId: string; locale: string }) =>
  `${release.documentId}\u0000${release.locale}`;

const PENDING_SQL = `
  SELECT d.document_id, d.locale, d.updated_at FROM press_releases d
  JOIN press_releases p ON p.document_id = d.document_id AND p.locale = d.locale AND ${publishedVersionSql('p')}
  WHERE NOT ${publishedVersionSql('d')} AND d.document_id = ANY(?)
    AND nullif(btrim(d.correction), '') IS NOT NULL AND d.correction IS DISTINCT FROM p.correction`;

/** Which of these releases have a correction in preparation (by correctionKey), since when. */
export async function correctionsInPreparation(
  strapi: Core.Strapi,
  releases: readonly { documentId: string; locale: string }[],
): Promise<CorrectionsInPreparation> {
  if (releases.length === 0) return new Map();
  const documentIds = [...new Set(releases.map((release) => release.documentId))];
  const { rows } = (await strapi.db.connection.raw(PENDING_SQL, [documentIds])) as {
    rows: { document_id: string; locale: string; updated_at: Date | string }[];
  };
  return new Map(
    rows.map((row) => [correctionKey({ documentId: row.document_id, locale: row.locale }), new Date(row.updated_at)]),
  );
}
