import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { perApp } from '../../platform/app-registry/per-app';
import { notYetVisibleSql, PUBLIC_RELEASES, publicNow, visibleSql } from '../visibility';

/**
 * Files held back by an embargo: shown by a published release the public may not see yet, and by none it may see.
 * Their public URLs (/uploads/<name>, each size included) answer as if they did not exist until the embargo lifts
 * (src/middlewares/embargoed-uploads.ts); journalists get signed links instead (press-file-links.ts). Files no
 * published release shows (an editor's own uploads, a draft's picture) stay as public as before. Which rows are
 * visible is visibility.ts's rule; this only asks it, over the read model's `media_ids`.
 *
 * Every request to /uploads asks, so the answer is kept per app instance as a set of file names: read again at the
 * next embargo end, when cleared (src/middlewares/embargoed-uploads.ts clears it after every write, in every instance
 * where Redis shares the news of writes), and at least every REREAD_MS.
 */

const T = PUBLIC_RELEASES;
export const REREAD_MS = 1000;

const heldFileIdsSql = `
  SELECT DISTINCT held.id FROM ${T} r CROSS JOIN LATERAL unnest(r.media_ids) AS held(id)
  WHERE ${notYetVisibleSql('r')}
    AND NOT EXISTS (SELECT 1 FROM ${T} v WHERE v.media_ids @> ARRAY[held.id] AND ${visibleSql('v')})`;

const nextLiftSql = `SELECT min(r.visible_from) AS next FROM ${T} r WHERE ${notYetVisibleSql('r')}`;

type StoredFile = { url?: string | null; formats?: Record<string, { url?: string | null }> | null };

/** The names a file is served under: its own and each size's (the last segment of each URL). */
export const servedNamesOf = (file: StoredFile): string[] =>
  [file.url, ...Object.values(file.formats ?? {}).map((format) => format.url)]
    .filter((url): url is string => typeof url === 'string' && url !== '')
    .map((url) => path.posix.basename(url.split('?')[0]));

interface HeldBack {
  names: ReadonlySet<string>;
  validUntil: number;
}

export interface EmbargoedMedia {
  /** Whether a file, by its served name, is held back by an embargo now. */
  isHeldBack(name: string): Promise<boolean>;
  /** Forgets what it knew (a write changed which releases show which files, or when). */
  clear(): void;
}

export function embargoedMedia(strapi: Core.Strapi): EmbargoedMedia {
  let known: HeldBack | undefined;
  let reading: Promise<HeldBack> | undefined;
  let generation = 0;

  const read = async (): Promise<HeldBack> => {
    const now = publicNow();
    const startedAt = Date.now();
    const raw = (sql: string) => strapi.db.connection.raw(sql, { now } as never) as Promise<{ rows: unknown[] }>;
    const [held, lift] = await Promise.all([raw(heldFileIdsSql), raw(nextLiftSql)]);
    const ids = (held.rows as { id: number }[]).map((row) => row.id);
    const files = ids.length
      ? ((await strapi.db.query('plugin::upload.file').findMany({
          where: { id: { $in: ids } },
          select: ['url', 'formats'],
        })) as StoredFile[])
      : [];
    const next = (lift.rows[0] as { next: Date | string | null } | undefined)?.next;
    const nextLift = next ? new Date(next).getTime() : Infinity;
    return { names: new Set(files.flatMap(servedNamesOf)), validUntil: Math.min(startedAt + REREAD_MS, nextLift) };
  };

  const current = async (): Promise<HeldBack> => {
    if (known && known.validUntil > Date.now()) return known;
    if (!reading) {
      const asked = generation;
      const started = read();
      reading = started;
      // A write while reading: what was read may be older than the write, so it answers the waiting requests only.
      started.then(
        (result) => void (asked === generation && (known = result)),
        () => undefined,
      );
      void started.finally(() => reading === started && (reading = undefined)).catch(() => undefined);
    }
    return reading;
  };

  return {
    async isHeldBack(name) {
      return (await current()).names.has(name);
    },
    clear() {
      generation += 1;
      known = undefined;
      reading = undefined;
    },
  };
}

export function embargoedMediaOf(strapi: Core.Strapi): EmbargoedMedia {
  return perApp(strapi, 'embargoedMedia', () => embargoedMedia(strapi));
}
