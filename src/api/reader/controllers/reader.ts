import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Core } from '@strapi/strapi';

/** The reader page (public/index.html) for article URLs: /{locale}/press-releases/{slug}, the URLs feeds link to. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let page: Promise<string> | undefined;
  return {
    async page(ctx: { type: string; body: unknown }) {
      page ??= readFile(path.join(strapi.dirs.static.public, 'index.html'), 'utf8');
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = await page;
    },
  };
};
