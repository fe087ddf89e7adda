/**
 * What the media library takes, by content type. This module owns the list: the upload check and the headers /uploads
 * is served with both ask it.
 */
import type { Bilingual } from '../editor-messages/editor-language';

export const ACCEPTED_TYPES_VARIABLE = 'UPLOAD_ALLOWED_TYPES';

/** The image types a newsroom uses, and PDF for press kits. */
export const DEFAULT_ACCEPTED_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/avif',
  'image/gif',
  'application/pdf',
];

export const SVG_TYPE = 'image/svg+xml';

/** Types whose content a browser would run as code or render as a page: never taken, whatever the env says. */
const NEVER_ACCEPTED = new Set([
  'text/html',
  'application/xhtml+xml',
  'text/javascript',
  'application/javascript',
  'text/xml',
  'application/xml',
]);

const LABELS: Record<string, Bilingual> = {
  'image/jpeg': { en: 'JPEG image', ru: 'изображение JPEG' },
  'image/png': { en: 'PNG image', ru: 'изображение PNG' },
  'image/webp': { en: 'WebP image', ru: 'изображение WebP' },
  'image/avif': { en: 'AVIF image', ru: 'изображение AVIF' },
  'image/gif': { en: 'GIF image', ru: 'изображение GIF' },
  'application/pdf': { en: 'PDF document', ru: 'документ PDF' },
  [SVG_TYPE]: { en: 'SVG image', ru: 'изображение SVG' },
};

/** A MIME type as an editor reads it ("JPEG image"), or the type itself where we have no name for it. */
export function typeLabel(mime: string): Bilingual {
  return LABELS[mime] ?? { en: mime, ru: mime };
}

/** "a JPEG image", or "of type image/bmp" where we have no name for it: what a file's content is, for editors. */
export function contentPhrase(mime: string): Bilingual {
  const label = LABELS[mime];
  return label ? { en: `a ${label.en}`, ru: label.ru } : { en: `of type ${mime}`, ru: `файл типа ${mime}` };
}

/** "JPEG image, PNG image, PDF document", for messages to editors. */
export function describeAcceptedTypes(accepted: readonly string[]): Bilingual {
  return {
    en: accepted.map((mime) => typeLabel(mime).en).join(', '),
    ru: accepted.map((mime) => typeLabel(mime).ru).join(', '),
  };
}

/**
 * Reads UPLOAD_ALLOWED_TYPES (comma-separated MIME types, no wildcards; unset: the default list). A value that is not
 * a MIME type, a wildcard, or a type a browser would run stops the app with the variable's name.
 */
export function parseAcceptedTypes(value: string | undefined): string[] {
  if (value === undefined || value.trim() === '') return [...DEFAULT_ACCEPTED_TYPES];
  const types = value
    .split(',')
    .map((type) => type.trim().toLowerCase())
    .filter((type) => type.length > 0);
  for (const type of types) {
    if (!/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(type)) {
      throw new Error(`${ACCEPTED_TYPES_VARIABLE}: "${type}" is not a MIME type such as image/png (no wildcards).`);
    }
    if (NEVER_ACCEPTED.has(type)) {
      throw new Error(`${ACCEPTED_TYPES_VARIABLE}: "${type}" can never be taken: browsers run it as a page or script.`);
    }
  }
  return [...new Set(types)];
}

/** Raster images are shown inline; anything else (SVG, PDF, others) is only ever downloaded. */
export function isRasterImage(mime: string): boolean {
  return mime.startsWith('image/') && mime !== SVG_TYPE;
}

/** The list in force (config/media-library.ts, from UPLOAD_ALLOWED_TYPES). */
export function acceptedTypesOf(strapi: { config: { get(path: string, fallback?: unknown): unknown } }): string[] {
  return strapi.config.get('media-library.acceptedTypes', DEFAULT_ACCEPTED_TYPES) as string[];
}
