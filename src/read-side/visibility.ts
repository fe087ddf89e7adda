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
 * Who is reading. The public is held to publication and embargo; a journalist sees what the public sees, and before
 * the embargo lifts the published releases shared with them while their accreditation is in force; an editor (the
 * admin panel, or a preview link an editor signed) sees every version; a read with no request (start-up, seed,
 * scripts, the projection) is the system's. Each audience is an argument of the rules below, never a module of its
 * own.
 */
export type Audience =
  { kind: 'public' } | JournalistAudience | { kind: 'editor'; via: 'admin' | 'preview' } | { kind: 'system' };

/** A journalist (a users-permissions account with the Journalist role), their outlet and their accreditation. */
export interface JournalistAudience {
  kind: 'journalist';
  journalistId: number;
  outletId: number | null;
  accreditation: AccreditationStanding | null;
}

/** An accreditation as its rule needs it: its status and the last day it holds (YYYY-MM-DD, UTC), if any. */
export interface AccreditationStanding {
  status: 'requested' | 'accredited' | 'refused' | 'suspended' | 'revoked';
  validUntil: string | null;
}

/** A release's press-access setting: nobody early, every journalist in force, or the outlets and journalists chosen. */
export type PressAccess = 'none' | 'accredited' | 'selected';

/** Whether an accreditation gives access now: accredited, through the end of its last day (UTC). */
export function accreditationInForce(accreditation: AccreditationStanding | null, now: Date): boolean {
  if (!accreditation || accreditation.status !== 'accredited') return false;
  if (!accreditation.validUntil) return true;
  return now.getTime() < Date.parse(`${accreditation.validUntil}T00:00:00Z`) + 24 * 3600 * 1000;
}

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

/** Whether an audience is held to publication and embargo (the public is; a journalist is, but for their grants). */
export const heldToEmbargo = (audience: Audience): boolean =>
  audience.kind === 'public' || audience.kind === 'journalist';

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

/** A release's version as the rules read it; the press fields matter to journalists only. */
export interface ReleaseVersion {
  publishedAt?: string | Date | null;
  embargoUntil?: string | Date | null;
  pressAccess?: PressAccess | null;
  pressOutletIds?: readonly number[];
  pressJournalistIds?: readonly number[];
}

/** Whether a release is shared with this journalist (whatever the moment, whatever their accreditation). */
export function isSharedWith(audience: JournalistAudience, version: ReleaseVersion): boolean {
  if (version.pressAccess === 'accredited') return true;
  if (version.pressAccess !== 'selected') return false;
  if (version.pressJournalistIds?.includes(audience.journalistId)) return true;
  return audience.outletId !== null && (version.pressOutletIds?.includes(audience.outletId) ?? false);
}

/** Whether a release's version is visible now to an audience. */
export function isVisibleTo(audience: Audience, version: ReleaseVersion, now: Date): boolean {
  if (!heldToEmbargo(audience)) return true;
  if (!isPublishedVersion(version)) return false;
  if (visibleFrom(version.publishedAt as string | Date, version.embargoUntil) <= now) return true;
  return (
    audience.kind === 'journalist' &&
    accreditationInForce(audience.accreditation, now) &&
    isSharedWith(audience, version)
  );
}

/**
 * The press fields of a published version, as Strapi stores them: the release's column and the link tables of its
 * two relations (checked against Strapi's metadata by tests/api/press-releases.test.ts).
 */
export const PRESS_STORAGE = {
  releases: 'press_releases',
  access: 'press_access',
  outlets: { table: 'press_releases_press_outlets_lnk', release: 'press_release_id', target: 'outlet_id' },
  journalists: { table: 'press_releases_press_journalists_lnk', release: 'press_release_id', target: 'user_id' },
} as const;

/**
 * "Shared with this journalist", for read-model rows aliased `alias` (their `row_id` is the published version's id),
 * with audienceBindings' `:journalistId` and `:outletId`.
 */
export function sharedSql(alias: string): string {
  const { releases, access, outlets, journalists } = PRESS_STORAGE;
  const linked = (link: typeof outlets | typeof journalists, binding: string) =>
    `EXISTS (SELECT 1 FROM ${link.table} k WHERE k.${link.release} = p.id AND k.${link.target} = ${binding})`;
  return `EXISTS (SELECT 1 FROM ${releases} p WHERE p.id = ${alias}.row_id AND (p.${access} = 'accredited'
    OR (p.${access} = 'selected' AND (${linked(journalists, ':journalistId')} OR ${linked(outlets, ':outletId')}))))`;
}

/**
 * "Visible now" to an audience, for read-model rows aliased `alias`, with the bindings of audienceBindings. The read
 * model holds published versions only; their moment is `visible_from`.
 */
export function visibleSql(alias: string, audience: Audience = PUBLIC_AUDIENCE): string {
  if (!heldToEmbargo(audience)) return 'TRUE';
  if (audience.kind !== 'journalist') return `${alias}.visible_from <= :now`;
  return `(${alias}.visible_from <= :now OR (:pressInForce AND ${sharedSql(alias)}))`;
}

/** The bindings visibleSql and sharedSql need for an audience, besides the caller's own. */
export function audienceBindings(audience: Audience, now: Date): Record<string, unknown> {
  if (audience.kind !== 'journalist') return { now };
  return {
    now,
    pressInForce: accreditationInForce(audience.accreditation, now),
    journalistId: audience.journalistId,
    // No outlet: an id no row has, so that the comparison is false rather than NULL.
    outletId: audience.outletId ?? -1,
  };
}

/** Its negation, for rows whose moment has not come (PostgreSQL turns it into `>` and can use the index). */
export const notYetVisibleSql = (alias: string, audience: Audience = PUBLIC_AUDIENCE): string =>
  `NOT (${visibleSql(alias, audience)})`;
