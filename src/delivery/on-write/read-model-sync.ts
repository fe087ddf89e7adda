import type { Core, Modules } from '@strapi/strapi';
import { responseCacheFor } from '../http-cache/response-cache-registry';
import { ENTITY_UID, PRESS_RELEASE_UID, SOURCE_UID, TOPIC_UID } from '../../platform/content-model/content-type-uids';
import { isPublish, isWrite } from '../../platform/content-model/document-writes';
import { projectReleases } from '../../read-side/read-model/release-projection';
import { correctionsInPreparation } from '../../read-side/read-model/corrections-in-preparation';
import { PUBLIC_RELEASES } from '../../read-side/visibility';
import { cdnPurgerOf } from '../cdn/cdn-purge';
import { goLiveOf } from '../go-live/go-live-scheduler';
import { relatedContentChangeKeys, releaseChangeKeys, TYPE_KEYS } from '../cdn/surrogate-keys';

/** Content a release's public JSON shows, and the read-model column that lists which of it a row shows. */
const SHOWN_CONTENT: Record<string, string> = {
  [TOPIC_UID]: 'topic_ids',
  [ENTITY_UID]: 'entity_ids',
  [SOURCE_UID]: 'source_id',
};

/** Writes to a release that change what the public sees (a draft's save does not). */
const changesPublicRelease = (context: { action: string }): boolean =>
  isPublish(context) || context.action === 'unpublish' || context.action === 'delete';

function localesOf(params: unknown): string[] {
  const locale = (params as { locale?: unknown } | undefined)?.locale;
  return typeof locale === 'string' && locale !== '*' ? [locale] : [];
}

function documentIdOf(params: unknown, result: unknown): string | undefined {
  const fromParams = (params as { documentId?: unknown } | undefined)?.documentId;
  if (typeof fromParams === 'string') return fromParams;
  const fromResult = (result as { documentId?: unknown } | null | undefined)?.documentId;
  return typeof fromResult === 'string' ? fromResult : undefined;
}

/** Documents whose public rows show this topic, entity or source (by its document id), or this upload file. */
async function releasesShowing(
  knex: Core.Strapi['db']['connection'],
  column: string,
  value: string | number,
): Promise<string[]> {
  const condition =
    column === 'source_id'
      ? `${column} = ?`
      : column === 'media_ids'
        ? `${column} @> ARRAY[?]::integer[]`
        : `${column} @> ARRAY[?]::text[]`;
  const rows = (await knex(PUBLIC_RELEASES).distinct('document_id').whereRaw(condition, [value])) as {
    document_id: string;
  }[];
  return rows.map((row) => row.document_id);
}

/** Before a draft's save of a release, the corrections of it in preparation (by locale); undefined for other writes. */
async function correctionsOfDraftSave(
  strapi: Core.Strapi,
  context: { uid: string; action: string; params: unknown },
): Promise<Set<string> | undefined> {
  const documentId = documentIdOf(context.params, undefined);
  if (context.uid !== PRESS_RELEASE_UID || !documentId || changesPublicRelease(context)) return undefined;
  return new Set((await correctionsInPreparation(strapi, [{ documentId, locale: '' }])).keys());
}

/** Purges the release from the CDN when its corrections in preparation changed with the save just committed. */
async function purgeOnCorrectionChange(strapi: Core.Strapi, documentId: string, before: Set<string>): Promise<void> {
  const after = new Set((await correctionsInPreparation(strapi, [{ documentId, locale: '' }])).keys());
  if (after.size === before.size && [...after].every((key) => before.has(key))) return;
  cdnPurgerOf(strapi).purge(releaseChangeKeys(documentId, []));
}

/**
 * Document Service middleware that keeps the read model in step with every write: a press release's rows are
 * written anew in the write's own transaction (the write joins the one opened here), and a change to a topic,
 * entity or source re-projects the releases that show it. Registered inside the response cache's clearing, so
 * the cache empties only once the new rows are committed.
 */
export function readModelSyncMiddleware(strapi: Core.Strapi): Modules.Documents.Middleware.Middleware {
  return async (context, next) => {
    if (!isWrite(context.action)) return next();
    const shownColumn = SHOWN_CONTENT[context.uid];
    if (context.uid !== PRESS_RELEASE_UID && !shownColumn) return next();
    const outermost = !strapi.db.inTransaction();
    let transactor: { executionPromise?: Promise<unknown> } | undefined;
    const correctionsBefore = await correctionsOfDraftSave(strapi, context);
    const written = await strapi.db.transaction(async ({ trx, onCommit }) => {
      transactor = trx as unknown as typeof transactor;
      const result = await next();
      const documentId = documentIdOf(context.params, result);
      if (!documentId) return result;
      let purged: string[] = [];
      if (context.uid === PRESS_RELEASE_UID) {
        await projectReleases(strapi, [documentId]);
        if (changesPublicRelease(context)) {
          purged = releaseChangeKeys(documentId, localesOf(context.params));
          // The go-live events of this write are decided once it is committed.
          onCommit(() => goLiveOf(strapi).kick());
        } else if (correctionsBefore) {
          // A draft's save that starts or drops a correction turns the release withheld or usable for agencies.
          onCommit(() => purgeOnCorrectionChange(strapi, documentId, correctionsBefore));
        }
      } else {
        const showing = await releasesShowing(strapi.db.connection, shownColumn, documentId);
        await projectReleases(strapi, showing);
        purged = relatedContentChangeKeys(TYPE_KEYS[context.uid], showing);
      }
      // A CDN told before the commit could fetch the old answer again and keep it.
      if (purged.length > 0) onCommit(() => cdnPurgerOf(strapi).purge(purged));
      return result;
    });
    // When the connection is lost at the COMMIT itself, knex resolves commit() and rejects only the transaction's
    // executionPromise, and Strapi reports the write saved: it was not. Awaiting that promise turns it into the error
    // (a 503) the editor must see. A caller's own transaction is checked by its caller.
    if (outermost) await transactor?.executionPromise;
    return written;
  };
}

/**
 * The upload plugin changes files (alternative text, a replaced image, a deletion) through the query engine, not
 * the document service: a database lifecycle re-projects the releases whose public JSON shows the file, and empties
 * the response cache as a write to them would (no document-service write announces it).
 */
export function syncReadModelOnMediaChange(strapi: Core.Strapi): void {
  const reproject = async (event: { result?: unknown }) => {
    const results = Array.isArray(event.result) ? event.result : [event.result];
    let changed = false;
    for (const file of results) {
      const id = (file as { id?: unknown } | null | undefined)?.id;
      if (typeof id !== 'number') continue;
      const documentIds = await releasesShowing(strapi.db.connection, 'media_ids', id);
      await projectReleases(strapi, documentIds);
      changed ||= documentIds.length > 0;
      cdnPurgerOf(strapi).purge(documentIds.flatMap((documentId) => releaseChangeKeys(documentId, [])));
    }
    if (changed) await responseCacheFor(strapi).clear();
  };
  strapi.db.lifecycles.subscribe({ models: ['plugin::upload.file'], afterUpdate: reproject, afterDelete: reproject });
}
