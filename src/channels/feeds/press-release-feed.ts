import { Feed } from 'feed';
import type { Item } from 'feed/lib/typings';
import { js2xml, xml2js, type ElementCompact } from 'xml-js';
import {
  coverImageOf,
  feedRendition,
  photoCredit,
  type CoverImage,
  type ImageRendition,
} from '../../read-side/read-model/cover-image';
import { blocksToHtml } from '../release-html/blocks-to-html';
import { escapeHtml } from '../release-html/escape-html';
import { localeFeedUrl, releaseUrl, type FeedFormat } from '../../read-side/public-urls';
import type { PublicRelease } from '../../read-side/public-shape';
import { releaseModifiedAt } from '../../read-side/read-model/correction-date';
import { releaseDescription } from '../../read-side/read-model/release-description';
import { releasePublishedAt } from '../../read-side/read-model/release-dates';

export type { FeedFormat } from '../../read-side/public-urls';

/** How many of the newest releases a feed carries. */
export const FEED_SIZE = 50;

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

export interface FeedSettings {
  siteUrl: string;
  apiUrl: string;
  publicationName: string;
  locale: string;
  /** WebSub hubs the feed names (a locale's public feed only): the first in RSS and Atom, all in JSON Feed. */
  hubs?: readonly string[];
  /**
   * A feed at an address of its own rather than a locale's public feed (a journalist's private feed): its id and
   * only link, its title, where each entry links and how each is titled.
   */
  own?: {
    url: string;
    title: string;
    itemUrl(release: PublicRelease): string;
    itemTitle(release: PublicRelease): string;
  };
}

/**
 * Text as each format reads it: RSS `<description>` and Atom's `summary` and `title` (which the library marks
 * `type="html"`) are HTML, so text goes in escaped (a lead holding `<img onerror>` stays text); JSON Feed's `title`
 * and `summary` and RSS `<title>` are plain text.
 */
const asHtml = (text: string) => `<p>${escapeHtml(text)}</p>`;
const TEXT_IN: Record<FeedFormat, { title(text: string): string; summary(text: string): string }> = {
  rss: { title: (text) => text, summary: asHtml },
  atom: { title: escapeHtml, summary: asHtml },
  json: { title: (text) => text, summary: (text) => text },
};

/**
 * The cover at the top of an item's content, with its alternative text (an enclosure has no place for it) and its
 * credit as the reader page shows it.
 */
function coverFigure(cover: CoverImage, size: ImageRendition): string {
  const credit = photoCredit(cover.rights);
  return (
    `<figure><img src="${escapeHtml(size.url)}" alt="${escapeHtml(cover.alt)}" ` +
    `width="${size.width}" height="${size.height}">` +
    `${credit ? `<figcaption>${escapeHtml(credit)}</figcaption>` : ''}</figure>`
  );
}

/** The feed of a locale's newest releases in one format, built with the `feed` library. */
export function pressReleaseFeed(releases: PublicRelease[], settings: FeedSettings, format: FeedFormat): Feed {
  const text = TEXT_IN[format];
  const feedUrl = (format: FeedFormat) => localeFeedUrl(settings.apiUrl, settings.locale, format);
  const own = settings.own;
  const feed = new Feed({
    id: own?.url ?? feedUrl('atom'),
    title: own?.title ?? `${settings.publicationName}: press releases (${settings.locale})`,
    description:
      own?.title ?? `The newest press releases published by ${settings.publicationName} in "${settings.locale}".`,
    link: settings.siteUrl,
    language: settings.locale,
    // The feed changed when its latest release did: a correction of an older one counts.
    updated: new Date(Math.max(0, ...releases.map((release) => releaseModifiedAt(release).getTime()))),
    generator: 'Newsroom',
    feedLinks: own ? { atom: own.url } : { rss: feedUrl('rss'), atom: feedUrl('atom'), json: feedUrl('json') },
    copyright: settings.publicationName,
    ...(!own && settings.hubs?.length ? { hub: settings.hubs[0] } : {}),
  });
  for (const release of releases) {
    const url = own ? own.itemUrl(release) : releaseUrl(settings.siteUrl, release.locale, release.slug);
    const kicker = release.kicker ? `<p class="kicker">${escapeHtml(release.kicker)}</p>` : '';
    const cover = coverImageOf(release, settings.apiUrl);
    const size = cover && feedRendition(cover);
    const description = releaseDescription(release, 'summary');
    feed.addItem({
      title: text.title(own ? own.itemTitle(release) : release.headline),
      id: url,
      link: url,
      date: releaseModifiedAt(release), // Atom's <updated>, JSON Feed's date_modified: a correction moves it
      published: releasePublishedAt(release),
      ...(description ? { description: text.summary(description) } : {}),
      content: (cover && size ? coverFigure(cover, size) : '') + kicker + blocksToHtml(release.body, settings.apiUrl),
      // RSS's <enclosure>; JSON Feed's `image` and Atom's enclosure link are written from it below.
      ...(size ? { image: { url: size.url, type: size.mime, length: size.bytes ?? 0 } } : {}),
      category: release.topics.map((topic) => ({ name: topic.name, term: topic.slug ?? undefined })),
      author: release.source ? [{ name: release.source.name, link: release.source.url ?? undefined }] : undefined,
    });
  }
  return feed;
}

/**
 * JSON Feed 1.1: the library writes 1.0, whose `author` became `authors` (a list) in 1.1, which also adds
 * `language`. The rest is the same.
 */
export function jsonFeed11(feed: Feed, language: string, hubs: readonly string[] = []): string {
  const document = JSON.parse(feed.json1()) as Record<string, unknown> & { items?: Record<string, unknown>[] };
  document.version = 'https://jsonfeed.org/version/1.1';
  document.language = language;
  if (hubs.length > 0) document.hubs = hubs.map((url) => ({ type: 'WebSub', url }));
  for (const holder of [document, ...(document.items ?? [])]) {
    if (holder.author) {
      holder.authors = [holder.author];
      delete holder.author;
    }
    // JSON Feed's item `image` is the picture's URL.
    if (holder.image && typeof holder.image === 'object') holder.image = (holder.image as { url: string }).url;
  }
  return JSON.stringify(document);
}

/** The enclosure an item carries (its cover), as the library keeps it. */
function enclosureOf(item: Item): { url: string; type?: string; length?: number } | undefined {
  return typeof item.image === 'object' ? item.image : undefined;
}

/**
 * Atom 1.0 with each entry's cover as `<link rel="enclosure">` (RFC 4287 §4.2.7.2), which the library's Atom
 * writer leaves out: its document is read back with the same XML library and the links added, entry by entry.
 */
function atomWithEnclosures(feed: Feed): string {
  const atom = feed.atom1();
  if (!feed.items.some((item) => enclosureOf(item))) return atom;
  const document = xml2js(atom, { compact: true }) as ElementCompact;
  const entries = [document.feed?.entry ?? []].flat() as ElementCompact[];
  entries.forEach((entry, index) => {
    const enclosure = enclosureOf(feed.items[index]);
    if (!enclosure) return;
    const attributes = { rel: 'enclosure', href: enclosure.url, type: enclosure.type, length: enclosure.length };
    entry.link = [...[entry.link ?? []].flat(), { _attributes: attributes }];
  });
  return js2xml(document, { compact: true, spaces: 4 });
}

export function renderFeed(feed: Feed, format: FeedFormat, language: string, hubs: readonly string[] = []): string {
  if (format === 'rss') return feed.rss2();
  if (format === 'atom') return atomWithEnclosures(feed);
  return jsonFeed11(feed, language, hubs);
}
