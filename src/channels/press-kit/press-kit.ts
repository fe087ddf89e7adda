import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Core } from '@strapi/strapi';
import { ZipFile } from 'yazl';
import { blocksToParagraphs } from '../../platform/content-model/paragraph-blocks';
import type { PublicRelease } from '../../read-side/public-shape';
import { publicApiUrl, publicationName, publicSiteUrl, releaseUrl } from '../../read-side/public-urls';
import { releaseModifiedAt } from '../../read-side/read-model/correction-date';
import { mediaUrl, photoCredit } from '../../read-side/read-model/cover-image';
import { publicReleasesOf } from '../../read-side/read-model/public-releases';
import { blocksToHtml } from '../release-html/blocks-to-html';
import { releaseToNewsItem } from '../structured-data/newsml-g2';
import { releaseToNinjs } from '../structured-data/ninjs';
import { releaseStatus, statusModifiedAt } from '../structured-data/wire-terms';
import { correctionsInPreparation } from '../../read-side/read-model/corrections-in-preparation';
import { localUploadFile } from '../../platform/content-model/stored-uploads';

/**
 * A release's press kit: one zip with the release in each published locale (plain text, HTML, NewsML-G2 and ninjs),
 * its photos as stored originals (which carry their rights: src/editorial/media-library/photo-rights.ts) and a
 * manifest. Only what the public read model shows goes in, so a kit holds nothing a reader could not see. Entries are
 * stored, not deflated (the photos are compressed already): the zip's size is known before its first byte, and its
 * bytes are the same for the same version, so its ETag is the version's.
 */

/** What a photo of the kit is, as the public shape gives it (the cover, or a picture in the body). */
interface KitPhoto {
  id?: number;
  url: string;
  name?: string | null;
  mime?: string | null;
  width?: number | null;
  height?: number | null;
  hash?: string | null;
  alternativeText?: string | null;
  creator?: string | null;
  creditLine?: string | null;
  copyrightNotice?: string | null;
  licenseUrl?: string | null;
}

interface KitEntry {
  name: string;
  size: number;
  open: () => Readable;
}

export interface PressKit {
  /** A strong ETag of the kit's version: its releases' versions and its photos. */
  etag: string;
  fileName: string;
  locales: string[];
  /** The finished zip: its exact size, and a stream of its bytes. */
  zip(): Promise<{ size: number; stream: Readable }>;
}

/** Pictures in a blocks body (Strapi's `image` blocks hold the media entry). */
function bodyPhotos(blocks: unknown): KitPhoto[] {
  if (!Array.isArray(blocks)) return [];
  return blocks.flatMap((block: { type?: string; image?: KitPhoto; children?: unknown }) =>
    block?.type === 'image' && block.image?.url ? [block.image] : bodyPhotos(block?.children),
  );
}

const photosOf = (release: PublicRelease): KitPhoto[] => [
  ...(release.cover ? [release.cover as KitPhoto] : []),
  ...bodyPhotos(release.body),
];

function plainText(release: PublicRelease, url: string): string {
  const cover = release.cover as KitPhoto | null;
  const credit = cover
    ? photoCredit({
        creator: cover.creator ?? undefined,
        credit: cover.creditLine ?? undefined,
        copyrightNotice: cover.copyrightNotice ?? undefined,
      })
    : '';
  return [
    release.kicker,
    release.headline,
    release.lead,
    ...blocksToParagraphs(release.body),
    release.source ? `${release.source.name}` : null,
    credit ? `Photo: ${credit}` : null,
    url,
  ]
    .filter((part): part is string => Boolean(part && part.trim()))
    .join('\n\n')
    .concat('\n');
}

function htmlDocument(release: PublicRelease, apiUrl: string): string {
  const escape = (text: string) =>
    text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
  return [
    '<!doctype html>',
    `<html lang="${escape(release.locale)}">`,
    `<head><meta charset="utf-8"><title>${escape(release.headline)}</title></head>`,
    '<body><article>',
    release.kicker ? `<p class="kicker">${escape(release.kicker)}</p>` : '',
    `<h1>${escape(release.headline)}</h1>`,
    release.lead ? `<p class="lead">${escape(release.lead)}</p>` : '',
    blocksToHtml(release.body, apiUrl),
    '</article></body></html>',
    '',
  ].join('\n');
}

const textEntry = (name: string, text: string): KitEntry => {
  const bytes = Buffer.from(text, 'utf8');
  return { name, size: bytes.length, open: () => Readable.from([bytes]) };
};

/** A photo's stored original: from the uploads folder when stored locally, else fetched from its provider's URL. */
async function photoEntry(strapi: Core.Strapi, photo: KitPhoto, name: string): Promise<KitEntry | null> {
  if (!/^https?:\/\//i.test(photo.url)) {
    const onDisk = localUploadFile(strapi, photo.url);
    const found = await stat(onDisk).catch(() => null);
    return found ? { name, size: found.size, open: () => createReadStream(onDisk) } : null;
  }
  // Its size first (the zip's length is sent before its first byte), then its bytes, fetched again only when the zip
  // reaches it: a kit of many photos in a bucket is never held in memory. A signed URL answers GET only, not HEAD.
  const sized = await fetch(photo.url);
  const size = Number(sized.headers.get('content-length'));
  await sized.body?.cancel();
  if (!sized.ok || !Number.isSafeInteger(size)) return null;
  const url = photo.url;
  async function* bytes() {
    const response = await fetch(url);
    if (!response.ok || !response.body) throw new Error(`The photo ${url} could not be read (${response.status})`);
    for await (const chunk of Readable.fromWeb(response.body as WebReadableStream)) yield chunk as Buffer;
  }
  return { name, size, open: () => Readable.from(bytes()) };
}

/** The press kit of a published release (every locale the public sees now), or null when none is public. */
export async function pressKitOf(strapi: Core.Strapi, documentId: string): Promise<PressKit | null> {
  const readModel = publicReleasesOf(strapi);
  const locales = await readModel.visibleLocales(documentId);
  const releases = (await Promise.all(locales.map((locale) => readModel.release(documentId, locale)))).filter(
    (release): release is PublicRelease => release !== null && release !== undefined,
  );
  return pressKitOfReleases(strapi, documentId, releases);
}

/** A locale of a release as its reader sees it: a journalist's may still be under embargo. */
export type KitRelease = PublicRelease & { embargoed?: boolean };

/**
 * The press kit of these locales of a release (the public's, or those a journalist may see now), or null when there
 * are none. A locale under embargo says so in its NewsML-G2 (`embargoed`), its ninjs (`embargoedUntil`) and the
 * manifest, and gives its photos by file only: their public URLs answer nothing until it lifts.
 */
export async function pressKitOfReleases(
  strapi: Core.Strapi,
  documentId: string,
  releases: KitRelease[],
): Promise<PressKit | null> {
  if (releases.length === 0) return null;
  const locales = releases.map((release) => release.locale);
  const corrections = await correctionsInPreparation(strapi, releases);
  const apiUrl = publicApiUrl(strapi);
  const siteUrl = publicSiteUrl();
  const newsml = { siteUrl, apiUrl, publicationName: publicationName() };

  const photos = new Map<string, KitPhoto>();
  for (const release of releases) for (const photo of photosOf(release)) photos.set(photo.url, photo);
  const photoNames = new Map(
    [...photos.keys()].map((url) => [url, `photos/${path.posix.basename(new URL(url, apiUrl).pathname)}`]),
  );

  const textEntries: KitEntry[] = [];
  const manifestLocales = [];
  for (const release of releases) {
    const base = `${release.locale}/${release.slug}`;
    const url = releaseUrl(siteUrl, release.locale, release.slug);
    const files = [`${base}.txt`, `${base}.html`, `${base}.newsml.xml`, `${base}.ninjs.json`];
    const embargoedUntil = release.embargoed && release.embargoUntil ? release.embargoUntil : undefined;
    const status = releaseStatus(release, corrections);
    const ninjs = {
      ...releaseToNinjs(release, { siteUrl, apiUrl }, status),
      ...(embargoedUntil ? { embargoedUntil } : {}),
    };
    const embargoed = embargoedUntil ? new Date(embargoedUntil) : undefined;
    textEntries.push(
      textEntry(files[0], plainText(release, url)),
      textEntry(files[1], htmlDocument(release, apiUrl)),
      textEntry(files[2], releaseToNewsItem(release, newsml, { embargoed, status })),
      textEntry(files[3], `${JSON.stringify(ninjs, null, 2)}\n`),
    );
    manifestLocales.push({
      locale: release.locale,
      headline: release.headline,
      url,
      ...(embargoedUntil ? { embargoedUntil } : {}),
      version: statusModifiedAt(release, status).toISOString(),
      ...(status.pubStatus === 'withheld' ? { withheld: status.note } : {}),
      files,
      photos: photosOf(release).map((photo) => photoNames.get(photo.url)),
    });
  }
  const underEmbargo = releases.some((release) => release.embargoed);
  const manifestPhotos = [...photos.values()].map((photo) => ({
    file: photoNames.get(photo.url),
    url: underEmbargo ? null : mediaUrl(apiUrl, photo.url),
    type: photo.mime ?? null,
    width: photo.width ?? null,
    height: photo.height ?? null,
    alternativeText: photo.alternativeText ?? null,
    creator: photo.creator ?? null,
    creditLine: photo.creditLine ?? null,
    copyrightNotice: photo.copyrightNotice ?? null,
    licenseUrl: photo.licenseUrl ?? null,
  }));
  const version = createHash('sha256')
    .update(JSON.stringify([documentId, manifestLocales, manifestPhotos, [...photos.values()].map((p) => p.hash)]))
    .digest('base64url')
    .slice(0, 27);
  const manifest = {
    release: documentId,
    version,
    publisher: newsml.publicationName,
    locales: manifestLocales,
    photos: manifestPhotos,
  };
  const newest = new Date(Math.max(...releases.map((release) => releaseModifiedAt(release).getTime())));
  const first = releases.find((release) => release.locale === locales[0]) ?? releases[0];

  return {
    etag: `"kit-${version}"`,
    fileName: `${first.slug}-press-kit.zip`,
    locales: releases.map((release) => release.locale),
    async zip() {
      const entries = [textEntry('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`), ...textEntries];
      for (const [url, photo] of photos) {
        const entry = await photoEntry(strapi, photo, photoNames.get(url)!);
        if (entry) entries.push(entry);
      }
      const zip = new ZipFile();
      for (const entry of entries) {
        zip.addReadStream(entry.open(), entry.name, { compress: false, size: entry.size, mtime: newest });
      }
      // yazl hands the finished size to this callback (its type declarations say it takes none).
      const ending = zip as unknown as { end(options: object, sized: (total: number) => void): void };
      const size = await new Promise<number>((resolve) => ending.end({}, resolve));
      return { size, stream: zip.outputStream as Readable };
    },
  };
}
