import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { file as fileUtils } from '@strapi/utils';
import { photoRightsXmp, readPhotoRights, RIGHTS_CARRYING_TYPES } from './photo-rights';
import type { FormatFile } from './webp-formats';

interface Original {
  filepath?: string;
  mime?: string;
  /** What Strapi reads the file by once it has let go of its path (the renditions are made from it). */
  getStream?(): NodeJS.ReadableStream;
}

/** The original's bytes: never read by its path through sharp, since libvips caches what it opened by file name. */
async function bytesOf(original: Original): Promise<Buffer | null> {
  if (original.filepath) return readFile(original.filepath);
  if (!original.getStream) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of original.getStream()) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/**
 * Strapi makes each rendition (thumbnail, small, medium, large) with sharp, which writes no metadata: a downloaded
 * rendition would lose the photo's credit. Each is made again here from the original, at the size Strapi chose, with
 * the original's rights as XMP: one encoding from the original, as Strapi's own, so nothing is lost twice.
 */
export async function carryRightsIntoRenditions(original: Original, renditions: FormatFile[]): Promise<void> {
  if (!original.mime || !RIGHTS_CARRYING_TYPES.has(original.mime) || renditions.length === 0) return;
  const input = await bytesOf(original);
  if (!input) return;
  const rights = await readPhotoRights(input);
  if (!rights) return;
  const xmp = photoRightsXmp(rights);
  for (const rendition of renditions) {
    if (!rendition.width || !rendition.height) continue;
    // Strapi's path has no extension: sharp writes the input's format, as it did for Strapi.
    const info = await sharp(input, { animated: true })
      .resize({ width: rendition.width, height: rendition.height, fit: 'inside' })
      .withXmp(xmp)
      .toFile(rendition.filepath);
    rendition.size = fileUtils.bytesToKbytes(info.size);
    rendition.sizeInBytes = info.size;
  }
}
