import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Knex } from 'knex';
import { PRESS_RELEASE_UID } from '../../platform/content-model/content-type-uids';
import { changedFields, snapshotAsInput, snapshotFields, snapshotOf, snapshotPopulate } from './release-snapshot';
import { findVersion, listVersions, type StoredVersion } from './release-versions-table';
import { withVersionReason } from './version-reason';
import { recordAuditEvent, type AuditRequest } from '../audit-trail/audit-event';

export interface AdminContext {
  params: { documentId?: string; id?: string };
  query: Record<string, unknown>;
  state: { userAbility?: unknown };
  body: unknown;
}

interface PermissionChecker {
  cannot: { read(entity: object): boolean; update(entity: object): boolean };
}

/** The release's locale the request is about: `?locale=` is required, as in the Content Manager. */
export function askedLocale(ctx: AdminContext): string {
  const { locale } = ctx.query;
  if (typeof locale !== 'string' || !/^[a-z]{2}(-[A-Za-z0-9-]+)?$/.test(locale))
    throw new errors.ValidationError('Give the locale of the release, e.g. ?locale=ru.');
  return locale;
}

function askedVersionId(ctx: AdminContext): number {
  const id = Number(ctx.params.id);
  if (!Number.isSafeInteger(id) || id < 1) throw new errors.ValidationError('A version id is a positive whole number.');
  return id;
}

/** The release's row in that locale the user's permissions are checked against (its draft, else any). */
export async function releaseRow(strapi: Core.Strapi, documentId: string, locale: string) {
  const row = (await strapi.db.query(PRESS_RELEASE_UID).findOne({
    where: { documentId, locale },
    orderBy: { publishedAt: 'desc' }, // PostgreSQL sorts NULLs first when descending: the draft
    populate: snapshotPopulate(strapi, PRESS_RELEASE_UID),
  })) as Record<string, unknown> | null;
  if (!row) throw new errors.NotFoundError(`No press release ${documentId} in "${locale}".`);
  return row;
}

/** Refuses (403) a user whom the Content Manager would not let read, or update, this release in this locale. */
export function assertAllowed(strapi: Core.Strapi, ctx: AdminContext, row: object, action: 'read' | 'update'): void {
  const checker = (
    strapi.plugin('content-manager').service('permission-checker') as {
      create(options: { userAbility: unknown; model: string }): PermissionChecker;
    }
  ).create({ userAbility: ctx.state.userAbility, model: PRESS_RELEASE_UID });
  if (checker.cannot[action](row)) {
    const what = action === 'read' ? 'read the history of' : 'restore a version of';
    throw new errors.ForbiddenError(`You may not ${what} this press release.`);
  }
}

async function versionOf(strapi: Core.Strapi, documentId: string, locale: string, id: number): Promise<StoredVersion> {
  const version = await findVersion(strapi.db.connection as unknown as Knex, documentId, locale, id);
  if (!version) throw new errors.NotFoundError(`No version ${id} of ${documentId} in "${locale}".`);
  return version;
}

/** Handlers of the admin API of release versions (routes in ./release-versions-routes). */
export const releaseVersionsAdmin = (strapi: Core.Strapi) => ({
  /** The versions of one locale of a release, newest first. */
  async list(ctx: AdminContext) {
    const documentId = String(ctx.params.documentId);
    const locale = askedLocale(ctx);
    assertAllowed(strapi, ctx, await releaseRow(strapi, documentId, locale), 'read');
    ctx.body = { data: await listVersions(strapi.db.connection as unknown as Knex, documentId, locale) };
  },

  /** One version beside the current draft, with the fields that differ. */
  async findOne(ctx: AdminContext) {
    const documentId = String(ctx.params.documentId);
    const locale = askedLocale(ctx);
    const row = await releaseRow(strapi, documentId, locale);
    assertAllowed(strapi, ctx, row, 'read');
    const version = await versionOf(strapi, documentId, locale, askedVersionId(ctx));
    const current = row.publishedAt ? null : snapshotOf(strapi, PRESS_RELEASE_UID, row);
    const changed = changedFields(strapi, PRESS_RELEASE_UID, version.content, current ?? {});
    const fields = snapshotFields(strapi, PRESS_RELEASE_UID);
    ctx.body = { data: { version, current, fields, changedFields: changed } };
  },

  /** Puts a version's content into the draft through the document service; never publishes. */
  async restore(ctx: AdminContext) {
    const documentId = String(ctx.params.documentId);
    const locale = askedLocale(ctx);
    assertAllowed(strapi, ctx, await releaseRow(strapi, documentId, locale), 'update');
    const version = await versionOf(strapi, documentId, locale, askedVersionId(ctx));
    const data = snapshotAsInput(strapi, PRESS_RELEASE_UID, version.content);
    const draft = await withVersionReason('restore', () =>
      strapi.documents(PRESS_RELEASE_UID).update({ documentId, locale, status: 'draft', data: data as never }),
    );
    await recordAuditEvent(strapi, ctx as unknown as AuditRequest, {
      action: 'content.restore',
      subjects: [{ type: PRESS_RELEASE_UID, id: documentId, locale }],
      details: { version: version.id },
    });
    ctx.body = { data: { documentId, locale, restoredVersion: version.id, updatedAt: draft?.updatedAt ?? null } };
  },
});
