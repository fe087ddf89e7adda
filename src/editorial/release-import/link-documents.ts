import type { Core } from '@strapi/strapi';
import { ENTITY_UID, PRESS_RELEASE_UID, TOPIC_UID } from '../../platform/content-model/content-type-uids';

export interface LinkTargets {
  topics?: string[];
  entities?: string[];
}

interface RelationData {
  source?: string;
  topics?: { set: { documentId: string; locale: string }[] };
  entities?: { set: { documentId: string; locale: string }[] };
}

interface LinkedRow {
  source?: { documentId: string } | null;
  topics?: { documentId: string }[];
  entities?: { documentId: string }[];
}

/** The subset of `documentIds` of a localized type that exist in `locale`, in the given order. */
async function existingInLocale(
  strapi: Core.Strapi,
  uid: typeof TOPIC_UID | typeof ENTITY_UID,
  documentIds: string[],
  locale: string,
): Promise<string[]> {
  if (documentIds.length === 0) return [];
  const rows = (await strapi.db.query(uid).findMany({
    select: ['documentId'],
    where: { documentId: { $in: documentIds }, locale },
  })) as { documentId: string }[];
  const present = new Set(rows.map((row) => row.documentId));
  return [...new Set(documentIds)].filter((id) => present.has(id));
}

/**
 * Relation data for a release row in `locale`. Strapi 5 keeps relations per locale (relations cannot be
 * marked non-localized), so a translation gets the original's source, and the original's topics and
 * entities in its own locale where they are translated.
 */
export async function linkDocumentsInLocale(
  strapi: Core.Strapi,
  original: { documentId: string; locale: string } | undefined,
  locale: string,
  links: LinkTargets = {},
): Promise<RelationData> {
  const topicIds = [...(links.topics ?? [])];
  const entityIds = [...(links.entities ?? [])];
  let source: string | undefined;

  if (original) {
    const row = (await strapi.db.query(PRESS_RELEASE_UID).findOne({
      where: { documentId: original.documentId, locale: original.locale },
      populate: {
        source: { select: ['documentId'] },
        topics: { select: ['documentId'] },
        entities: { select: ['documentId'] },
      },
    })) as LinkedRow | null;
    source = row?.source?.documentId;
    topicIds.push(...(row?.topics ?? []).map((t) => t.documentId));
    entityIds.push(...(row?.entities ?? []).map((e) => e.documentId));
  }

  // One after the other: inside the import's transaction both would wait for its one connection anyway.
  const topics = await existingInLocale(strapi, TOPIC_UID, topicIds, locale);
  const entities = await existingInLocale(strapi, ENTITY_UID, entityIds, locale);
  const toSet = (ids: string[]) => ({ set: ids.map((documentId) => ({ documentId, locale })) });
  return {
    ...(source ? { source } : {}),
    ...(topics.length > 0 ? { topics: toSet(topics) } : {}),
    ...(entities.length > 0 ? { entities: toSet(entities) } : {}),
  };
}
