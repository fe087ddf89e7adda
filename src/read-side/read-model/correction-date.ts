/**
 * Corrections of published releases: the editor writes what was corrected (`correction`), the server dates it
 * (`correctedAt`) when a release goes public with a note the public has not seen. The one owner of both rules
 * below; the publish middleware, the read model and every public format ask them.
 */

interface CorrectionRow {
  correction?: string | null;
  correctedAt?: string | Date | null;
}

const noteOf = (row: CorrectionRow | null | undefined): string => (row?.correction ?? '').trim();

/**
 * The date of a locale's correction once its draft is published: a new or changed note is dated now, the note the
 * public already has keeps its date, no note has none.
 */
export function correctedAtOnPublish(
  draft: CorrectionRow,
  published: CorrectionRow | null | undefined,
  now: Date,
): Date | null {
  const note = noteOf(draft);
  if (!note) return null;
  if (published && noteOf(published) === note && published.correctedAt) return new Date(published.correctedAt);
  // Published again after an unpublish: the note the draft was last published with keeps its date.
  if (!published && draft.correctedAt) return new Date(draft.correctedAt);
  return now;
}

/** The date of the correction readers are shown: none without a note, whatever the column holds. */
export function releaseCorrectedAt(release: CorrectionRow): Date | null {
  return noteOf(release) && release.correctedAt ? new Date(release.correctedAt) : null;
}

/** When a public release last changed for its readers: its last save, or its correction if that came later. */
export function releaseModifiedAt(release: { updatedAt: string | Date; correctedAt?: string | Date | null }): Date {
  const updated = new Date(release.updatedAt);
  if (!release.correctedAt) return updated;
  const corrected = new Date(release.correctedAt);
  return corrected > updated ? corrected : updated;
}
