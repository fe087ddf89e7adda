import { Readable } from 'node:stream';
import { SitemapIndexStream, SitemapStream, streamToPromise, type SitemapItemLoose } from 'sitemap';
import { releaseUrl } from '../../read-side/public-urls';
import type { SitemapRow } from '../../read-side/read-model/public-releases';

async function render(items: SitemapItemLoose[], xmlns: { news?: boolean; xhtml?: boolean }): Promise<string> {
  const stream = new SitemapStream({ xmlns: { news: false, xhtml: false, image: false, video: false, ...xmlns } });
  const xml = await streamToPromise(Readable.from(items).pipe(stream));
  return xml.toString('utf8');
}

/** The URL of a release sitemap file (numbered from 1), as the index lists it and the root routes serve it. */
const releaseSitemapUrl = (baseUrl: string, file: number): string => `${baseUrl}/sitemaps/releases-${file}.xml`;

/** The sitemap index: one entry per release sitemap file, with the moment its content last changed. */
export async function sitemapIndex(files: { file: number; lastmod: string }[], baseUrl: string): Promise<string> {
  const stream = new SitemapIndexStream();
  const items = files.map(({ file, lastmod }) => ({ url: releaseSitemapUrl(baseUrl, file), lastmod }));
  const xml = await streamToPromise(Readable.from(items).pipe(stream));
  return xml.toString('utf8');
}

/** Releases, each with `hreflang` alternates pointing at its visible translations (when it has any). */
export function releaseSitemap(rows: SitemapRow[], siteUrl: string): Promise<string> {
  const items = rows.map((row) => {
    const translations = row.translations ?? [];
    return {
      url: releaseUrl(siteUrl, row.locale, row.slug),
      lastmod: new Date(row.updatedAt).toISOString(),
      links:
        translations.length > 1
          ? translations.map((t) => ({
              lang: t.locale,
              hreflang: t.locale,
              url: releaseUrl(siteUrl, t.locale, t.slug),
            }))
          : undefined,
    };
  });
  return render(items, { xhtml: true });
}

/** Google News sitemap of recent releases. */
export function newsSitemap(rows: SitemapRow[], siteUrl: string, publicationName: string): Promise<string> {
  const items = rows.map((row) => ({
    url: releaseUrl(siteUrl, row.locale, row.slug),
    news: {
      publication: { name: publicationName, language: row.locale },
      genres: 'PressRelease',
      publication_date: new Date(row.publishedAt).toISOString(),
      title: row.headline,
    },
  }));
  return render(items, { news: true });
}
