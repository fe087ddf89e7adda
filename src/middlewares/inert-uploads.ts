import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { acceptedTypesOf } from '../media-library/accepted-types';
import { servedUploadHeaders } from '../media-library/served-upload-headers';

interface UploadContext {
  path: string;
  status: number;
  type: string;
  set(headers: Record<string, string>): void;
}

const UPLOADS_PREFIX = '/uploads/';

/**
 * Files under /uploads (served by the upload plugin's static route, on the admin panel's origin) go out inert: see
 * served-upload-headers. Set after the file is found, over the admin panel's own security headers.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: UploadContext, next: () => Promise<unknown>) => {
    await next();
    if (!ctx.path.startsWith(UPLOADS_PREFIX) || ctx.status >= 400) return;
    ctx.set(servedUploadHeaders(ctx.type || 'application/octet-stream', path.basename(ctx.path), acceptedTypesOf(strapi)));
  };
