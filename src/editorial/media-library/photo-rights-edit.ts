import { randomUUID } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { Core } from '@strapi/strapi';
import { errors, file as fileUtils } from '@strapi/utils';
import { z } from 'zod';
import { checkedInput } from '../../platform/validation/checked-input';
import { photoRightsXmp, readPhotoRights, RIGHTS_CARRYING_TYPES, type PhotoRights } from './photo-rights';
import { PHOTO_RIGHTS_ATTRIBUTES, type PhotoRightsFields } from './photo-rights-fields';
import { withXmpPacket } from './xmp-in-place';
import { localUploadFile } from '../../platform/content-model/stored-uploads';

/**
 * An editor's correction of a photo's rights (the media library's "Photo rights" page): the entry's fields, and the
 * same rights written into the stored original and every rendition, so that a file downloaded after the edit carries
 * the corrected credit. Files are rewritten in place (same URL; only the XMP packet changes, xmp-in-place.ts) through
 * the upload provider, on the local disk or in a bucket alike.
 */

const FILE_UID = 'plugin::upload.file';

/** Empty clears a field; absent leaves it as it is. */
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `at most ${max} characters` })
    .nullable()
    .transform((value) => value || null)
    .optional();

const EDIT = z
  .object({
    creator: text(255),
    creditLine: text(255),
    copyrightNotice: text(2000),
    licenseUrl: text(255).refine((value) => !value || /^https?:\/\/[^\s/]+\.[^\s]*$/i.test(value), {
      message: 'an address starting with https:// or http://',
    }),
  })
  .strict();

export type PhotoRightsEdit = z.infer<typeof EDIT>;

export interface StoredVersion {
  url: string;
  hash: string;
  ext: string;
  mime: string;
  size?: number;
  sizeInBytes?: number;
  path?: string | null;
}
export type StoredPhoto = StoredVersion &
  Partial<PhotoRightsFields> & {
    id: number;
    name: string;
    provider?: string;
    formats?: Record<string, StoredVersion> | null;
  };

interface UploadProvider {
  upload(file: StoredVersion & { buffer: Buffer }): Promise<void>;
  isPrivate?(): boolean | Promise<boolean>;
  getSignedUrl?(file: StoredVersion): Promise<{ url: string }>;
}

export function checkedRightsEdit(input: unknown): PhotoRightsEdit {
  return checkedInput(EDIT, input ?? {}, { what: 'Photo rights' });
}

/** Several creators are written one per `;` (the entry shows them joined with commas, as a credit line has them). */
const creatorsOf = (creator: string | null): string[] =>
  creator
    ? creator
        .split(';')
        .map((name) => name.trim())
        .filter(Boolean)
    : [];

export function storedFiles(strapi: Core.Strapi) {
  const uploads = () => strapi.plugin('upload').provider as unknown as UploadProvider;

  const onDisk = (version: StoredVersion) => localUploadFile(strapi, version.url);

  const bytesOf = async (photo: StoredPhoto, version: StoredVersion): Promise<Buffer> => {
    if (photo.provider === 'local') return readFile(onDisk(version));
    const provider = uploads();
    const signs = Boolean(await provider.isPrivate?.()) && provider.getSignedUrl;
    const url = signs ? (await provider.getSignedUrl!(version)).url : version.url;
    const answer = await fetch(url);
    if (!answer.ok)
      throw new Error(`The stored file ${version.hash}${version.ext} could not be read (${answer.status})`);
    return Buffer.from(await answer.arrayBuffer());
  };

  return {
    bytesOf,
    /**
     * The same key, other bytes. On the local disk the file is swapped whole (a reader never gets half of it); a
     * bucket's provider writes over the object it holds (S3's PutObject replaces it whole).
     */
    async write(photo: StoredPhoto, version: StoredVersion, bytes: Buffer): Promise<void> {
      if (photo.provider === 'local') {
        const target = onDisk(version);
        const next = `${target}.${randomUUID()}.tmp`;
        await writeFile(next, bytes);
        await rename(next, target);
        return;
      }
      await uploads().upload({ ...version, buffer: bytes });
    },
  };
}

/**
 * The photo's rights changed as the edit says: fields absent keep their value, and a creator list the edit leaves as
 * it was keeps its names. Writes every stored file first and the entry last, so that what the entry says is in the
 * files; the entry's update re-projects every release that shows the photo (read-model-sync.ts).
 */
export async function editPhotoRights(strapi: Core.Strapi, id: number, edit: PhotoRightsEdit): Promise<StoredPhoto> {
  // One edit of a photo at a time, across instances: two at once would leave the files of one and the entry of the
  // other. The lock is a transaction of its own, so the entry's update below runs (and fires its lifecycles) as usual.
  const lock = await strapi.db.connection.transaction();
  try {
    await lock.raw(`SELECT pg_advisory_xact_lock(hashtext('newsroom.photo-rights'), ?)`, [id]);
    return await rewritePhotoRights(strapi, id, edit);
  } finally {
    await lock.commit();
  }
}

async function rewritePhotoRights(strapi: Core.Strapi, id: number, edit: PhotoRightsEdit): Promise<StoredPhoto> {
  const photo = (await strapi.db.query(FILE_UID).findOne({ where: { id } })) as StoredPhoto | null;
  if (!photo) throw new errors.NotFoundError('No such file in the media library.');
  if (!RIGHTS_CARRYING_TYPES.has(photo.mime))
    throw new errors.ValidationError(`A ${photo.mime} file does not carry photo rights: only JPEG, PNG and WebP do.`);
  const files = storedFiles(strapi);
  const versions = [photo, ...Object.values(photo.formats ?? {})];
  const fields = Object.fromEntries(
    (Object.keys(PHOTO_RIGHTS_ATTRIBUTES) as (keyof PhotoRightsFields)[]).map((key) => [
      key,
      edit[key] === undefined ? (photo[key] ?? null) : edit[key],
    ]),
  ) as PhotoRightsFields;
  const inFile = await readPhotoRights(await files.bytesOf(photo, photo));
  const rights: PhotoRights = {
    creators:
      fields.creator === (photo.creator ?? null) && inFile?.creators.length
        ? inFile.creators
        : creatorsOf(fields.creator),
    ...(fields.creditLine ? { creditLine: fields.creditLine } : {}),
    ...(fields.copyrightNotice ? { copyrightNotice: fields.copyrightNotice } : {}),
    ...(fields.licenseUrl ? { licenseUrl: fields.licenseUrl } : {}),
    // Not a field of the entry: kept as the file has it.
    ...(inFile?.source ? { source: inFile.source } : {}),
  };
  const xmp = photoRightsXmp(rights);
  for (const version of versions) {
    if (!RIGHTS_CARRYING_TYPES.has(version.mime)) continue;
    const bytes = await withXmpPacket(await files.bytesOf(photo, version), version.mime, xmp);
    await files.write(photo, version, bytes);
    version.size = fileUtils.bytesToKbytes(bytes.length);
    if (version !== photo) version.sizeInBytes = bytes.length;
  }
  const data = {
    ...fields,
    creator: rights.creators.length > 0 ? rights.creators.join(', ') : null,
    size: photo.size,
    ...(photo.formats ? { formats: photo.formats } : {}),
  };
  return (await strapi.db.query(FILE_UID).update({ where: { id }, data })) as StoredPhoto;
}
