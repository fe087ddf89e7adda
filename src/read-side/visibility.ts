import type { Core } from '@strapi/strapi';

/**
 * What each audience may see of a press release, and when: the one place that decides it.
 *
 * A release's locale is public from the moment it is published or its embargo ends, whichever is later, and
 * stays public while that published version exists. The read model stores that moment per row (`visible_from`),
 * and every public read asks "visible now?" with the predicate below against the app's clock, so nothing has to
 * run when an embargo lifts and no two channels can disagree about the moment.
 */

/**
 * Who is reading. The public is held to publication and embargo; an editor (the admin panel, or a preview link an
 * editor signed) sees every version; a read with no request (start-up, seed, scripts, the projection) is the
 * system's. Each audience is an argument of the rules below, never a module of its own.
 */
export type Audience = { kind: 'public' } | { kind: 'editor'; via: 'admin' | 'preview' } | { kind: 'system' };

export const PUBLIC_AUDIENCE: Audience = { kind: 'public' };

interface RequestState {
  state?: { route?: { info?: { type?: string } }; auth?: { strategy?: { name?: string } }; newsroomPreview?: boolean };
}

/** The audience of the request being served (Strapi's request context), or the system's when there is none. */
export function audienceOfRequest(strapi: Core.Strapi): Audience {
  const request = strapi.requestContext.get() as RequestState | undefined;
  if (!request) return { kind: 'system' };
  const isAdmin = request.state?.route?.info?.type === 'admin' || request.state?.auth?.strategy?.name === 'admin';
  if (isAdmin) return { kind: 'editor', via: 'admin' };
  // A preview with a valid signed token (src/api/preview) is an editor's view, not the public's.
  if (request.state?.newsroomPreview === true) return { kind: 'editor', via: 'preview' };
  return PUBLIC_AUDIENCE;
}

/** Whether an audience is held to publication and embargo (only the public is). */
export const heldToEmbargo = (audience: Audience): boolean => audience.kind === 'public';

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

/** Whether a release's version is visible now to an audience. */
export function isVisibleTo(
  audience: Audience,
  version: { publishedAt?: string | Date | null; embargoUntil?: string | Date | null },
  now: Date,
): boolean {
  if (!heldToEmbargo(audience)) return true;
  if (!isPublishedVersion(version)) return false;
  return visibleFrom(version.publishedAt as string | Date, version.embargoUntil) <= now;
}

/**
 * "Visible now" to an audience, for read-model rows aliased `alias` (bind `now` to publicNow()). The read model
 * holds published versions only; their moment is `visible_from`.
 */
export const visibleSql = (alias: string, audience: Audience = PUBLIC_AUDIENCE): string =>
  heldToEmbargo(audience) ? `${alias}.visible_from <= :now` : 'TRUE';

/** Its negation, for rows whose moment has not come (PostgreSQL turns it into `>` and can use the index). */
export const notYetVisibleSql = (alias: string, audience: Audience = PUBLIC_AUDIENCE): string =>
  `NOT (${visibleSql(alias, audience)})`;
