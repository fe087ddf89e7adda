import { create, fragment } from 'xmlbuilder2';
import type { WithdrawnRelease } from '../../read-side/read-model/withdrawn-releases';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import type { PublicRelease } from '../../read-side/public-shape';
import { releaseUrl } from '../../read-side/public-urls';
import { coverImageOf, type CoverImage, type ImageRendition } from '../../read-side/read-model/cover-image';
import { releaseModifiedAt } from '../../read-side/read-model/correction-date';
import { releaseDescription } from '../../read-side/read-model/release-description';
import { MEDIA_TOPIC_SCHEME_URI } from '../../platform/content-model/media-topic';
import { blocksToHtml } from '../release-html/blocks-to-html';
import * as wire from './wire-terms';
import type { CorrectionsInPreparation } from '../../read-side/read-model/corrections-in-preparation';

/**
 * IPTC NewsML-G2 2.35 (power conformance): a release in one locale as a text News Item, its cover as a picture News
 * Item, and a locale's newest releases as a News Message. Built with xmlbuilder2, so every text is escaped by the
 * library; the body is Strapi's renderer's markup (well-formed: React closes every element) parsed into XHTML.
 */

export const NEWS_ITEM_TYPE = 'application/vnd.iptc.g2.newsitem+xml';
export const NEWS_MESSAGE_TYPE = 'application/vnd.iptc.g2.newsmessage+xml';

const NAR = 'http://iptc.org/std/nar/2006-10-01/';
const XHTML = 'http://www.w3.org/1999/xhtml';
/** IPTC's catalog of its NewsCodes schemes: ninat, stat, genre, cpnat, irel, rnd and the rest resolve through it. */
const IPTC_CATALOG = 'http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_38.xml';
const STANDARD = { standard: 'NewsML-G2', standardversion: '2.35', conformance: 'power' } as const;

/**
 * Characters XML 1.0 does not allow anywhere (control characters other than tab and line breaks, lone surrogates,
 * U+FFFE/U+FFFF). Text pasted from word processors carries some, and xmlbuilder2 writes them as they are: removed
 * from the finished document, where they can only be in text, so one stray character cannot make an item invalid.
 */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const finished = (document: XMLBuilder) => document.end().replace(NOT_XML, '');

export interface NewsmlSettings {
  siteUrl: string;
  apiUrl: string;
  publicationName: string;
  rights?: wire.RightsStatement;
}

export interface NewsItemOptions {
  status?: wire.ItemStatus;
  /** Written for a journalist who reads the release before its embargo ends; never on a public item. */
  embargoed?: Date;
}

/** Our own schemes: topics, entities and sources by their document ids on the public API, and our role codes. */
function schemes(apiUrl: string) {
  return {
    medtop: MEDIA_TOPIC_SCHEME_URI,
    nrtopic: wire.ownSchemeUri(apiUrl, 'topics'),
    nrentity: wire.ownSchemeUri(apiUrl, 'entities'),
    nrsource: wire.ownSchemeUri(apiUrl, 'sources'),
    // Roles IPTC has no code for (a headline's kicker, a picture's alternative text): a tag URI (RFC 4151).
    nrrole: `tag:${hostOf(apiUrl)},2026:role:`,
  };
}

/** The provider's domain: its host name (a port is no part of a URN's identity, and would add a colon). */
const hostOf = (apiUrl: string) => new URL(apiUrl).hostname;

/** A stable guid: the provider's host and the item's own id, the same for every version of the item. */
const guid = (apiUrl: string, id: string) => `urn:newsml:${hostOf(apiUrl)}:${id}`;
const textItemGuid = (release: PublicRelease, apiUrl: string) =>
  guid(apiUrl, `${release.documentId}.${release.locale}`);
const pictureItemGuid = (cover: CoverImage, apiUrl: string) => guid(apiUrl, `media-${cover.id}`);

/** Where the News Item of a release in a locale answers. */
export const newsItemUrl = (apiUrl: string, documentId: string, locale: string) =>
  `${apiUrl}/api/press-releases/${encodeURIComponent(documentId)}/newsml?locale=${encodeURIComponent(locale)}`;

/**
 * The item's version: the second its release last changed for readers (an edit, a correction), so every change
 * gives a greater version and an unchanged release keeps its own.
 */
export const itemVersion = (release: PublicRelease, status: wire.ItemStatus = wire.USABLE) =>
  Math.max(1, Math.floor(wire.statusModifiedAt(release, status).getTime() / 1000));

const ENTITY_TYPES: Record<string, string> = {
  person: 'cpnat:person',
  organisation: 'cpnat:organisation',
  place: 'cpnat:geoArea',
  event: 'cpnat:event',
};

/** IPTC rendition codes for Strapi's sizes: the original is the high resolution, the rest are for the web. */
const renditionCode = (size: ImageRendition) =>
  size.name === 'original' ? 'rnd:highRes' : size.name === 'thumbnail' ? 'rnd:thumbnail' : 'rnd:web';

function appendCatalogs(item: XMLBuilder, apiUrl: string): void {
  item.ele('catalogRef', { href: IPTC_CATALOG });
  const catalog = item.ele('catalog');
  for (const [alias, uri] of Object.entries(schemes(apiUrl))) catalog.ele('scheme', { alias, uri });
}

function appendRights(
  item: XMLBuilder,
  holder: { name: string; qcode?: string; uri?: string } | undefined,
  rights: wire.RightsStatement,
): void {
  if (!holder && !rights.copyrightNotice && !rights.usageTerms && !rights.url) return;
  const info = item.ele('rightsInfo');
  if (holder) {
    const { name, ...identity } = holder;
    info.ele('copyrightHolder', identity).ele('name').txt(name);
  }
  if (rights.copyrightNotice) info.ele('copyrightNotice').txt(rights.copyrightNotice);
  if (rights.usageTerms) info.ele('usageTerms').txt(rights.usageTerms);
  if (rights.url) info.ele('link', { href: rights.url, contenttype: 'text/html' });
}

/** The source as the provider (the publication when a release has none). */
function appendProvider(
  itemMeta: XMLBuilder,
  release: { source?: { documentId: string; name: string } | null },
  settings: NewsmlSettings,
): void {
  const source = release.source;
  const provider = source
    ? itemMeta.ele('provider', { qcode: `nrsource:${source.documentId}` })
    : itemMeta.ele('provider', { literal: settings.publicationName });
  provider.ele('name').txt(source ? source.name : settings.publicationName);
}

function appendSubjects(contentMeta: XMLBuilder, release: PublicRelease): void {
  for (const topic of release.topics) {
    contentMeta
      .ele('subject', { type: 'cpnat:abstract', qcode: `nrtopic:${topic.documentId}` })
      .ele('name')
      .txt(topic.name);
    const mediaTopic = wire.mediaTopicOf(topic);
    if (mediaTopic) {
      const subject = contentMeta.ele('subject', { type: 'cpnat:abstract', qcode: mediaTopic.qcode });
      subject.ele('name').txt(topic.name);
      subject.ele('sameAs', { qcode: `nrtopic:${topic.documentId}` });
    }
  }
  for (const entity of release.entities) {
    const subject = contentMeta.ele('subject', {
      ...(ENTITY_TYPES[entity.kind] ? { type: ENTITY_TYPES[entity.kind] } : {}),
      qcode: `nrentity:${entity.documentId}`,
    });
    subject.ele('name').txt(entity.name);
    if (entity.uri) subject.ele('sameAs', { uri: entity.uri });
  }
}

/** The body as an XHTML document, its title the headline. */
function appendBody(contentSet: XMLBuilder, release: PublicRelease, apiUrl: string): void {
  const html = blocksToHtml(release.body, apiUrl);
  const document = contentSet
    .ele('inlineXML', { contenttype: 'application/xhtml+xml' })
    .ele(XHTML, 'html', { 'xml:lang': release.locale });
  document.ele('head').ele('title').txt(release.headline);
  const body = document.ele('body');
  if (html) body.import(fragment({ defaultNamespace: { ele: XHTML } }, html));
}

/** Appends the text News Item of a release to `parent` (a document, or a News Message's item set); its cover. */
function appendTextItem(
  parent: XMLBuilder,
  release: PublicRelease,
  settings: NewsmlSettings,
  options: NewsItemOptions,
): CoverImage | undefined {
  const { apiUrl } = settings;
  const status = options.status ?? wire.USABLE;
  const cover = coverImageOf(release, apiUrl);
  const item = parent.ele(NAR, 'newsItem', {
    guid: textItemGuid(release, apiUrl),
    version: String(itemVersion(release, status)),
    ...STANDARD,
    'xml:lang': release.locale,
  });
  appendCatalogs(item, apiUrl);
  const source = release.source;
  appendRights(
    item,
    source ? { name: source.name, qcode: `nrsource:${source.documentId}` } : undefined,
    settings.rights ?? wire.rightsStatement(),
  );

  const itemMeta = item.ele('itemMeta');
  itemMeta.ele('itemClass', { qcode: 'ninat:text' });
  appendProvider(itemMeta, release, settings);
  itemMeta.ele('versionCreated').txt(wire.statusModifiedAt(release, status).toISOString());
  itemMeta.ele('firstCreated').txt(new Date(release.createdAt).toISOString());
  if (options.embargoed) itemMeta.ele('embargoed').txt(options.embargoed.toISOString());
  itemMeta.ele('pubStatus', { qcode: `stat:${status.pubStatus}` });
  const note = wire.editorsNote(release, status);
  if (note) itemMeta.ele('edNote').txt(note);
  itemMeta
    .ele('link', { rel: 'irel:seeAlso', href: releaseUrl(settings.siteUrl, release.locale, release.slug) })
    .att('contenttype', 'text/html');
  for (const translation of release.localizations ?? []) {
    itemMeta
      .ele('link', {
        rel: 'irel:seeAlso',
        href: newsItemUrl(apiUrl, release.documentId, translation.locale),
        residref: guid(apiUrl, `${release.documentId}.${translation.locale}`),
        contenttype: NEWS_ITEM_TYPE,
      })
      .ele('title', { 'xml:lang': translation.locale })
      .txt(translation.headline);
  }
  if (cover) {
    itemMeta.ele('link', {
      rel: 'irel:associatedWith',
      residref: pictureItemGuid(cover, apiUrl),
      href: cover.original.url,
      contenttype: cover.original.mime,
    });
  }

  const contentMeta = item.ele('contentMeta');
  for (const size of cover?.renditions ?? []) {
    contentMeta.ele('icon', {
      href: size.url,
      rendition: renditionCode(size),
      contenttype: size.mime,
      width: String(size.width),
      height: String(size.height),
    });
  }
  if (release.issuedAt) contentMeta.ele('contentCreated').txt(release.issuedAt);
  contentMeta.ele('language', { tag: release.locale });
  contentMeta
    .ele('genre', { qcode: wire.PRESS_RELEASE_GENRE.qcode })
    .ele('name', { 'xml:lang': 'en' })
    .txt(wire.PRESS_RELEASE_GENRE.name);
  appendSubjects(contentMeta, release);
  contentMeta.ele('headline').txt(release.headline);
  if (release.kicker) contentMeta.ele('headline', { role: 'nrrole:kicker' }).txt(release.kicker);
  if (release.dateline) contentMeta.ele('dateline').txt(release.dateline);
  if (source) contentMeta.ele('creditline').txt(source.name);
  const description = releaseDescription(release, 'summary');
  if (description) contentMeta.ele('description', { role: 'drol:summary' }).txt(description);

  appendBody(item.ele('contentSet'), release, apiUrl);
  return cover;
}

/** Appends the picture News Item of a release's cover: its renditions as remote content, with what rights it has. */
function appendPictureItem(parent: XMLBuilder, release: PublicRelease, cover: CoverImage, settings: NewsmlSettings) {
  const { apiUrl } = settings;
  const rights = cover.rights ?? {};
  const item = parent.ele(NAR, 'newsItem', {
    guid: pictureItemGuid(cover, apiUrl),
    version: String(itemVersion(release)),
    ...STANDARD,
  });
  appendCatalogs(item, apiUrl);
  appendRights(item, undefined, { copyrightNotice: rights.copyrightNotice, url: rights.licenseUrl });
  const itemMeta = item.ele('itemMeta');
  itemMeta.ele('itemClass', { qcode: 'ninat:picture' });
  appendProvider(itemMeta, release, settings);
  itemMeta.ele('versionCreated').txt(releaseModifiedAt(release).toISOString());
  itemMeta.ele('pubStatus', { qcode: 'stat:usable' });
  const contentMeta = item.ele('contentMeta');
  if (rights.creator) contentMeta.ele('creator').ele('name').txt(rights.creator);
  if (rights.credit) contentMeta.ele('creditline').txt(rights.credit);
  if (cover.alt) contentMeta.ele('description', { role: 'nrrole:alt', 'xml:lang': release.locale }).txt(cover.alt);
  const contentSet = item.ele('contentSet');
  for (const size of cover.renditions) {
    contentSet.ele('remoteContent', {
      href: size.url,
      rendition: renditionCode(size),
      contenttype: size.mime,
      ...(size.bytes !== undefined ? { size: String(size.bytes) } : {}),
      width: String(size.width),
      height: String(size.height),
    });
  }
}

/** One release in one locale as a NewsML-G2 News Item (XML text). */
export function releaseToNewsItem(
  release: PublicRelease,
  settings: NewsmlSettings,
  options: NewsItemOptions = {},
): string {
  const document = create({ version: '1.0', encoding: 'UTF-8' });
  appendTextItem(document, release, settings, options);
  return finished(document);
}

/**
 * The canceled item of a withdrawn release: its guid, a version past the last one, the kill and the note, and who it
 * was (its headline and provider), never its text.
 */
function appendWithdrawnItem(parent: XMLBuilder, withdrawn: WithdrawnRelease, settings: NewsmlSettings): void {
  const item = parent.ele(NAR, 'newsItem', {
    guid: guid(settings.apiUrl, `${withdrawn.documentId}.${withdrawn.locale}`),
    version: String(wire.withdrawnVersion(withdrawn)),
    ...STANDARD,
    'xml:lang': withdrawn.locale,
  });
  appendCatalogs(item, settings.apiUrl);
  const itemMeta = item.ele('itemMeta');
  itemMeta.ele('itemClass', { qcode: 'ninat:text' });
  appendProvider(itemMeta, withdrawn, settings);
  itemMeta.ele('versionCreated').txt(withdrawn.withdrawnAt.toISOString());
  itemMeta.ele('pubStatus', { qcode: 'stat:canceled' });
  itemMeta.ele('edNote').txt(wire.withdrawalNote(withdrawn));
  const contentMeta = item.ele('contentMeta');
  contentMeta.ele('language', { tag: withdrawn.locale });
  if (withdrawn.headline) contentMeta.ele('headline').txt(withdrawn.headline);
}

/** A withdrawn release in one locale as its canceled News Item (XML text). */
export function withdrawnToNewsItem(withdrawn: WithdrawnRelease, settings: NewsmlSettings): string {
  const document = create({ version: '1.0', encoding: 'UTF-8' });
  appendWithdrawnItem(document, withdrawn, settings);
  return finished(document);
}

/**
 * A locale's newest releases as a News Message: each release's text item, then its cover's picture item, then the
 * canceled items of its recent withdrawals (the kill). It is dated by its newest change, not the clock, so an
 * unchanged list is the same bytes (and ETag) when built again.
 */
export function releasesToNewsMessage(
  releases: PublicRelease[],
  settings: NewsmlSettings,
  withdrawals: WithdrawnRelease[] = [],
  corrections: CorrectionsInPreparation = new Map(),
): string {
  const sent = new Date(
    Math.max(
      0,
      ...releases.map((release) => wire.statusModifiedAt(release, wire.releaseStatus(release, corrections)).getTime()),
      ...withdrawals.map((withdrawn) => withdrawn.withdrawnAt.getTime()),
    ),
  );
  const document = create({ version: '1.0', encoding: 'UTF-8' });
  const message = document.ele(NAR, 'newsMessage');
  const header = message.ele('header');
  header.ele('sent').txt(sent.toISOString());
  header.ele('sender').txt(hostOf(settings.apiUrl));
  const itemSet = message.ele('itemSet');
  for (const release of releases) {
    const cover = appendTextItem(itemSet, release, settings, { status: wire.releaseStatus(release, corrections) });
    if (cover) appendPictureItem(itemSet, release, cover, settings);
  }
  for (const withdrawn of withdrawals) appendWithdrawnItem(itemSet, withdrawn, settings);
  return finished(document);
}
