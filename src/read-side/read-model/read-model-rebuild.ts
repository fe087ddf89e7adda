import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { perApp } from '../../platform/app-registry/per-app';
import { ENTITY_UID, PRESS_RELEASE_UID, SOURCE_UID, TOPIC_UID } from '../../platform/content-model/content-type-uids';
import { publiclyFoundTypes } from '../public-permissions';
import { PUBLIC_RELEASE_POPULATE } from '../public-shape';
import { projectReleases, sourceStampSql } from './release-projection';
import { PUBLIC_RELEASES, publishedVersionSql } from '../visibility';

const MODEL_STATE = 'newsroom_public_release_model';

/** Documents whose rows differ from their published versions: missing, left over, or written since. */
const OUT_OF_STEP_SQL = `
  SELECT p.document_id FROM press_releases p
  LEFT JOIN ${PUBLIC_RELEASES} m ON m.row_id = p.id
  WHERE ${publishedVersionSql('p')} AND (m.row_id IS NULL OR m.source_stamp IS DISTINCT FROM ${sourceStampSql('p')})
  UNION
  SELECT m.document_id FROM ${PUBLIC_RELEASES} m
  LEFT JOIN press_releases p ON p.id = m.row_id AND ${publishedVersionSql('p')}
  WHERE p.id IS NULL`;

/**
 * What the rows are built from: the public shape, every schema it reads and the types the public role may find. A
 * release's public JSON changes when one of these does (a new field, another populate, a relation's type no
 * longer public), so a different fingerprint rebuilds every row.
 */
/** What a row's `media_ids` hold: a change rebuilds every row, as a changed shape does. */
const MEDIA_IDS_HOLD = 'cover, SEO image, body images';

async function modelFingerprint(strapi: Core.Strapi): Promise<string> {
  const uids = [PRESS_RELEASE_UID, TOPIC_UID, ENTITY_UID, SOURCE_UID, 'shared.seo', 'plugin::upload.file'];
  const schemas = uids.map(
    (uid) =>
      (strapi.getModel(uid as Parameters<Core.Strapi['getModel']>[0]) as { attributes?: unknown } | undefined)
        ?.attributes ?? null,
  );
  const privateAttributes = strapi.config.get('api.responses.privateAttributes', []);
  const publiclyFound = await publiclyFoundTypes(strapi);
  return createHash('sha256')
    .update(JSON.stringify({ PUBLIC_RELEASE_POPULATE, schemas, privateAttributes, publiclyFound, MEDIA_IDS_HOLD }))
    .digest('hex');
}

/** Rebuilds every row from the published releases (`npm run read-model:rebuild`, a changed fingerprint). */
export async function rebuildReadModel(strapi: Core.Strapi): Promise<number> {
  const knex = strapi.db.connection;
  const rows = (await knex('press_releases')
    .distinct('document_id')
    .whereRaw(publishedVersionSql('press_releases'))) as {
    document_id: string;
  }[];
  const stale = (await knex(PUBLIC_RELEASES).distinct('document_id')) as { document_id: string }[];
  // Documents no longer published are projected too: that removes their rows.
  const documentIds = new Set([...rows, ...stale].map((row) => row.document_id));
  await projectReleases(strapi, documentIds);
  await saveFingerprint(strapi);
  return documentIds.size;
}

async function saveFingerprint(strapi: Core.Strapi): Promise<void> {
  await strapi.db.connection.raw(
    `INSERT INTO ${MODEL_STATE} (singleton, fingerprint, built_at) VALUES (true, ?, now())
     ON CONFLICT (singleton) DO UPDATE SET fingerprint = excluded.fingerprint, built_at = excluded.built_at`,
    [await modelFingerprint(strapi)],
  );
}

/**
 * At start: rebuilds what is out of step (every row when the fingerprint changed, else the documents whose rows
 * differ from their published versions). Instances starting together take turns; the later finds little to do.
 * Returns the number of documents projected.
 */
export async function bringReadModelInStep(strapi: Core.Strapi): Promise<number> {
  const knex = strapi.db.connection;
  const state = (await knex(MODEL_STATE).first('fingerprint')) as { fingerprint: string } | undefined;
  if (state?.fingerprint !== (await modelFingerprint(strapi))) return rebuildReadModel(strapi);
  const result = (await knex.raw(OUT_OF_STEP_SQL)) as { rows: { document_id: string }[] };
  const documentIds = result.rows.map((row) => row.document_id);
  if (documentIds.length > 0) await projectReleases(strapi, documentIds);
  return documentIds.length;
}

const PERMISSION_EVENTS = ['Create', 'CreateMany', 'Update', 'UpdateMany', 'Delete', 'DeleteMany'];
/** The admin panel saves a role as many single writes: the check waits until they have stopped this long. */
const PERMISSION_SETTLE_MS = 300;
type PermissionCheck = { cancel(): void; running: Promise<void> };
const permissionChecksOf = (strapi: Core.Strapi) =>
  perApp(strapi, 'permissionChecks', (): { current?: PermissionCheck } => ({}));

/**
 * A change to the public role's permissions can change what a release shows (a relation whose type the public may
 * no longer find): once the writes have settled, the model is rebuilt if its fingerprint changed, and the response
 * cache emptied. Until then the rows show what the permissions allowed before. Armed after the start's own check.
 */
export function rebuildReadModelOnPermissionChange(strapi: Core.Strapi, onRebuilt: () => unknown): void {
  let timer: NodeJS.Timeout | undefined;
  const state = { cancel: () => clearTimeout(timer), running: Promise.resolve() };
  const check = async () => {
    const stored = (await strapi.db.connection(MODEL_STATE).first('fingerprint')) as
      { fingerprint: string } | undefined;
    if (stored?.fingerprint === (await modelFingerprint(strapi))) return;
    const documents = await rebuildReadModel(strapi);
    strapi.log.info(`Public read model: the public role's permissions changed; rebuilt ${documents} releases.`);
    await onRebuilt();
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      state.running = state.running.then(check).catch((error: unknown) => {
        strapi.log.error(`Public read model: the rebuild after a permission change failed: ${String(error)}`);
      });
    }, PERMISSION_SETTLE_MS);
  };
  const events = Object.fromEntries(PERMISSION_EVENTS.map((event) => [`after${event}`, schedule]));
  strapi.db.lifecycles.subscribe({ models: ['plugin::users-permissions.permission'], ...events });
  permissionChecksOf(strapi).current = state;
}

/** At shutdown: a check not yet started is dropped (the next start checks anyway), one under way finishes. */
export async function permissionChecksSettled(strapi: Core.Strapi): Promise<void> {
  const state = permissionChecksOf(strapi).current;
  state?.cancel();
  await state?.running;
}
