import type { Core } from '@strapi/strapi';
import { startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { deleteUploads, fileRowCount, filesOnDisk, uploadAsAdmin } from '../helpers/media';
import { editorToken } from '../helpers/editor';

/**
 * A real 1×1 BMP (24 bits a pixel), the smallest a viewer opens: a 14-byte file header, a 40-byte BITMAPINFOHEADER
 * and one pixel padded to 4 bytes, 58 bytes in all. BMP is not on the media library's list; sharp cannot write it.
 */
function makeBmp(): Buffer {
  const bmp = Buffer.alloc(58);
  bmp.write('BM', 0, 'latin1');
  bmp.writeUInt32LE(58, 2); // file size
  bmp.writeUInt32LE(54, 10); // offset of the pixels
  bmp.writeUInt32LE(40, 14); // BITMAPINFOHEADER
  bmp.writeInt32LE(1, 18); // width
  bmp.writeInt32LE(1, 22); // height
  bmp.writeUInt16LE(1, 26); // planes
  bmp.writeUInt16LE(24, 28); // bits a pixel
  bmp.writeUInt32LE(0, 30); // BI_RGB: no compression
  bmp.writeUInt32LE(4, 34); // size of the pixels
  bmp.writeInt32LE(2835, 38); // 72 dpi across
  bmp.writeInt32LE(2835, 42); // and down
  bmp.set([40, 30, 200, 0], 54); // one red pixel (blue, green, red), and the row's padding
  return bmp;
}

let app: Core.Strapi;
let token: string;
/** What a broken admission would have stored, removed again. */
const stored: number[] = [];

beforeAll(async () => {
  app = await startNewsroom();
  token = await editorToken(app, 'upload.admission.test@newsroom.test');
});
afterAll(async () => {
  await deleteUploads(app, stored);
  await stopNewsroom(app);
});

describe('a file whose name says no type is admitted by its content alone', () => {
  // No extension, and extensions no MIME table knows: nothing in the name to refuse, so only the content's type
  // (a BMP, not on the list) keeps the file out. photo.xyz is named chemical/x-xyz by mime-types, refused by its name.
  it.each(['photo', 'photo.qqq', 'photo.xyz'])(
    'refuses a BMP named %s with a 400 that says why, and stores nothing',
    async (name) => {
      const [rowsBefore, diskBefore] = [await fileRowCount(app), filesOnDisk()];
      const response = await uploadAsAdmin(app, token, [{ name, type: 'image/png', content: makeBmp() }]);
      if (response.status === 201) stored.push(...response.body.map((file: { id: number }) => file.id));
      expect(response.status).toBe(400);
      expect(response.body.error.name).toBe('ValidationError');
      const quoted = name.replace('.', '\\.');
      expect(response.body.error.message).toMatch(
        new RegExp(
          name === 'photo.xyz'
            ? `^"${quoted}" was not uploaded: chemical/x-xyz files are not taken\\.`
            : `^"${quoted}" was not uploaded: its content is of type image/bmp\\. ` +
                'The media library takes these types: JPEG image, PNG image, WebP image, AVIF image, GIF image, ' +
                'PDF document\\.$',
        ),
      );
      expect(await fileRowCount(app)).toBe(rowsBefore);
      expect(filesOnDisk()).toEqual(diskBefore);
    },
  );
});
