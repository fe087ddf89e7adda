import type { PublicImageFile, PublicRelease } from '../public-shape';

/** One stored size of a picture: Strapi's responsive formats, or the original upload. */
export interface ImageRendition {
  /** `original`, or Strapi's format name: thumbnail, small, medium, large. */
  name: string;
  url: string;
  mime: string;
  width: number;
  height: number;
  bytes: number | undefined;
}

/**
 * Who made a picture and on what terms, as far as its file says (IPTC Core / XMP rights fields). Nothing fills it
 * yet: keeping these fields on upload is the photo-rights part of issue 28; ninjs and NewsML-G2 already write them.
 */
export interface PictureRights {
  creator?: string;
  credit?: string;
  copyrightNotice?: string;
  /** The web statement of rights, or the licence's URL. */
  licenseUrl?: string;
}

/** A release's cover as every public format describes it: absolute URLs, its alternative text, all its sizes. */
export interface CoverImage {
  /** The upload's id: the picture's own identity, shared by every release that shows it. */
  id: number;
  alt: string;
  rights?: PictureRights;
  original: ImageRendition;
  /** Every size, the original and its WebP copies included, smallest first. */
  renditions: ImageRendition[];
}

/** Where a stored file is fetched from: a provider's absolute URL as it is, a local `/uploads/…` path on the API. */
export function mediaUrl(apiUrl: string, url: string): string {
  return /^https?:\/\//i.test(url) ? url : `${apiUrl}${url.startsWith('/') ? '' : '/'}${url}`;
}

function rendition(name: string, image: PublicImageFile, apiUrl: string): ImageRendition | undefined {
  if (!image.url || !image.width || !image.height) return undefined;
  return {
    name,
    url: mediaUrl(apiUrl, image.url),
    mime: image.mime ?? 'application/octet-stream',
    width: image.width,
    height: image.height,
    // Exact for Strapi's formats; the original's row holds only kilobytes rounded to two decimals.
    bytes: image.sizeInBytes ?? undefined,
  };
}

/** The rights kept from the photo's file, or undefined when it carried none. */
function rightsOf(image: PublicImageFile): PictureRights | undefined {
  const rights: PictureRights = {
    creator: image.creator ?? undefined,
    credit: image.creditLine ?? undefined,
    copyrightNotice: image.copyrightNotice ?? undefined,
    licenseUrl: image.licenseUrl ?? undefined,
  };
  return Object.values(rights).some((value) => value) ? rights : undefined;
}

/**
 * The credit shown under a photo: its credit line (else its creator), then its copyright notice. The reader's script
 * writes the same from the API's fields (public/reader/reader.js, photoCredit).
 */
export function photoCredit(rights: PictureRights | undefined): string {
  return [rights?.credit ?? rights?.creator, rights?.copyrightNotice].filter(Boolean).join(' · ');
}

/** The cover of a public release with its sizes, or undefined when it has none (or it is not a picture). */
export function coverImageOf(release: Pick<PublicRelease, 'cover'>, apiUrl: string): CoverImage | undefined {
  const cover = release.cover;
  if (!cover) return undefined;
  const original = rendition('original', cover, apiUrl);
  if (!original) return undefined;
  const formats = Object.entries(cover.formats ?? {})
    .map(([name, format]) => rendition(name, format, apiUrl))
    .filter((format): format is ImageRendition => format !== undefined);
  const rights = rightsOf(cover);
  return {
    id: cover.id,
    alt: cover.alternativeText?.trim() ?? '',
    ...(rights ? { rights } : {}),
    original,
    renditions: [...formats, original].sort((a, b) => a.width - b.width || a.name.localeCompare(b.name)),
  };
}

/**
 * The size feeds carry: of the original's type (every reader shows it; the WebP copies are for browsers that ask), the
 * largest no wider than a reader's column needs, else the smallest there is.
 */
export function feedRendition(image: CoverImage, maxWidth = 1000): ImageRendition {
  const sameType = image.renditions.filter((size) => size.mime === image.original.mime);
  const fitting = sameType.filter((size) => size.width <= maxWidth);
  return fitting[fitting.length - 1] ?? sameType[0];
}
