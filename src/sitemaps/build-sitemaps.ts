import { Readable } from 'node:stream';
import { SitemapStream, streamToPromise, type SitemapItemLoose } from 'sitemap';
import { releaseUrl } from '../public-urls/public-urls';
import type { SitemapRow } from '../public-read-model/public-releases';

async function render(items: SitemapItemLoose[], xmlns: { news?: boolean; xhtml?: boolean }): Promise<string> {
  const stream = new SitemapStream({ xmlns: { news: false, xhtml: false, image: false, video: false, ...xmlns } });
  const xml = await streamToPromise(Readable.from(items).pipe(stream));
  return xml.toString('utf8');
}

/** Every published release, with `hreflang` alternates pointing at its published translations. */
export function releaseSitemap(rows: SitemapRow[], siteUrl: string): Promise<string> {
  const byDocument = new Map<string, SitemapRow[]>();
  for (const row of rows) byDocument.set(row.documentId, [...(byDocument.get(row.documentId) ?? []), row]);
  const items = rows.map((row) => {
    const translations = byDocument.get(row.documentId) ?? [];
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
