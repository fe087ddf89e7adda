import type { Core, Modules } from '@strapi/strapi';
import { PRESS_RELEASE_UID } from '../../platform/content-model/content-type-uids';
import { bodyImageIds } from '../../platform/content-model/body-images';

const FILE_UID = 'plugin::upload.file';

type ReleaseMediaRow = {
  body: unknown;
  cover: { id: number } | null;
  seo: { image: { id: number } | null } | null;
};

/** Every file a release's rows show, in any locale or version: cover, SEO image, body images. */
async function mediaOfRelease(strapi: Core.Strapi, documentId: string): Promise<number[]> {
  const rows = (await strapi.db.query(PRESS_RELEASE_UID).findMany({
    select: ['body'],
    where: { documentId },
    populate: { cover: { select: ['id'] }, seo: { populate: { image: { select: ['id'] } } } },
  })) as ReleaseMediaRow[];
  const ids = rows.flatMap((row) => [row.cover?.id, row.seo?.image?.id, ...bodyImageIds(row.body)]);
  return [...new Set(ids.filter((id): id is number => typeof id === 'number'))];
}

/** Whether anything still shows the file: a media field or component of any entry, or a release body's image. */
async function stillUsed(strapi: Core.Strapi, fileId: number): Promise<boolean> {
  const related = strapi.db.metadata.get(FILE_UID).attributes.related as unknown as {
    joinTable: { name: string; joinColumn: { name: string } };
  };
  const knex = strapi.db.connection;
  const linked = await knex(related.joinTable.name)
    .where(related.joinTable.joinColumn.name, fileId)
    .first(knex.raw('1'));
  if (linked) return true;
  const table = strapi.db.metadata.get(PRESS_RELEASE_UID).tableName;
  const inBody = await knex(table)
    .whereRaw('body::jsonb @> ?::jsonb', [JSON.stringify([{ type: 'image', image: { id: fileId } }])])
    .first(knex.raw('1'));
  return Boolean(inBody);
}

/**
 * Document Service middleware: deleting a release also deletes the media files that only it used (the upload service
 * removes the file, its sizes and its row, from whichever provider stores them), and keeps every file something else
 * still shows. Registered outside the read model's transaction, so files go only once the deletion is committed.
 */
export function deleteUnusedMediaWithRelease(strapi: Core.Strapi): Modules.Documents.Middleware.Middleware {
  return async (context, next) => {
    if (context.uid !== PRESS_RELEASE_UID || context.action !== 'delete') return next();
    const documentId = (context.params as { documentId?: string }).documentId;
    const candidates = documentId ? await mediaOfRelease(strapi, documentId) : [];
    const result = await next();
    const uploads = strapi.plugin('upload').service('upload') as {
      findOne(id: number): Promise<unknown>;
      remove(file: unknown): Promise<unknown>;
    };
    for (const id of candidates) {
      try {
        if (await stillUsed(strapi, id)) continue;
        const file = await uploads.findOne(id);
        if (file) await uploads.remove(file);
      } catch (error) {
        // The release is deleted whatever happens here; a file left behind is only untidy.
        strapi.log.warn(`A media file (id ${id}) only the deleted release used could not be deleted: ${error}`);
      }
    }
    return result;
  };
}
