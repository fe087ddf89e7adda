/**
 * A published release with `embargoUntil` in the future is invisible to the public until that moment,
 * then appears by itself: every public read compares with the clock at query time, so nothing has to run
 * when the embargo lifts.
 */
export function notEmbargoedFilter(now: Date = new Date()) {
  return { $or: [{ embargoUntil: { $null: true } }, { embargoUntil: { $lte: now } }] };
}

/** The same condition in SQL, for queries on press_releases aliased as `alias` (bind `now`). */
export function notEmbargoedSql(alias: string): string {
  return `(${alias}.embargo_until IS NULL OR ${alias}.embargo_until <= :now)`;
}

/** Adds the embargo condition to a filters object (AND-ed with whatever the client asked for). */
export function withNotEmbargoed(filters: unknown, now: Date = new Date()): Record<string, unknown> {
  const embargo = notEmbargoedFilter(now);
  const hasFilters = typeof filters === 'object' && filters !== null && Object.keys(filters).length > 0;
  return hasFilters ? { $and: [filters, embargo] } : embargo;
}

/** The same, in GraphQL's filter syntax (for a relation's `filters` argument), AND-ed with the client's. */
export function withNotEmbargoedGraphql(filters: unknown, now: Date = new Date()): Record<string, unknown> {
  const embargo = { or: [{ embargoUntil: { null: true } }, { embargoUntil: { lte: now.toISOString() } }] };
  const hasFilters = typeof filters === 'object' && filters !== null && Object.keys(filters).length > 0;
  return hasFilters ? { and: [filters, embargo] } : embargo;
}
