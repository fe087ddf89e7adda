import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { mediaOrigins } from '../../../media-library/media-storage';
import { settings } from '../../../settings/newsroom-settings';

/**
 * The reader page's own Content-Security-Policy: it loads only its own script, style and the API, runs no
 * inline code and cannot be framed. Stricter than Strapi's default, which the admin panel needs. Images may come
 * from any https origin (a cover in a bucket or on a CDN), and from the media storage's origin when it is http.
 */
export const readerContentSecurityPolicy = (media: string[]): string =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    ["img-src 'self' data: https:", ...media.filter((origin) => origin.startsWith('http:'))].join(' '),
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

/** The reader page (public/index.html) for article URLs: /{locale}/press-releases/{slug}, the URLs feeds link to. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let page: Promise<string> | undefined;
  const contentSecurityPolicy = readerContentSecurityPolicy(mediaOrigins(settings()));
  return {
    async page(ctx: { type: string; body: unknown; set(field: string, value: string): void }) {
      page ??= readFile(path.join(strapi.dirs.static.public, 'index.html'), 'utf8');
      ctx.type = 'text/html; charset=utf-8';
      ctx.set('Content-Security-Policy', contentSecurityPolicy);
      ctx.set('X-Frame-Options', 'DENY');
      ctx.body = await page;
    },
  };
};
