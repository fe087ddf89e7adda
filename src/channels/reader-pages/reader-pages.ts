import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createElement as h, Fragment, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { PublicRelease } from '../../read-side/public-shape';
import { blocksToHtml } from '../release-html/blocks-to-html';
import { coverImageOf, feedRendition, photoCredit, type CoverImage } from '../../read-side/read-model/cover-image';
import { releaseUrl } from '../../read-side/public-urls';
import { releaseToNewsArticle } from '../structured-data/news-article-jsonld';
import { releaseCorrectedAt, releaseModifiedAt } from '../../read-side/read-model/correction-date';
import { releasePublishedAt } from '../../read-side/read-model/release-dates';
import { releaseDescription } from '../../read-side/read-model/release-description';

/** The page's words per locale, shared with the reader's script (public/reader/text.json). */
type Words = Record<string, string>;
export interface ReaderText {
  text: Record<string, Words>;
  /**
   * How dates read in each language: the locale given to Intl.DateTimeFormat (English as in the British spelling of
   * the translations: "7 December 2026") and its options. In UTC, the zone of every `datetime` attribute, so that the
   * page and the script show the same day whatever the zone of the server or the reader's browser.
   */
  dates: { locales: Record<string, string>; format: Intl.DateTimeFormatOptions };
  languageNames: Record<string, string>;
}

export function readerText(publicDir: string): ReaderText {
  return JSON.parse(readFileSync(path.join(publicDir, 'reader', 'text.json'), 'utf8')) as ReaderText;
}

export interface PageSettings {
  siteUrl: string;
  apiUrl: string;
  publicationName: string;
  locales: string[];
}

/** What goes into the shell (public/index.html): head tags, the view's HTML, the page's language. */
export interface RenderedPage {
  lang: string;
  title: string;
  head: string;
  view: string;
}

/** JSON in a `<script>` data block: `<` escaped, so no text of a release can close the element. */
function inlineJson(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

const meta = (property: string, content: string | number | undefined) =>
  content === undefined || content === '' ? null : h('meta', { property, content: String(content) });
const named = (name: string, content: string | undefined) =>
  content === undefined || content === '' ? null : h('meta', { name, content });

function coverFigure(cover: CoverImage): ReactNode {
  const sameType = cover.renditions.filter((size) => size.mime === cover.original.mime);
  const webp = cover.original.mime === 'image/webp' ? [] : cover.renditions.filter((s) => s.mime === 'image/webp');
  const srcset = (sizes: typeof sameType) => sizes.map((size) => `${size.url} ${size.width}w`).join(', ');
  const sizes = '(max-width: 48rem) calc(100vw - 2rem), 46rem';
  const fallback = feedRendition(cover);
  return h(
    'figure',
    { className: 'cover' },
    h(
      'picture',
      null,
      webp.length ? h('source', { type: 'image/webp', srcSet: srcset(webp), sizes }) : null,
      h('img', {
        src: fallback.url,
        srcSet: srcset(sameType),
        sizes,
        alt: cover.alt,
        width: cover.original.width,
        height: cover.original.height,
        decoding: 'async',
      }),
    ),
    photoCredit(cover.rights) ? h('figcaption', { className: 'credit' }, photoCredit(cover.rights)) : null,
  );
}

/** A date in the page's language, machine-readable in `datetime`: as the reader's script writes it. */
function dateIn(locale: string, words: ReaderText, date: Date): ReactNode {
  const format = new Intl.DateTimeFormat(words.dates.locales[locale] ?? locale, words.dates.format);
  return h('time', { dateTime: date.toISOString() }, format.format(date));
}

/** When the release was published, and corrected if it was: under its headline, in a list and on its page. */
function releaseDates(release: PublicRelease, locale: string, words: ReaderText): ReactNode {
  const t = words.text[locale] ?? words.text.en;
  const corrected = releaseCorrectedAt(release);
  return h(
    'p',
    { className: 'dates' },
    dateIn(locale, words, releasePublishedAt(release)),
    ...(corrected ? [` · ${t.correction} `, dateIn(locale, words, corrected)] : []),
  );
}

/** The correction under the text, dated: what the reader's script draws too. */
function correctionNote(release: PublicRelease, locale: string, words: ReaderText): ReactNode {
  const corrected = releaseCorrectedAt(release);
  if (!release.correction || !corrected) return null;
  const t = words.text[locale] ?? words.text.en;
  return h(
    'aside',
    { className: 'correction' },
    h('strong', null, `${t.correction} `),
    dateIn(locale, words, corrected),
    h('p', null, release.correction),
  );
}

/**
 * A release's article as the reader's script draws it (same elements and classes): kicker, headline, dates, cover,
 * lead, text with its pictures, correction, topics. The reader's page and the press portal both show it.
 */
export function releaseArticle(release: PublicRelease, apiUrl: string, words: ReaderText): ReactNode {
  const t = words.text[release.locale] ?? words.text.en;
  const cover = coverImageOf(release, apiUrl);
  const tags = (title: string, list: { name: string }[]) =>
    list.length
      ? [
          h('h2', { key: `${title}-h` }, title),
          h(
            'ul',
            { className: 'tags', key: title },
            list.map((item, i) => h('li', { key: i }, item.name)),
          ),
        ]
      : [];
  return h(
    'article',
    { lang: release.locale },
    release.kicker ? h('p', { className: 'kicker' }, release.kicker) : null,
    h('h1', { id: 'view-title' }, release.headline),
    h(
      'p',
      { className: 'meta' },
      release.dateline ? `${release.dateline} — ` : '',
      release.source ? `${t.source}: ${release.source.name}` : '',
    ),
    releaseDates(release, release.locale, words),
    cover ? coverFigure(cover) : null,
    release.lead ? h('p', { className: 'lead' }, h('strong', null, release.lead)) : null,
    h('div', { className: 'body', dangerouslySetInnerHTML: { __html: blocksToHtml(release.body, apiUrl) } }),
    correctionNote(release, release.locale, words),
    h('footer', null, ...tags(t.topics, release.topics), ...tags(t.entities, release.entities)),
  );
}

/** The article's page: its head tags (links, Open Graph, JSON-LD) and the article, readable without the script. */
export function articlePage(release: PublicRelease, settings: PageSettings, words: ReaderText): RenderedPage {
  const t = words.text[release.locale] ?? words.text.en;
  const url = releaseUrl(settings.siteUrl, release.locale, release.slug);
  const cover = coverImageOf(release, settings.apiUrl);
  const description = releaseDescription(release, 'search-and-previews');
  const image = cover ? feedRendition(cover) : undefined;
  const translations = release.localizations.filter((l) => l.slug);
  const head = h(
    Fragment,
    null,
    named('description', description),
    h('link', { rel: 'canonical', href: url }),
    h('link', { rel: 'alternate', hrefLang: release.locale, href: url }),
    ...translations.map((l) =>
      h('link', {
        key: l.locale,
        rel: 'alternate',
        hrefLang: l.locale,
        href: releaseUrl(settings.siteUrl, l.locale, l.slug),
      }),
    ),
    meta('og:type', 'article'),
    meta('og:site_name', settings.publicationName),
    meta('og:title', release.headline),
    meta('og:description', description),
    meta('og:url', url),
    meta('og:locale', release.locale),
    ...translations.map((l) =>
      h('meta', { key: `og-${l.locale}`, property: 'og:locale:alternate', content: l.locale }),
    ),
    meta('og:image', image?.url),
    meta('og:image:width', image?.width),
    meta('og:image:height', image?.height),
    meta('og:image:type', image?.mime),
    meta('og:image:alt', cover?.alt),
    meta('article:published_time', releasePublishedAt(release).toISOString()),
    meta('article:modified_time', releaseModifiedAt(release).toISOString()),
    named('twitter:card', image ? 'summary_large_image' : 'summary'),
    named('twitter:title', release.headline),
    named('twitter:description', description),
    named('twitter:image', image?.url),
    named('twitter:image:alt', cover?.alt),
    h('script', {
      type: 'application/ld+json',
      dangerouslySetInnerHTML: { __html: inlineJson(releaseToNewsArticle(release, settings)) },
    }),
  );
  const view = h(
    Fragment,
    null,
    releaseArticle(release, settings.apiUrl, words),
    h('p', null, h('a', { href: `/?locale=${release.locale}`, 'data-nav': '' }, t.back)),
  );
  return {
    lang: release.locale,
    title: `${release.headline} — ${settings.publicationName}`,
    head: renderToStaticMarkup(head),
    view: renderToStaticMarkup(view),
  };
}

/** A locale's newest releases, linked, as the reader's list draws them. */
export function listPage(
  locale: string,
  releases: PublicRelease[],
  settings: PageSettings,
  words: ReaderText,
): RenderedPage {
  const t = words.text[locale] ?? words.text.en;
  const url = `${settings.siteUrl}/?locale=${encodeURIComponent(locale)}`;
  const head = h(
    Fragment,
    null,
    named('description', `${t.latest} — ${settings.publicationName}`),
    h('link', { rel: 'canonical', href: url }),
    ...settings.locales.map((code) =>
      h('link', { key: code, rel: 'alternate', hrefLang: code, href: `${settings.siteUrl}/?locale=${code}` }),
    ),
    meta('og:type', 'website'),
    meta('og:site_name', settings.publicationName),
    meta('og:title', `${t.latest} — ${settings.publicationName}`),
    meta('og:url', url),
    meta('og:locale', locale),
    named('twitter:card', 'summary'),
  );
  const view = h(
    Fragment,
    null,
    h('h1', { id: 'view-title' }, t.latest),
    releases.length
      ? h(
          'ul',
          { className: 'release-list' },
          releases.map((release) =>
            h(
              'li',
              { key: release.documentId },
              release.kicker ? h('p', { className: 'kicker' }, release.kicker) : null,
              h(
                'h2',
                null,
                h(
                  'a',
                  { href: `/${release.locale}/press-releases/${encodeURIComponent(release.slug)}`, 'data-nav': '' },
                  release.headline,
                ),
              ),
              releaseDates(release, locale, words),
              release.lead ? h('p', null, release.lead) : null,
            ),
          ),
        )
      : h('p', null, t.empty),
  );
  return {
    lang: locale,
    title: `${t.latest} — ${settings.publicationName}`,
    head: renderToStaticMarkup(head),
    view: renderToStaticMarkup(view),
  };
}

/** The page for an address that shows nothing (sent with status 404). */
export function notFoundPage(locale: string, words: ReaderText, settings: PageSettings): RenderedPage {
  const t = words.text[locale] ?? words.text.en;
  const view = h(
    Fragment,
    null,
    h('h1', { id: 'view-title' }, t.notFound),
    h('p', null, h('a', { href: `/?locale=${locale}`, 'data-nav': '' }, t.back)),
  );
  return {
    lang: locale,
    title: `${t.notFound} — ${settings.publicationName}`,
    head: renderToStaticMarkup(named('robots', 'noindex')),
    view: renderToStaticMarkup(view),
  };
}

/** The shell (public/index.html) with a page put in: language, title, head tags, and the view's content. */
export function fillShell(shell: string, page: RenderedPage): string {
  const escape = (text: string) => renderToStaticMarkup(h(Fragment, null, text));
  return (
    shell
      .replace(/<html lang="[^"]*">/, `<html lang="${page.lang}">`)
      // The subscription form asks for the page's language (the reader's script sets it again as the reader moves).
      .replace(/id="subscribe-locale" value="[^"]*"/, `id="subscribe-locale" value="${page.lang}"`)
      .replace(/<title>[^<]*<\/title>/, () => `<title>${escape(page.title)}</title>\n  ${page.head}`)
      .replace(
        /<section id="view" aria-labelledby="view-title"><\/section>/,
        () => `<section id="view" aria-labelledby="view-title">${page.view}</section>`,
      )
  );
}
