import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { api, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import {
  deleteUploads,
  fileRowCount,
  filesOnDisk,
  makeImage,
  makePdf,
  UPLOADS_DIR,
  uploadAsAdmin,
} from '../helpers/media';
import { editorToken } from '../helpers/editor';

const PAGE =
  '<!doctype html><html><body><script>' +
  'fetch("/admin/users/me").then(r=>r.text()).then(t=>navigator.sendBeacon("/x",t))' +
  '</script></body></html>';
const SCRIPT_SVG =
  '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="alert(1)">' +
  '<script>alert(2)</script><rect width="10" height="10"/></svg>';

let app: Core.Strapi;
let token: string;
const uploadedIds: number[] = [];
const legacyFiles: string[] = [];

beforeAll(async () => {
  app = await startNewsroom();
  token = await editorToken(app, 'media.security.test@newsroom.test');
});
afterAll(async () => {
  await deleteUploads(app, uploadedIds);
  for (const name of legacyFiles) rmSync(path.join(UPLOADS_DIR, name), { force: true });
  await stopNewsroom(app);
});

/** Uploads as the Editor and expects a 400 whose message names the file, with nothing stored anywhere. */
async function expectRefused(
  files: { name: string; type: string; content: Buffer | string }[],
  message: RegExp,
  as: string = token,
) {
  const [rowsBefore, diskBefore] = [await fileRowCount(app), filesOnDisk()];
  const response = await uploadAsAdmin(app, as, files);
  expect(response.status).toBe(400);
  expect(response.body.error.name).toBe('ValidationError');
  expect(response.body.error.message).toMatch(message);
  expect(await fileRowCount(app)).toBe(rowsBefore);
  expect(filesOnDisk()).toEqual(diskBefore);
}

describe('what the media library takes, decided from content', () => {
  it('refuses an HTML page, a script and an SVG (not taken by default), with a message naming the file', async () => {
    await expectRefused([{ name: 'page.html', type: 'text/html', content: PAGE }], /"page\.html" was not uploaded/);
    await expectRefused(
      [{ name: 'steal.js', type: 'application/javascript', content: 'fetch("/admin/users")' }],
      /"steal\.js" was not uploaded/,
    );
    await expectRefused(
      [{ name: 'logo.svg', type: 'image/svg+xml', content: SCRIPT_SVG }],
      /"logo\.svg" was not uploaded: SVG image files are not taken/,
    );
  });

  it('tells an editor who reads the panel in Russian why, in Russian', async () => {
    const russian = await editorToken(app, 'media.security.ru@newsroom.test');
    const chosen = await api(app)
      .put('/admin/users/me')
      .set('authorization', `Bearer ${russian}`)
      .send({ preferedLanguage: 'ru' });
    expect(chosen.status).toBe(200);
    await expectRefused(
      [{ name: 'page.html', type: 'text/html', content: PAGE }],
      new RegExp(
        '^«page\\.html» не загружен: файлы типа «text/html» не принимаются\\. Медиабиблиотека принимает ' +
          'такие типы: изображение JPEG, изображение PNG, изображение WebP, изображение AVIF, изображение GIF, ' +
          'документ PDF\\.$',
      ),
      russian,
    );
    await expectRefused(
      [{ name: 'photo.jpg', type: 'image/jpeg', content: PAGE }],
      /^«photo\.jpg» не загружен: по имени это изображение JPEG, а по содержимому — /,
      russian,
    );
  });

  it('refuses a file whose content disagrees with its name or claimed type', async () => {
    // Strapi's own check trusts the name when the content says nothing: an HTML page named photo.jpg.
    await expectRefused(
      [{ name: 'photo.jpg', type: 'image/jpeg', content: PAGE }],
      /its name says JPEG image, but its content is not a JPEG image/,
    );
    await expectRefused(
      [{ name: 'photo.jpg', type: 'image/jpeg', content: await makeImage('png') }],
      /its name says JPEG image, but its content is a PNG image/,
    );
    await expectRefused(
      [{ name: 'kit.pdf', type: 'application/pdf', content: await makeImage('gif') }],
      /its name says PDF document, but its content is a GIF image/,
    );
    await expectRefused(
      [{ name: 'photo', type: 'image/png', content: PAGE }],
      /"photo" was not uploaded: its content is of no type it takes/,
    );
    await expectRefused(
      [{ name: 'photo.png', type: 'image/png', content: Buffer.from('BM' + 'x'.repeat(60)) }],
      /its name says PNG image, but its content is of type image\/bmp/,
    );
  });

  it(
    'takes JPEG, PNG, WebP, AVIF, GIF and PDF, ' + 'storing the type the content has, not the one the client claims',
    async () => {
      const files = [
        { name: 'photo.jpg', content: await makeImage('jpeg'), mime: 'image/jpeg' },
        { name: 'photo.png', content: await makeImage('png'), mime: 'image/png' },
        { name: 'photo.webp', content: await makeImage('webp'), mime: 'image/webp' },
        { name: 'photo.avif', content: await makeImage('avif'), mime: 'image/avif' },
        { name: 'animation.gif', content: await makeImage('gif'), mime: 'image/gif' },
        { name: 'press-kit.pdf', content: makePdf(), mime: 'application/pdf' },
      ];
      for (const file of files) {
        const response = await uploadAsAdmin(app, token, [
          { name: file.name, type: 'application/octet-stream', content: file.content },
        ]);
        expect({ name: file.name, status: response.status }).toEqual({ name: file.name, status: 201 });
        uploadedIds.push(response.body[0].id);
        expect(response.body[0].mime).toBe(file.mime);
      }
    },
  );

  it('refuses a whole request when one of its files is refused', async () => {
    await expectRefused(
      [
        { name: 'fine.png', type: 'image/png', content: await makeImage('png') },
        { name: 'page.html', type: 'text/html', content: PAGE },
      ],
      /"page\.html" was not uploaded/,
    );
  });

  it('refuses a replacement whose content disagrees with its name, keeping the file it would replace', async () => {
    const created = await uploadAsAdmin(app, token, [
      { name: 'kept.png', type: 'image/png', content: await makeImage('png') },
    ]);
    expect(created.status).toBe(201);
    const { id, url } = created.body[0];
    uploadedIds.push(id);
    const replaced = await api(app)
      .post(`/upload/files/${id}/replace`)
      .set('authorization', `Bearer ${token}`)
      .attach('files', Buffer.from(PAGE), { filename: 'kept.png', contentType: 'image/png' });
    expect(replaced.status).toBe(400);
    expect(replaced.body.error.message).toMatch(/"kept\.png" was not uploaded/);
    const served = await api(app).get(url);
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    // Strapi's replace keeps the stored name and extension: a PDF must not become "kept.png".
    const otherType = await api(app)
      .post(`/upload/files/${id}/replace`)
      .set('authorization', `Bearer ${token}`)
      .attach('files', makePdf(), { filename: 'kit.pdf', contentType: 'application/pdf' });
    expect(otherType.status).toBe(400);
    expect(otherType.body.error.message).toMatch(/"kit\.pdf" cannot replace "kept\.png"/);
    expect((await api(app).get(url)).headers['content-type']).toBe('image/png');
  });
  it('refuses the same files through the content API (a full-access API token)', async () => {
    const { accessKey } = (await app.service('admin::api-token').create({
      name: `media-security-${Date.now()}`,
      type: 'full-access',
      lifespan: null,
      description: '',
    })) as { accessKey: string };
    const rowsBefore = await fileRowCount(app);
    const response = await api(app)
      .post('/api/upload')
      .set('authorization', `Bearer ${accessKey}`)
      .attach('files', Buffer.from(PAGE), { filename: 'photo.jpg', contentType: 'image/jpeg' });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/"photo\.jpg" was not uploaded/);
    expect(await fileRowCount(app)).toBe(rowsBefore);
  });
});

describe('files under /uploads are served inert', () => {
  const CSP = /default-src 'none'.*sandbox/;

  it('shows an accepted photo inline with nosniff and a script-free, sandboxing CSP', async () => {
    const created = await uploadAsAdmin(app, token, [
      { name: 'inline.png', type: 'image/png', content: await makeImage('png') },
    ]);
    uploadedIds.push(created.body[0].id);
    const served = await api(app).get(created.body[0].url);
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['content-disposition']).toBe('inline');
    expect(served.headers['content-security-policy']).toMatch(CSP);
    expect(served.headers['content-security-policy']).not.toMatch(/script-src/);
    expect(served.headers['x-content-type-options']).toBe('nosniff');
  });

  it('offers a PDF as a download', async () => {
    const created = await uploadAsAdmin(app, token, [{ name: 'kit.pdf', type: 'application/pdf', content: makePdf() }]);
    uploadedIds.push(created.body[0].id);
    const served = await api(app).get(created.body[0].url);
    expect(served.headers['content-type']).toBe('application/pdf');
    expect(served.headers['content-disposition']).toMatch(/^attachment; filename="kit_[0-9a-f]+\.pdf"$/);
    expect(served.headers['content-security-policy']).toMatch(CSP);
  });

  it('serves files stored before the check (a page, a script, an SVG with a script) as opaque downloads', async () => {
    const legacy = { 'legacy-page.html': PAGE, 'legacy-steal.js': 'alert(1)', 'legacy-logo.svg': SCRIPT_SVG };
    for (const [name, content] of Object.entries(legacy)) {
      legacyFiles.push(name);
      writeFileSync(path.join(UPLOADS_DIR, name), content);
      for (const method of ['get', 'head'] as const) {
        const served = await api(app)[method](`/uploads/${name}`);
        expect({ name, method, status: served.status }).toEqual({ name, method, status: 200 });
        expect(served.headers['content-type']).toBe('application/octet-stream');
        expect(served.headers['content-disposition']).toBe(`attachment; filename="${name}"`);
        expect(served.headers['content-security-policy']).toMatch(CSP);
        expect(served.headers['x-content-type-options']).toBe('nosniff');
      }
    }
  });

  it('serves an old page inert by any path that reaches it (encoded, dot segments)', async () => {
    legacyFiles.push('legacy-reached.html');
    writeFileSync(path.join(UPLOADS_DIR, 'legacy-reached.html'), PAGE);
    for (const reach of [
      '/%75ploads/legacy-reached.html',
      '/uploads%2Flegacy-reached.html',
      '/./uploads/legacy-reached.html',
      '/x/../uploads/legacy-reached.html',
      '/uploads/./legacy-reached.html',
    ]) {
      const served = await api(app).get(reach);
      if (served.status >= 400) continue; // not served at all: fine
      expect({
        reach,
        type: served.headers['content-type'],
        disposition: served.headers['content-disposition'],
      }).toEqual({
        reach,
        type: 'application/octet-stream',
        disposition: 'attachment; filename="legacy-reached.html"',
      });
      expect(served.headers['content-security-policy']).toMatch(CSP);
    }
  });

  it('answers a missing upload with a plain 404', async () => {
    const missing = await api(app).get('/uploads/nothing-here.png');
    expect(missing.status).toBe(404);
  });
});
