import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { PRESS_RELEASE_UID } from '../newsroom-setup/content-type-uids';
import { SYSTEM_FIELDS } from '../newsroom-setup/editor-role';

type Attribute = { type: string; component?: string; target?: string };
type Attributes = Record<string, Attribute>;

// Bookkeeping, not content: a change to these, or to the stage itself, is no change to what was approved.
const NOT_CONTENT = new Set([...SYSTEM_FIELDS, 'reviewStage']);

const attributesOf = (strapi: Core.Strapi, uid: string): Attributes =>
  (strapi.getModel as (uid: string) => { attributes: Attributes })(uid).attributes;

/** What to load of each attribute: linked documents and files by their ids, components whole. */
function populateOf(strapi: Core.Strapi, uid: string): Record<string, unknown> {
  const populate: Record<string, unknown> = {};
  for (const [name, attribute] of Object.entries(attributesOf(strapi, uid))) {
    if (NOT_CONTENT.has(name)) continue;
    if (attribute.type === 'relation') populate[name] = { select: ['documentId'] };
    if (attribute.type === 'media') populate[name] = { select: ['id'] };
    if (attribute.type === 'component' && attribute.component) {
      populate[name] = { populate: populateOf(strapi, attribute.component) };
    }
  }
  return populate;
}

/** What a row says, by its schema: linked documents and files as their ids, bookkeeping left out, keys sorted. */
function contentOf(strapi: Core.Strapi, uid: string, row: Record<string, unknown>): unknown {
  const byId = (key: 'documentId' | 'id') => (linked: unknown) =>
    Array.isArray(linked)
      ? linked.map((one) => (one as Record<string, unknown>)[key])
      : ((linked as Record<string, unknown> | null)?.[key] ?? null);
  const attributes = attributesOf(strapi, uid);
  return Object.keys(attributes)
    .filter((name) => !NOT_CONTENT.has(name))
    .sort()
    .map((name) => {
      const attribute = attributes[name];
      const value = row[name] ?? null;
      if (attribute.type === 'relation') return [name, byId('documentId')(value)];
      if (attribute.type === 'media') return [name, byId('id')(value)];
      if (attribute.type === 'component' && attribute.component && value !== null) {
        const component = attribute.component;
        const one = (inner: unknown) => contentOf(strapi, component, inner as Record<string, unknown>);
        return [name, Array.isArray(value) ? value.map(one) : one(value)];
      }
      return [name, value instanceof Date ? value.toISOString() : value];
    });
}

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
    populate: populateOf(strapi, PRESS_RELEASE_UID),
  });
  if (!draft) return null;
  return createHash('sha256')
    .update(JSON.stringify(contentOf(strapi, PRESS_RELEASE_UID, draft as Record<string, unknown>)))
    .digest('hex');
}
