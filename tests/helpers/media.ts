import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import sharp from 'sharp';
import { PROJECT_ROOT, api } from './newsroom-app';

export const UPLOADS_DIR = path.join(PROJECT_ROOT, 'public', 'uploads');

/** The formats of a picture over 1,000 pixels wide: Strapi's sizes, and beside each responsive one its WebP copy. */
export const ALL_FORMATS = ['large', 'large_webp', 'medium', 'medium_webp', 'small', 'small_webp', 'thumbnail'];

/** A small picture of one colour in the given format, made for the test (the seed release has no photo). */
export function makeImage(format: 'png' | 'jpeg' | 'webp' | 'avif' | 'gif', width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 40 } } })
    .toFormat(format)
    .toBuffer();
}

/** The smallest PDF that readers (and file-type) recognise as one: a press kit stand-in. */
export function makePdf(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
      '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  );
}

/**
 * Uploads files through the admin API (as the media library in the admin panel does) with an admin JWT; a file given
 * alternative text is sent with it, as the panel's upload dialog sends what the editor typed.
 */
export function uploadAsAdmin(
  app: Core.Strapi,
  token: string,
  files: { name: string; type: string; content: Buffer | string; alternativeText?: string }[],
) {
  let upload = api(app).post('/upload').set('authorization', `Bearer ${token}`);
  for (const file of files) {
    upload = upload.attach('files', Buffer.from(file.content), { filename: file.name, contentType: file.type });
  }
  if (files.some((file) => file.alternativeText)) {
    for (const file of files) {
      upload = upload.field('fileInfo', JSON.stringify({ name: file.name, alternativeText: file.alternativeText }));
    }
  }
  return upload;
}

export function filesOnDisk(): string[] {
  return readdirSync(UPLOADS_DIR)
    .filter((name) => name !== '.gitkeep')
    .sort();
}

export function fileRowCount(app: Core.Strapi): Promise<number> {
  return app.db.query('plugin::upload.file').count();
}

/**
 * A picture stored in the media library through the upload service (as the admin panel's upload does): its id. It has
 * alternative text unless given none (a release's cover needs it to be published).
 */
export async function makeUploadedImage(
  app: Core.Strapi,
  name: string,
  alternativeText: string | null = `Test picture ${name}`,
): Promise<number> {
  const filepath = path.join(mkdtempSync(path.join(os.tmpdir(), 'newsroom-image-')), name);
  writeFileSync(filepath, await makeImage('png'));
  const uploads = app.plugin('upload').service('upload') as { upload(args: unknown): Promise<{ id: number }[]> };
  const [file] = await uploads.upload({
    data: { fileInfo: { name, alternativeText } },
    files: { filepath, originalFilename: name, mimetype: 'image/png', size: statSync(filepath).size },
  });
  return file.id;
}

/** Removes every media-library entry (and so its files) the test made. */
export async function deleteUploads(app: Core.Strapi, ids: number[]): Promise<void> {
  const uploads = app.plugin('upload').service('upload') as {
    remove(file: unknown): Promise<unknown>;
    findOne(id: number): Promise<unknown>;
  };
  for (const id of ids) {
    const file = await uploads.findOne(id);
    if (file) await uploads.remove(file);
  }
}
