/**
 * What the public may see of a press release, and when: the one place that decides it.
 *
 * A release's locale is public from the moment it is published or its embargo ends, whichever is later, and
 * stays public while that published version exists. The read model stores that moment per row (`visible_from`),
 * and every public read asks "visible now?" with the predicate below against the app's clock, so nothing has to
 * run when an embargo lifts and no two channels can disagree about the moment.
 */

/** The read model's table (see database/migrations/*public-read-model.sql). */
export const PUBLIC_RELEASES = 'newsroom_public_releases';
export const PUBLIC_RELEASE_TOTALS = 'newsroom_public_release_totals';

/**
 * A published version of a release (Strapi's draft & publish): a row of press_releases with a publication date.
 * Being published is not being visible (an embargo may hold it back); it is what the read model projects and what
 * write paths that copy between published versions look at.
 */
export const publishedVersionSql = (alias: string): string => `${alias}.published_at IS NOT NULL`;
/** The same, as a query-engine filter. */
export const PUBLISHED_VERSION_WHERE = { publishedAt: { $notNull: true } } as const;
/** The same, of a row already read: its published version, not its draft. */
export const isPublishedVersion = (row: { publishedAt?: unknown }): boolean =>
  row.publishedAt !== null && row.publishedAt !== undefined;

/** The clock every public read compares with. */
export const publicNow = (): Date => new Date();

/** The moment a published version becomes visible to the public. */
export function visibleFrom(publishedAt: string | Date, embargoUntil: string | Date | null | undefined): Date {
  const published = new Date(publishedAt);
  if (embargoUntil === null || embargoUntil === undefined) return published;
  const embargo = new Date(embargoUntil);
  return embargo > published ? embargo : published;
}

/** "Visible now" for read-model rows aliased `alias` (bind `now` to publicNow()). */
export const visibleSql = (alias: string): string => `${alias}.visible_from <= :now`;

/** Its negation, for rows whose moment has not come (PostgreSQL turns it into `>` and can use the index). */
export const notYetVisibleSql = (alias: string): string => `NOT (${visibleSql(alias)})`;
