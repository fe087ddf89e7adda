/**
 * What the media library takes, by content type. This module owns the list: the upload check and the headers /uploads
 * is served with both ask it.
 */
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

const LABELS: Record<string, string> = {
  'image/jpeg': 'JPEG image',
  'image/png': 'PNG image',
  'image/webp': 'WebP image',
  'image/avif': 'AVIF image',
  'image/gif': 'GIF image',
  'application/pdf': 'PDF document',
  [SVG_TYPE]: 'SVG image',
};

/** A MIME type as an editor reads it ("JPEG image"), or the type itself where we have no name for it. */
export function typeLabel(mime: string): string {
  return LABELS[mime] ?? mime;
}

/** "a JPEG image", or "of type image/bmp" where we have no name for it: what a file's content is, for editors. */
export function contentPhrase(mime: string): string {
  return LABELS[mime] ? `a ${LABELS[mime]}` : `of type ${mime}`;
}

/** "JPEG image, PNG image, PDF document", for messages to editors. */
export function describeAcceptedTypes(accepted: readonly string[]): string {
  return accepted.map(typeLabel).join(', ');
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
