import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { acceptedTypesOf } from '../editorial/media-library/accepted-types';
import { servedUploadHeaders } from '../editorial/media-library/served-upload-headers';
import { uploadsDirectory } from '../platform/content-model/stored-uploads';

interface UploadContext {
  path: string;
  status: number;
  type: string;
  body: unknown;
  set(headers: Record<string, string>): void;
}

/** The URL path as the static file servers read it: decoded and with `.`/`..` segments resolved. */
export function servedPath(urlPath: string): string {
  let decoded = urlPath;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    // a malformed escape: the static servers refuse it too
  }
  return path.posix.normalize(decoded);
}

/**
 * Files from public/uploads (served by the upload plugin's static route, and reachable through strapi::public by an
 * encoded or dot-segment path, on the admin panel's origin) go out inert: see served-upload-headers. Decided by the
 * file actually sent, then by the path as the file servers read it; set over the admin panel's security headers.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const uploadsDir = uploadsDirectory(strapi) + path.sep;
  /** The name of the upload this answer sends, or undefined when it sends none. */
  const uploadSent = (ctx: UploadContext): string | undefined => {
    const file = (ctx.body as { path?: unknown } | null | undefined)?.path;
    if (typeof file === 'string' && path.resolve(file).startsWith(uploadsDir)) return path.basename(file);
    const urlPath = servedPath(ctx.path);
    return urlPath.toLowerCase().startsWith('/uploads/') ? path.posix.basename(urlPath) : undefined;
  };
  return async (ctx: UploadContext, next: () => Promise<unknown>) => {
    await next();
    const name = ctx.status < 400 ? uploadSent(ctx) : undefined;
    if (name !== undefined)
      ctx.set(servedUploadHeaders(ctx.type || 'application/octet-stream', name, acceptedTypesOf(strapi)));
  };
};
