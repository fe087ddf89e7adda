import { readFile, writeFile } from 'node:fs/promises';
import sharp, { type Metadata, type Sharp } from 'sharp';
import { photoRightsXmp, readPhotoRights, RIGHTS_CARRYING_TYPES } from './photo-rights';

/** Raster types whose stored bytes sharp can rewrite without their metadata, and how each is written again. */
const REWRITE: Record<string, (image: Sharp) => Sharp> = {
  // High quality: the original is what every rendition is made from, and re-encoding it once must not show.
  'image/jpeg': (image) => image.jpeg({ quality: 92, chromaSubsampling: '4:4:4' }),
  'image/png': (image) => image.png(),
  'image/webp': (image) => image.webp({ quality: 92 }),
  'image/avif': (image) => image.avif({ quality: 80 }),
  'image/gif': (image) => image.gif(),
};

/** What a photo says about where and with what it was taken, beyond its pixels and colour profile. */
export function carriesPrivateMetadata(metadata: Metadata): boolean {
  return Boolean(
    metadata.exif || metadata.xmp || metadata.iptc || metadata.tifftagPhotoshop || metadata.comments?.length,
  );
}

/**
 * Removes location, camera and other embedded metadata (EXIF, XMP, IPTC, text comments) from an uploaded image, in
 * place, before Strapi stores it and makes its renditions, except its rights (photo-rights.ts), written back as XMP in
 * the types that carry it. The picture is turned upright first (an EXIF orientation would be lost with the EXIF), and
 * the colour profile is kept. A file that carries none is left byte for byte.
 * Returns the file's new size, or undefined when nothing changed.
 */
export async function stripImageMetadata(filepath: string, mime: string): Promise<number | undefined> {
  const rewrite = REWRITE[mime];
  if (!rewrite) return undefined;
  // From bytes, never the path: libvips caches what it opened by file name, and Strapi opens this path next.
  const input = await readFile(filepath);
  const metadata = await sharp(input).metadata();
  if (!carriesPrivateMetadata(metadata) && (metadata.orientation ?? 1) === 1) return undefined;
  const animated = (metadata.pages ?? 1) > 1;
  let image = sharp(input, { animated });
  if (!animated) image = image.rotate();
  const rights = RIGHTS_CARRYING_TYPES.has(mime) ? await readPhotoRights(input) : null;
  image = image.keepIccProfile();
  if (rights) image = image.withXmp(photoRightsXmp(rights));
  const output = await rewrite(image).toBuffer();
  await writeFile(filepath, output);
  return output.length;
}
