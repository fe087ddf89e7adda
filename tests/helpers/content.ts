import type { Core } from '@strapi/strapi';
import { paragraphsToBlocks } from '../../src/platform/content-model/paragraph-blocks';

export const PRESS_RELEASE_UID = 'api::press-release.press-release';

export interface TestRelease {
  documentId: string;
}

/** Creates a release through the document service (as the admin panel does), published unless asked not to. */
export async function createRelease(
  app: Core.Strapi,
  fields: {
    headline: string;
    paragraphs?: string[];
    kicker?: string;
    lead?: string;
    locale?: string;
    publish?: boolean;
    topics?: string[];
    entities?: string[];
  },
): Promise<TestRelease> {
  const locale = fields.locale ?? 'ru';
  const created = await app.documents(PRESS_RELEASE_UID).create({
    locale,
    status: 'draft',
    data: {
      headline: fields.headline,
      kicker: fields.kicker ?? null,
      lead: fields.lead ?? null,
      body: paragraphsToBlocks(fields.paragraphs ?? ['Текст.']),
      topics: fields.topics ? { set: fields.topics.map((documentId) => ({ documentId, locale })) } : undefined,
      entities: fields.entities ? { set: fields.entities.map((documentId) => ({ documentId, locale })) } : undefined,
    } as never,
  });
  if (fields.publish !== false)
    await app.documents(PRESS_RELEASE_UID).publish({ documentId: created.documentId, locale });
  return { documentId: created.documentId };
}

/** Changes a release's draft as an editor does (its embargo, its press access, …) and publishes it again. */
export async function publishWith(
  app: Core.Strapi,
  documentId: string,
  data: Record<string, unknown>,
  locale = 'ru',
): Promise<void> {
  await app.documents(PRESS_RELEASE_UID).update({ documentId, locale, data: data as never });
  await app.documents(PRESS_RELEASE_UID).publish({ documentId, locale });
}

export async function deleteRelease(app: Core.Strapi, documentId: string): Promise<void> {
  await app.documents(PRESS_RELEASE_UID).delete({ documentId, locale: '*' });
}

/** documentId of the seeded Baku–Nairobi release. */
export async function bakuNairobiId(app: Core.Strapi): Promise<string> {
  const row = await app.db.query(PRESS_RELEASE_UID).findOne({
    select: ['documentId'],
    where: { slug: 'baku-i-nayrobi-budut-borotsya-protiv-prestupnosti-sovmestnymi-usiliyami', locale: 'ru' },
  });
  return String(row?.documentId);
}
