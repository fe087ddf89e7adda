import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { file as fileUtils } from '@strapi/utils';

/** A stored size as Strapi's image manipulation makes it (name, hash and file of one responsive format). */
export interface FormatFile {
  name: string;
  hash: string;
  ext?: string;
  mime?: string;
  filepath: string;
  path?: string | null;
  width?: number;
  height?: number;
  size?: number;
  sizeInBytes?: number;
  getStream(): NodeJS.ReadableStream;
}

export interface ResponsiveFormat {
  key: string;
  file: FormatFile;
}

/** Types a WebP copy is tried for: still photos and graphics (a GIF may be animated, a WebP already is one). */
const CONVERTIBLE = new Set(['image/jpeg', 'image/png']);
/** A copy is kept only when it is at least this much smaller: below that, a second file is not worth a request. */
const MIN_SAVING = 0.1;

/** The format name of a responsive format's WebP copy ("medium" → "medium_webp"). */
export const webpFormatKey = (key: string) => `${key}_webp`;

/**
 * WebP copies of Strapi's responsive formats of a JPEG or PNG, kept where they pay: each is at least a tenth smaller
 * than the format it copies. They are stored beside it (`medium_webp` beside `medium`) by the same provider, and go
 * when the file goes, as every format does. AVIF is left out: encoding it takes seconds a picture on a small server.
 */
export async function webpCopies(
  formats: ResponsiveFormat[],
  original: { hash: string; mime?: string; tmpWorkingDirectory?: string },
): Promise<ResponsiveFormat[]> {
  if (!original.mime || !CONVERTIBLE.has(original.mime)) return [];
  const copies: ResponsiveFormat[] = [];
  for (const { key, file } of formats) {
    const hash = `${webpFormatKey(key)}_${original.hash}`;
    const filepath = path.join(original.tmpWorkingDirectory ?? os.tmpdir(), hash);
    // From bytes (the format was just written again with its rights: rendition-rights.ts), with its XMP kept.
    const info = await sharp(await readFile(file.filepath))
      .keepXmp()
      .webp({ quality: 80 })
      .toFile(filepath);
    const formatBytes = file.sizeInBytes ?? 0;
    if (!formatBytes || info.size > formatBytes * (1 - MIN_SAVING)) continue;
    copies.push({
      key: webpFormatKey(key),
      file: {
        name: `${path.parse(file.name).name}.webp`,
        hash,
        ext: '.webp',
        mime: 'image/webp',
        filepath,
        path: file.path ?? null,
        width: info.width,
        height: info.height,
        size: fileUtils.bytesToKbytes(info.size),
        sizeInBytes: info.size,
        getStream: () => createReadStream(filepath),
      },
    });
  }
  return copies;
}
