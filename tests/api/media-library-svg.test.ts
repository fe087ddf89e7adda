import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { api, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { deleteUploads, fileRowCount, UPLOADS_DIR, uploadAsAdmin } from '../helpers/media';
import { editorToken } from '../helpers/editor';

const HOSTILE_SVG = [
  '<?xml version="1.0"?>',
  '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ' +
    'width="40" height="20" onload="alert(1)">',
  '<script>alert(2)</script>',
  '<a xlink:href="javascript:alert(3)"><rect width="40" height="20" fill="#c00" onclick="alert(4)"/></a>',
  '<foreignObject width="40" height="20">' +
    '<div xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="alert(5)"/></div></foreignObject>',
  '<circle cx="10" cy="10" r="5" fill="#00c"/>',
  '</svg>',
].join('');

let app: Core.Strapi;
let token: string;
const uploadedIds: number[] = [];
const previousTypes = process.env.UPLOAD_ALLOWED_TYPES;

beforeAll(async () => {
  // An operator lets SVG in: it must arrive sanitised and be served inert.
  process.env.UPLOAD_ALLOWED_TYPES = 'image/png,image/svg+xml';
  app = await startNewsroom();
  token = await editorToken(app, 'media.svg.test@newsroom.test');
});
afterAll(async () => {
  await deleteUploads(app, uploadedIds);
  await stopNewsroom(app);
  if (previousTypes === undefined) delete process.env.UPLOAD_ALLOWED_TYPES;
  else process.env.UPLOAD_ALLOWED_TYPES = previousTypes;
});

describe('SVG, when an operator allows it', () => {
  it('is stored without scripts, handlers, script URLs or foreign HTML, and keeps its drawing', async () => {
    const response = await uploadAsAdmin(app, token, [
      { name: 'logo.svg', type: 'image/svg+xml', content: HOSTILE_SVG },
    ]);
    expect(response.status).toBe(201);
    uploadedIds.push(response.body[0].id);
    expect(response.body[0].mime).toBe('image/svg+xml');
    const stored = readFileSync(path.join(UPLOADS_DIR, path.basename(response.body[0].url)), 'utf8');
    expect(stored).not.toMatch(/script|onload|onclick|onerror|javascript:|foreignObject|alert/i);
    expect(stored).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(stored).toMatch(/<rect [^>]*fill="#c00"/);
    expect(stored).toMatch(/<circle [^>]*fill="#00c"/);
    expect(response.body[0].size).toBeCloseTo(Buffer.byteLength(stored) / 1000, 2);

    const served = await api(app).get(response.body[0].url);
    expect(served.headers['content-type']).toBe('image/svg+xml');
    expect(served.headers['content-disposition']).toMatch(/^attachment; filename="logo_[0-9a-f]+\.svg"$/);
    expect(served.headers['content-security-policy']).toMatch(/default-src 'none'.*sandbox/);
  });

  it('refuses a .svg that is not an SVG document, and other types still off the list', async () => {
    const rowsBefore = await fileRowCount(app);
    const notSvg = await uploadAsAdmin(app, token, [
      { name: 'logo.svg', type: 'image/svg+xml', content: '<html><script>alert(1)</script></html>' },
    ]);
    expect(notSvg.status).toBe(400);
    expect(notSvg.body.error.message).toMatch(
      /"logo\.svg" was not uploaded: its name says SVG image, but its content is not an? SVG image/,
    );
    const jpeg = await uploadAsAdmin(app, token, [
      { name: 'photo.jpg', type: 'image/jpeg', content: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]) },
    ]);
    expect(jpeg.status).toBe(400);
    expect(jpeg.body.error.message).toMatch(
      /JPEG image files are not taken\. The media library takes these types: PNG image, SVG image\./,
    );
    expect(await fileRowCount(app)).toBe(rowsBefore);
  });
});
