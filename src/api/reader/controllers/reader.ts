import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { publicReleasesOf } from '../../../read-side/read-model/public-releases';
import type { PublicRelease } from '../../../read-side/public-shape';
import { knownLocaleCodes } from '../../../read-side/known-locales';
import { DEFAULT_LOCALE } from '../../../platform/content-model/locales';
import { mediaOrigins } from '../../../editorial/media-library/media-storage';
import { settings as newsroomSettings } from '../../../platform/settings/newsroom-settings';
import { readerPageHeaders } from '../../../channels/reader-pages/reader-page-headers';
import { publicApiUrl, publicationName, publicSiteUrl } from '../../../read-side/public-urls';
import { localeListKey, releaseKey } from '../../../delivery/cdn/surrogate-keys';
import {
  articlePage,
  fillShell,
  listPage,
  notFoundPage,
  readerText,
  type PageSettings,
  type ReaderText,
} from '../../../channels/reader-pages/reader-pages';

/** How many releases the list page shows (the reader's script shows as many). */
const LIST_SIZE = 25;

interface PageContext {
  path: string;
  params: Record<string, string>;
  query: Record<string, unknown>;
  status: number;
  type: string;
  body: unknown;
  state: Record<string, unknown>;
  set(field: string, value: string): void;
}

/**
 * The reader page: / (a locale's newest releases) and /{locale}/press-releases/{slug} (the URLs feeds and sitemaps
 * link to) are rendered on the server into the page's shell (public/index.html), so that a crawler or a messenger
 * reads the title, description, canonical and hreflang links, Open Graph and Twitter tags, the JSON-LD and the article
 * itself without running the script, which then takes over. An unknown locale or slug gets a 404 page. /preview, and a
 * search (`?q=`), are the shell for the script alone.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let shell: Promise<string> | undefined;
  const pageHeaders = readerPageHeaders(mediaOrigins(newsroomSettings()));
  let words: ReaderText | undefined;
  const publicDir = strapi.dirs.static.public;
  const settings = async (): Promise<PageSettings> => ({
    siteUrl: publicSiteUrl(),
    apiUrl: publicApiUrl(strapi),
    publicationName: publicationName(),
    locales: await knownLocaleCodes(strapi),
  });

  const send = async (ctx: PageContext, status: number, fill?: (shell: string) => string) => {
    shell ??= readFile(path.join(publicDir, 'index.html'), 'utf8');
    ctx.status = status;
    ctx.type = 'text/html; charset=utf-8';
    for (const [name, value] of Object.entries(pageHeaders)) ctx.set(name, value);
    ctx.body = fill ? fill(await shell) : await shell;
  };

  return {
    async page(ctx: PageContext) {
      words ??= readerText(publicDir);
      const text = words;
      const page = await settings();
      if (ctx.path === '/preview' || (ctx.path === '/' && typeof ctx.query.q === 'string')) return send(ctx, 200);
      if (ctx.path === '/') {
        const asked = typeof ctx.query.locale === 'string' ? ctx.query.locale : DEFAULT_LOCALE;
        if (!page.locales.includes(asked))
          return send(ctx, 404, (s) => fillShell(s, notFoundPage(DEFAULT_LOCALE, text, page)));
        const releases = await publicReleasesOf(strapi).page(asked, 0, LIST_SIZE);
        ctx.state.surrogateKeys = [localeListKey(asked)];
        return send(ctx, 200, (s) => fillShell(s, listPage(asked, releases, page, text)));
      }
      const { locale, slug } = ctx.params;
      const body = page.locales.includes(locale) ? await publicReleasesOf(strapi).bySlug(locale, slug) : undefined;
      if (!body) {
        const shown = page.locales.includes(locale) ? locale : DEFAULT_LOCALE;
        return send(ctx, 404, (s) => fillShell(s, notFoundPage(shown, text, page)));
      }
      const release = (JSON.parse(body.toString('utf8')) as { data: PublicRelease }).data;
      ctx.state.surrogateKeys = [releaseKey(release.documentId)];
      return send(ctx, 200, (s) => fillShell(s, articlePage(release, page, text)));
    },
  };
};
