import type { Core } from '@strapi/strapi';
import { api, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { ensureEditorAccount } from '../../src/editorial/newsroom-setup/editor-role';

const EMAIL = 'editor.role.test@newsroom.test';
const PASSWORD = 'Editor-Passw0rd';

let app: Core.Strapi;
let token: string;
beforeAll(async () => {
  app = await startNewsroom();
  await ensureEditorAccount(app, { email: EMAIL, password: PASSWORD, firstname: 'Test' });
  const login = await api(app).post('/admin/login').send({ email: EMAIL, password: PASSWORD });
  expect(login.status).toBe(200);
  token = login.body.data.token;
});
afterAll(async () => {
  await stopNewsroom(app);
});

const asEditor = (method: 'get' | 'post' | 'put', path: string) =>
  api(app)[method](path).set('authorization', `Bearer ${token}`);
const CM = '/content-manager/collection-types/api::press-release.press-release';

describe('the Editor admin role', () => {
  it('creates, translates, approves, publishes and unpublishes press releases', async () => {
    const created = await asEditor('post', CM)
      .query({ locale: 'ru' })
      .send({
        headline: 'Zzeditor релиз редактора',
        body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Текст.' }] }],
      });
    expect(created.status).toBe(201);
    const documentId = created.body.data.documentId;
    expect(created.body.data.slug).toBe('zzeditor-reliz-redaktora');

    const translated = await asEditor('put', `${CM}/${documentId}`)
      .query({ locale: 'en' })
      .send({ headline: 'Zzeditor editor release' });
    expect(translated.status).toBe(200);
    for (const locale of ['ru', 'en']) {
      const publish = () => asEditor('post', `${CM}/${documentId}/actions/publish`).query({ locale }).send({});
      expect((await publish()).status).toBe(400); // not approved yet
      const approve = await asEditor('put', `${CM}/${documentId}`).query({ locale }).send({ reviewStage: 'approved' });
      expect(approve.status).toBe(200);
      expect((await publish()).status).toBe(200);
    }
    expect((await api(app).get(`/api/press-releases/${documentId}`).query({ locale: 'en' })).status).toBe(200);
    expect(
      (await asEditor('post', `${CM}/${documentId}/actions/unpublish`).query({ locale: 'en' }).send({})).status,
    ).toBe(200);
    expect((await api(app).get(`/api/press-releases/${documentId}`).query({ locale: 'en' })).status).toBe(404);
    await app.documents('api::press-release.press-release').delete({ documentId, locale: '*' });
  });

  it('cannot change settings, roles, users or content types', async () => {
    expect((await asEditor('get', '/admin/roles')).status).toBe(403);
    expect((await asEditor('post', '/admin/roles').send({ name: 'Mine', description: 'x' })).status).toBe(403);
    expect((await asEditor('get', '/admin/users')).status).toBe(403);
    expect((await asEditor('get', '/admin/webhooks')).status).toBe(403);
    expect((await asEditor('get', '/admin/api-tokens')).status).toBe(403);
    const ctb = await asEditor('post', '/content-type-builder/update-schema').send({
      data: { contentTypes: [], components: [] },
    });
    expect([401, 403, 404]).toContain(ctb.status);
    expect((await asEditor('post', '/i18n/locales').send({ code: 'de', name: 'German' })).status).toBe(403);
  });
});
