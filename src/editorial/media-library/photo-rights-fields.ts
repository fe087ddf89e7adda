import type { Core } from '@strapi/strapi';
import type { PhotoRights } from './photo-rights';

/**
 * A photo's rights as fields of its media library entry (plugin::upload.file, extended in
 * src/extensions/upload/strapi-server.ts): what REST, GraphQL and every format read, as they read its alternative
 * text. Several creators are one text, as ninjs' `by` and a credit line have them.
 */
export const PHOTO_RIGHTS_ATTRIBUTES = {
  creator: { type: 'string', configurable: false },
  creditLine: { type: 'string', configurable: false },
  copyrightNotice: { type: 'text', configurable: false },
  licenseUrl: { type: 'string', configurable: false },
} as const;

export type PhotoRightsFields = Record<keyof typeof PHOTO_RIGHTS_ATTRIBUTES, string | null>;

export function photoRightsFields(rights: PhotoRights | null): PhotoRightsFields {
  return {
    creator: rights && rights.creators.length > 0 ? rights.creators.join(', ') : null,
    creditLine: rights?.creditLine ?? null,
    copyrightNotice: rights?.copyrightNotice ?? null,
    licenseUrl: rights?.licenseUrl ?? null,
  };
}

/**
 * Stores the rights read from each uploaded file on its entry (in the order Strapi returned them), where they differ
 * from what the entry holds: a new photo without rights is not written again, a replacement without them clears them.
 */
export async function recordPhotoRights(
  strapi: Core.Strapi,
  entries: (Partial<PhotoRightsFields> & { id?: number })[],
  rights: (PhotoRights | null)[],
): Promise<void> {
  for (const [index, entry] of entries.entries()) {
    if (typeof entry?.id !== 'number') continue;
    const fields = photoRightsFields(rights[index] ?? null);
    const keys = Object.keys(fields) as (keyof PhotoRightsFields)[];
    if (keys.every((key) => (entry[key] ?? null) === fields[key])) continue;
    await strapi.db.query('plugin::upload.file').update({ where: { id: entry.id }, data: fields });
    Object.assign(entry, fields);
  }
}
