import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { PRESS_RELEASE_UID } from '../../platform/content-model/content-type-uids';
import { snapshotOf, snapshotPopulate } from '../release-versions/release-snapshot';

/**
 * A fingerprint of what a locale's draft says: its fields, components, linked documents and files, those shared
 * with the other locales included (an embargo or cover changed elsewhere changes this locale too). Taken when a
 * locale is approved and compared before it is published, so that what goes public is what was approved. Null when
 * the locale has no draft.
 */
export async function draftFingerprint(
  strapi: Core.Strapi,
  documentId: string,
  locale: string,
): Promise<string | null> {
  const draft = await strapi.db.query(PRESS_RELEASE_UID).findOne({
    where: { documentId, locale, publishedAt: null },
    populate: snapshotPopulate(strapi, PRESS_RELEASE_UID),
  });
  if (!draft) return null;
  return createHash('sha256')
    .update(JSON.stringify(snapshotOf(strapi, PRESS_RELEASE_UID, draft as Record<string, unknown>)))
    .digest('hex');
}
