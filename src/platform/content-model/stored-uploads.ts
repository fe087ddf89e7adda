import path from 'node:path';

/**
 * Where the local upload provider keeps the media library's files: public/uploads, each file under the last segment
 * of its URL (`/uploads/<hash><ext>`). Every reader of a stored file's bytes on disk asks here.
 */
export const uploadsDirectory = (strapi: { dirs: { static: { public: string } } }): string =>
  path.join(path.resolve(strapi.dirs.static.public), 'uploads');

/** The file on disk of a locally stored upload, by its URL. */
export const localUploadFile = (strapi: { dirs: { static: { public: string } } }, url: string): string =>
  path.join(uploadsDirectory(strapi), path.posix.basename(url));
