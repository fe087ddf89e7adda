import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { lookup as typeFromName } from 'mime-types';
import { acceptedTypesOf, typeLabel } from '../../editorial/media-library/accepted-types';
import { admitUpload, type IncomingFile } from '../../editorial/media-library/upload-admission';
import { readFile } from 'node:fs/promises';
import { stripImageMetadata } from '../../editorial/media-library/image-metadata';
import { readPhotoRights, RIGHTS_CARRYING_TYPES, type PhotoRights } from '../../editorial/media-library/photo-rights';
import { PHOTO_RIGHTS_ATTRIBUTES, recordPhotoRights } from '../../editorial/media-library/photo-rights-fields';
import { carryRightsIntoRenditions } from '../../editorial/media-library/rendition-rights';
import { webpCopies, type FormatFile, type ResponsiveFormat } from '../../editorial/media-library/webp-formats';
import { isProjecting } from '../../read-side/read-model/release-projection';
import { strapiOriginal, wrapperOf } from '../../platform/operations/extension-wrapping';
import { inEditorLanguage } from '../../editorial/editor-messages/editor-language';

/**
 * Upload plugin, extended (Strapi's plugin extension mechanism): every way a file enters the media library (admin
 * panel, content API, upload from URLs, replace) goes through the upload service's `upload` or `replace`. Each file is
 * admitted by its content before anything is stored; one refused file refuses the whole request with a 400 whose
 * message the admin panel shows (Strapi's own check is handed everything: see config/plugins.ts). An admitted image
 * loses its embedded metadata (GPS location, camera) but its rights before Strapi stores it and makes its renditions
 * from it; every rendition carries the rights too.
 */
type UploadService = {
  upload(args: { files: IncomingFile | IncomingFile[] }, options?: unknown): Promise<unknown>;
  replace(id: unknown, args: { file: IncomingFile }, options?: unknown): Promise<unknown>;
} & Record<string, unknown>;
type ServiceFactory = (deps: { strapi: Core.Strapi }) => UploadService;
type OriginalImage = { hash: string; mime?: string; filepath?: string; tmpWorkingDirectory?: string };
type ImageManipulation = {
  generateResponsiveFormats(file: OriginalImage): Promise<(ResponsiveFormat | undefined)[]>;
  generateThumbnail(file: OriginalImage): Promise<FormatFile | null>;
  optimize(file: OriginalImage): Promise<OriginalImage & Partial<FormatFile>>;
} & Record<string, unknown>;
type FileService = { signFileUrls(file: object): Promise<object> } & Record<string, unknown>;
interface Plugin {
  contentTypes: { file: { schema: { attributes: Record<string, unknown> } } };
  services: { upload: ServiceFactory; file: FileService; 'image-manipulation': ImageManipulation } & Record<
    string,
    unknown
  >;
}

/** A replacement keeps the stored file's name and extension (Strapi's replace): its content must be of that type. */
async function assertReplacementKeepsType(strapi: Core.Strapi, id: unknown, file: IncomingFile): Promise<void> {
  const stored = (await strapi.db.query('plugin::upload.file').findOne({ select: ['name', 'ext'], where: { id } })) as {
    name: string;
    ext: string;
  } | null;
  const storedType = stored?.ext ? typeFromName(stored.ext) : false;
  if (stored && storedType && storedType !== file.mimetype) {
    const [name, label] = [file.originalFilename ?? 'The file', typeLabel(storedType)];
    throw new errors.ValidationError(
      inEditorLanguage(strapi, {
        en: `"${name}" cannot replace "${stored.name}": a ${label.en} is replaced by a file of the same type.`,
        ru: `«${name}» не может заменить «${stored.name}»: ${label.ru} заменяется только файлом того же типа.`,
      }),
    );
  }
}

/** Admits every file (or refuses them all), and returns the rights each carries, in order. */
async function admitAll(strapi: Core.Strapi, files: IncomingFile | IncomingFile[]): Promise<(PhotoRights | null)[]> {
  const accepted = acceptedTypesOf(strapi);
  const rights: (PhotoRights | null)[] = [];
  for (const file of Array.isArray(files) ? files : [files]) {
    const admission = await admitUpload(file, accepted);
    if (!admission.admitted) throw new errors.ValidationError(inEditorLanguage(strapi, admission.reason));
    // The stored type is the content's, never the client's claim.
    file.detectedMimeType = admission.mime;
    file.mimetype = admission.mime;
    if (strapi.config.get('media-library.stripMetadata', true)) {
      file.size = (await stripImageMetadata(file.filepath, admission.mime)) ?? file.size;
    }
    rights.push(
      RIGHTS_CARRYING_TYPES.has(admission.mime) ? await readPhotoRights(await readFile(file.filepath)) : null,
    );
  }
  return rights;
}

export default (plugin: Plugin): Plugin => {
  // A photo's rights, kept from its file (photo-rights-fields.ts), are fields of its entry.
  const fileSchema = plugin.contentTypes.file.schema;
  fileSchema.attributes = { ...fileSchema.attributes, ...PHOTO_RIGHTS_ATTRIBUTES };
  const images = plugin.services['image-manipulation'];
  const generateResponsiveFormats = strapiOriginal(images.generateResponsiveFormats);
  const generateThumbnail = strapiOriginal(images.generateThumbnail);
  const optimize = strapiOriginal(images.optimize);
  plugin.services['image-manipulation'] = {
    ...images,
    // Strapi's size optimisation writes the original again, without metadata: the stored original keeps its rights.
    optimize: wrapperOf(optimize, async (file: OriginalImage) => {
      const optimized = await optimize(file);
      if (optimized !== file && optimized.filepath) await carryRightsIntoRenditions(file, [optimized as FormatFile]);
      return optimized;
    }),
    // Each rendition carries the photo's rights; each responsive format of a JPEG or PNG gets a WebP copy beside it
    // (with them too) where that is clearly smaller.
    generateResponsiveFormats: wrapperOf(generateResponsiveFormats, async (file: OriginalImage) => {
      const formats = (await generateResponsiveFormats(file)).filter((f): f is ResponsiveFormat => f !== undefined);
      await carryRightsIntoRenditions(
        file,
        formats.map((format) => format.file),
      );
      return [...formats, ...(await webpCopies(formats, file))];
    }),
    generateThumbnail: wrapperOf(generateThumbnail, async (file: OriginalImage) => {
      const thumbnail = await generateThumbnail(file);
      if (thumbnail) await carryRightsIntoRenditions(file, [thumbnail]);
      return thumbnail;
    }),
  };
  // A private bucket's signed URLs expire: the public read model stores the unsigned ones and signs them when read
  // (src/read-side/read-model/signed-media-urls.ts), so Strapi's signing on read is skipped for the model's own reads.
  const signFileUrls = strapiOriginal(plugin.services.file.signFileUrls);
  plugin.services.file = {
    ...plugin.services.file,
    signFileUrls: wrapperOf(signFileUrls, (file: object) =>
      isProjecting() ? Promise.resolve(file) : signFileUrls(file),
    ),
  };
  const createUploadService = strapiOriginal(plugin.services.upload);
  plugin.services.upload = wrapperOf(createUploadService, (deps) => {
    const service = createUploadService(deps);
    const { upload, replace } = service;
    return Object.assign(service, {
      async upload(args: { files: IncomingFile | IncomingFile[] }, options?: unknown) {
        const rights = await admitAll(deps.strapi, args.files);
        const uploaded = await upload(args, options);
        await recordPhotoRights(deps.strapi, Array.isArray(uploaded) ? uploaded : [uploaded as object], rights);
        return uploaded;
      },
      async replace(id: unknown, args: { file: IncomingFile }, options?: unknown) {
        const rights = await admitAll(deps.strapi, args.file);
        await assertReplacementKeepsType(deps.strapi, id, args.file);
        const replaced = await replace(id, args, options);
        await recordPhotoRights(deps.strapi, [replaced as object], rights);
        return replaced;
      },
    });
  });
  return plugin;
};
