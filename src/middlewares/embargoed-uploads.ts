import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { embargoedMediaOf } from '../read-side/read-model/embargoed-media';
import { responseCacheFor } from '../delivery/http-cache/response-cache-registry';
import { servedPath } from './inert-uploads';

interface UploadRequest {
  method: string;
  path: string;
  status: number;
  body: unknown;
  set(field: string, value: string): void;
}

const isUploadPath = (urlPath: string) => urlPath.toLowerCase().startsWith('/uploads/');

/**
 * /uploads/<name> of a file an embargo holds back (src/read-side/read-model/embargoed-media.ts) answers exactly as a
 * name that does not exist: 404, and no cache may keep either (a 404 kept past the lift would hide the photo).
 * Which files are held back is read again when the response cache's generation moves: every write, in every instance
 * when the generation is shared through Redis (in this instance otherwise, and within a second in the others).
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const media = embargoedMediaOf(strapi);
  let seenGeneration: number | undefined;
  return async (ctx: UploadRequest, next: () => Promise<unknown>) => {
    const urlPath = ctx.method === 'GET' || ctx.method === 'HEAD' ? servedPath(ctx.path) : '';
    if (!isUploadPath(urlPath)) return next();
    const generation = responseCacheFor(strapi).generation;
    if (generation !== undefined && generation !== seenGeneration) {
      if (seenGeneration !== undefined) media.clear();
      seenGeneration = generation;
    }
    if (!(await media.isHeldBack(path.posix.basename(urlPath)))) await next();
    if (ctx.status === 404) ctx.set('Cache-Control', 'no-store');
  };
};
