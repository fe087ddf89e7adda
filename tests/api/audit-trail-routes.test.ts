import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { api, PROJECT_ROOT, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { createRelease, deleteRelease, PRESS_RELEASE_UID } from '../helpers/content';
import { ensureSuperAdmin } from '../helpers/super-admin';
import { deleteUploads, makeImage, uploadAsAdmin } from '../helpers/media';
import { eventually } from '../helpers/eventually';
import { startReceiver } from '../helpers/http-receiver';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server';
import { AUDIT_EVENTS } from '../../src/editorial/audit-trail/audit-event';
import { auditEntriesSince, type AuditEntry } from '../helpers/audit-entries';
import { AUDITED_ROUTES, type AnsweredRequest } from '../../src/editorial/audit-trail/audited-routes';
import { ensureEditorAccount } from '../../src/editorial/newsroom-setup/editor-role';

/**
 * The admin routes of src/editorial/audit-trail/audited-routes.ts that tests/api/audit-trail.test.ts does not drive:
 * each is sent as the admin panel sends it, and its entry read back (action, subject, actor, outcome). The last test
 * checks that every action the table can record is asserted by an audit-trail test file, and that those files assert
 * no action the table no longer records.
 */
const SUPER_EMAIL = 'audit.routes.super@newsroom.test';
const SUPER_PASSWORD = 'Super-Passw0rd-Routes';
const USER_PASSWORD = 'Routes-Passw0rd-1';
const CM = `/content-manager/collection-types/${PRESS_RELEASE_UID}`;
/** Every secret a request of this file sends or receives: none may appear in any entry. */
const SECRETS: string[] = [SUPER_PASSWORD, USER_PASSWORD];

let app: Core.Strapi;
let superToken: string;
let superId: number;
let firstId: number;
const releases: string[] = [];
const files: number[] = [];

type Row = AuditEntry;

/** The entries written since this file started, oldest first. */
const entries = (where: Partial<Row> = {}): Promise<Row[]> => auditEntriesSince(app, firstId, where);
async function onlyEntry(where: Partial<Row>): Promise<Row> {
  const found = await entries(where);
  expect({ where, found: found.length }).toEqual({ where, found: 1 });
  return found[0];
}
/** What an entry says of who did what to what, and how it went. */
const summary = (entry: Row) => ({
  action: entry.action,
  subject_type: entry.subject_type,
  subject_id: entry.subject_id,
  actor_id: entry.actor_id,
  outcome: entry.outcome,
});
const asSuper = (method: 'get' | 'post' | 'put' | 'delete', url: string) =>
  api(app)[method](url).set('authorization', `Bearer ${superToken}`);

/** An Editor account of its own, logged in once (log-ins are rate-limited): its id and admin JWT. */
async function loggedInEditor(email: string): Promise<{ id: number; token: string }> {
  await ensureEditorAccount(app, { email, password: USER_PASSWORD, firstname: 'Routes' });
  const login = await api(app).post('/admin/login').send({ email, password: USER_PASSWORD });
  expect(login.status).toBe(200);
  SECRETS.push(login.body.data.token);
  return { id: login.body.data.user.id, token: login.body.data.token };
}

const REFUSED_ADDRESS = 'audit.routes.mail@newsroom.test';
let smtp: TestSmtpServer;
const savedSmtpUrl = process.env.SMTP_URL;

beforeAll(async () => {
  // A real mail server that refuses one mailbox, so that the test email below fails as a real one can.
  smtp = await startSmtpServer({ refuses: (address) => address === REFUSED_ADDRESS });
  process.env.SMTP_URL = smtp.url;
  app = await startNewsroom();
  const [{ max }] = (await app.db.connection(AUDIT_EVENTS).max({ max: 'id' })) as { max: string | null }[];
  firstId = Number(max ?? 0) + 1;
  await ensureSuperAdmin(app, { email: SUPER_EMAIL, password: SUPER_PASSWORD, firstname: 'Routes', lastname: 'Super' });
  const login = await api(app).post('/admin/login').send({ email: SUPER_EMAIL, password: SUPER_PASSWORD });
  expect(login.status).toBe(200);
  superToken = login.body.data.token;
  superId = login.body.data.user.id;
  SECRETS.push(superToken);
});
afterAll(async () => {
  for (const documentId of releases) await deleteRelease(app, documentId).catch(() => undefined);
  await deleteUploads(app, files);
  await stopNewsroom(app);
  await smtp.close();
  if (savedSmtpUrl === undefined) delete process.env.SMTP_URL;
  else process.env.SMTP_URL = savedSmtpUrl;
});

describe('the audit trail records, through the admin routes', () => {
  it("a draft discarded: content.discard-draft, with the release's documentId and locale", async () => {
    const { documentId } = await createRelease(app, { headline: 'Zzaudit опубликовано' });
    releases.push(documentId);
    await app
      .documents(PRESS_RELEASE_UID)
      .update({ documentId, locale: 'ru', data: { headline: 'Zzaudit черновик' } as never });
    const discarded = await asSuper('post', `${CM}/${documentId}/actions/discard`)
      .query({ locale: 'ru' })
      .send({ locale: 'ru' });
    expect(discarded.status).toBe(200);
    const entry = await onlyEntry({ action: 'content.discard-draft', subject_id: documentId });
    expect(summary(entry)).toEqual({
      action: 'content.discard-draft',
      subject_type: PRESS_RELEASE_UID,
      subject_id: documentId,
      actor_id: superId,
      outcome: 'success',
    });
    expect(entry).toMatchObject({ locale: 'ru', status: 200, actor_email: SUPER_EMAIL });
  });

  it("a file's details edited (PUT /upload/files/:id): media.update", async () => {
    const uploaded = await uploadAsAdmin(app, superToken, [
      { name: 'zzaudit-edit.png', type: 'image/png', content: await makeImage('png') },
    ]);
    expect(uploaded.status).toBe(201);
    const fileId = uploaded.body[0].id as number;
    files.push(fileId);
    const edited = await asSuper('put', `/upload/files/${fileId}`).field(
      'fileInfo',
      JSON.stringify({ name: 'zzaudit-edited.png', alternativeText: 'Пресс-конференция в Баку' }),
    );
    expect(edited.status).toBe(200);
    const entry = await onlyEntry({ action: 'media.update', subject_id: String(fileId) });
    expect(summary(entry)).toEqual({
      action: 'media.update',
      subject_type: 'plugin::upload.file',
      subject_id: String(fileId),
      actor_id: superId,
      outcome: 'success',
    });
    expect(entry.details).toMatchObject({ fields: ['fileInfo'], name: 'zzaudit-edited.png', mime: 'image/png' });
  });

  it("a photo's rights corrected on the Photo rights page: media.rights, naming the fields", async () => {
    const uploaded = await uploadAsAdmin(app, superToken, [
      { name: 'zzaudit-rights.jpg', type: 'image/jpeg', content: await makeImage('jpeg') },
    ]);
    const fileId = uploaded.body[0].id as number;
    files.push(fileId);
    const edited = await asSuper('put', `/newsroom/photo-rights/${fileId}`).send({ creditLine: 'Пресс-служба' });
    expect(edited.status).toBe(200);
    const entry = await onlyEntry({ action: 'media.rights', subject_id: String(fileId) });
    expect(summary(entry)).toEqual({
      action: 'media.rights',
      subject_type: 'plugin::upload.file',
      subject_id: String(fileId),
      actor_id: superId,
      outcome: 'success',
    });
    expect(entry.details).toMatchObject({ fields: ['creditLine'], name: 'zzaudit-rights.jpg', mime: 'image/jpeg' });
  });

  it("an export of subscribers' addresses: subscribers.export, whatever came of it", async () => {
    const exported = await asSuper('post', '/newsroom/subscribers/export');
    expect(exported.status).toBe(200);
    const entry = await onlyEntry({ action: 'subscribers.export' });
    expect(summary(entry)).toEqual({
      action: 'subscribers.export',
      subject_type: 'subscribers',
      subject_id: 'all',
      actor_id: superId,
      outcome: 'success',
    });
  });

  // The edit dialog of a media field in the Content Manager sends this (Strapi's useEditAsset): no file, new details.
  it("a file's details edited through POST /upload?id= with no file: media.update, not media.replace", async () => {
    const uploaded = await uploadAsAdmin(app, superToken, [
      { name: 'zzaudit-dialog.png', type: 'image/png', content: await makeImage('png') },
    ]);
    const fileId = uploaded.body[0].id as number;
    files.push(fileId);
    const edited = await asSuper('post', '/upload')
      .query({ id: fileId })
      .field('fileInfo', JSON.stringify({ name: 'zzaudit-dialog-edited.png', alternativeText: 'Подпись' }));
    expect(edited.status).toBe(200);
    expect(edited.body.name).toBe('zzaudit-dialog-edited.png');
    const trail = await entries({ subject_type: 'plugin::upload.file', subject_id: String(fileId) });
    expect(trail.map(summary)).toEqual(
      ['media.upload', 'media.update'].map((action) => ({
        action,
        subject_type: 'plugin::upload.file',
        subject_id: String(fileId),
        actor_id: superId,
        outcome: 'success',
      })),
    );
  });

  it("a file's content replaced, both ways the panel does it: media.replace", async () => {
    const uploaded = await uploadAsAdmin(app, superToken, [
      { name: 'zzaudit-replace.png', type: 'image/png', content: await makeImage('png') },
    ]);
    const fileId = uploaded.body[0].id as number;
    files.push(fileId);
    const replacement = await makeImage('png', 80, 60);
    // The media library page: POST /upload/files/:id/replace; a media field's edit dialog: POST /upload?id=, a file.
    const byRoute = await asSuper('post', `/upload/files/${fileId}/replace`).attach('files', replacement, {
      filename: 'zzaudit-replace.png',
      contentType: 'image/png',
    });
    expect(byRoute.status).toBe(200);
    const byQuery = await asSuper('post', '/upload')
      .query({ id: fileId })
      .attach('files', replacement, { filename: 'zzaudit-replace.png', contentType: 'image/png' });
    expect(byQuery.status).toBe(200);
    expect(byQuery.body.width).toBe(80);
    const trail = await entries({ subject_type: 'plugin::upload.file', subject_id: String(fileId) });
    expect(trail.map(summary)).toEqual(
      ['media.upload', 'media.replace', 'media.replace'].map((action) => ({
        action,
        subject_type: 'plugin::upload.file',
        subject_id: String(fileId),
        actor_id: superId,
        outcome: 'success',
      })),
    );
    expect(trail.map((entry) => entry.http_path)).toEqual(['/upload', `/upload/files/${fileId}/replace`, '/upload']);
  });

  it('a file uploaded by the media library (POST /upload/files, one request a file): media.upload', async () => {
    const uploaded = await asSuper('post', '/upload/files').attach('files', await makeImage('png'), {
      filename: 'zzaudit-single.png',
      contentType: 'image/png',
    });
    expect(uploaded.status).toBe(201);
    const fileId = uploaded.body.id as number;
    files.push(fileId);
    const entry = await onlyEntry({ action: 'media.upload', subject_id: String(fileId) });
    expect(summary(entry)).toEqual({
      action: 'media.upload',
      subject_type: 'plugin::upload.file',
      subject_id: String(fileId),
      actor_id: superId,
      outcome: 'success',
    });
    expect(entry.details).toMatchObject({ name: 'zzaudit-single.png', mime: 'image/png' });
  });

  it('files and a folder moved into a folder: media.move, once per file and folder', async () => {
    const uploaded = await uploadAsAdmin(app, superToken, [
      { name: 'zzaudit-move.png', type: 'image/png', content: await makeImage('png') },
    ]);
    const fileId = uploaded.body[0].id as number;
    files.push(fileId);
    const folder = async (name: string) => {
      const created = await asSuper('post', '/upload/folders').send({ name, parent: null });
      expect(created.status).toBe(201);
      return created.body.data.id as number;
    };
    const destination = await folder(`Zzaudit destination ${firstId}`);
    const moved = await folder(`Zzaudit moved ${firstId}`);
    const move = await asSuper('post', '/upload/actions/bulk-move').send({
      destinationFolderId: destination,
      fileIds: [fileId],
      folderIds: [moved],
    });
    expect(move.status).toBe(200);
    const trail = await entries({ action: 'media.move' });
    expect(trail.map(summary)).toEqual([
      {
        action: 'media.move',
        subject_type: 'plugin::upload.file',
        subject_id: String(fileId),
        actor_id: superId,
        outcome: 'success',
      },
      {
        action: 'media.move',
        subject_type: 'plugin::upload.folder',
        subject_id: String(moved),
        actor_id: superId,
        outcome: 'success',
      },
    ]);
    expect(trail[0].details).toEqual({ fields: ['destinationFolderId', 'fileIds', 'folderIds'] });
    const deleted = await asSuper('post', '/upload/actions/bulk-delete').send({
      fileIds: [],
      folderIds: [destination],
    });
    expect(deleted.status).toBe(200);
  });

  it('a log-out: auth.logout, by the user who logged out', async () => {
    const email = 'audit.routes.logout@newsroom.test';
    const user = await loggedInEditor(email);
    const logout = await api(app).post('/admin/logout').set('authorization', `Bearer ${user.token}`).send({});
    expect(logout.status).toBe(200);
    const entry = await onlyEntry({ action: 'auth.logout' });
    expect(summary(entry)).toEqual({
      action: 'auth.logout',
      subject_type: null,
      subject_id: null,
      actor_id: user.id,
      outcome: 'success',
    });
    expect(entry).toMatchObject({ actor_email: email, status: 200 });
  });

  it("a user's sessions revoked: auth.sessions-revoke, by that user", async () => {
    const email = 'audit.routes.sessions@newsroom.test';
    const user = await loggedInEditor(email);
    const revoked = await api(app).delete('/admin/users/me/sessions').set('authorization', `Bearer ${user.token}`);
    expect(revoked.status).toBeLessThan(300);
    const entry = await onlyEntry({ action: 'auth.sessions-revoke' });
    expect(summary(entry)).toEqual({
      action: 'auth.sessions-revoke',
      subject_type: null,
      subject_id: null,
      actor_id: user.id,
      outcome: 'success',
    });
    expect(entry).toMatchObject({ actor_email: email, status: revoked.status });
  });

  it('a password reset (forgot password, then the link): auth.password-reset, by that user', async () => {
    const email = 'audit.routes.reset@newsroom.test';
    await ensureEditorAccount(app, { email, password: USER_PASSWORD, firstname: 'Forgetful' });
    const forgot = await api(app).post('/admin/forgot-password').send({ email });
    expect(forgot.status).toBe(204);
    // The link's code is mailed; the test reads it where Strapi keeps it (it is set just after the answer).
    const resetPasswordToken = await eventually(async () => {
      const user = (await app.db.query('admin::user').findOne({ where: { email } })) as {
        resetPasswordToken: string | null;
      };
      return user.resetPasswordToken ?? undefined;
    }, 'the reset code stored');
    const newPassword = 'Reset-Passw0rd-New1';
    SECRETS.push(resetPasswordToken, newPassword);
    const reset = await api(app).post('/admin/reset-password').send({ resetPasswordToken, password: newPassword });
    expect(reset.status).toBe(200);
    SECRETS.push(reset.body.data.token);
    const userId = reset.body.data.user.id as number;
    const entry = await onlyEntry({ action: 'auth.password-reset' });
    expect(summary(entry)).toEqual({
      action: 'auth.password-reset',
      subject_type: null,
      subject_id: null,
      actor_id: userId,
      outcome: 'success',
    });
    expect(entry).toMatchObject({ actor_email: email, actor_name: 'Forgetful Editor', status: 200 });
  });

  it('an invited user registering: user.register, by and about that user', async () => {
    const editorRole = (await app.db.query('admin::role').findOne({ where: { code: 'strapi-editor' } })) as {
      id: number;
    };
    // An address of this run: an invitation is accepted once.
    const email = `audit.routes.invited.${firstId}@newsroom.test`;
    const invited = await asSuper('post', '/admin/users').send({
      email,
      firstname: 'Invited',
      lastname: 'Routes',
      roles: [editorRole.id],
    });
    expect(invited.status).toBe(201);
    const registrationToken = invited.body.data.registrationToken as string;
    SECRETS.push(registrationToken);
    const registered = await api(app)
      .post('/admin/register')
      .send({ registrationToken, userInfo: { firstname: 'Invited', lastname: 'Routes', password: USER_PASSWORD } });
    expect(registered.status).toBe(200);
    SECRETS.push(registered.body.data.token);
    const userId = String(invited.body.data.id);
    const entry = await onlyEntry({ action: 'user.register' });
    expect(summary(entry)).toEqual({
      action: 'user.register',
      subject_type: 'admin::user',
      subject_id: userId,
      actor_id: Number(userId),
      outcome: 'success',
    });
    expect(entry).toMatchObject({ actor_email: email, actor_name: 'Invited Routes' });
  });

  it.each([
    [
      '/admin/api-tokens',
      'admin::api-token',
      { type: 'read-only', lifespan: null, description: '' },
      ['api-token.create', 'api-token.update', 'api-token.regenerate', 'api-token.revoke'],
    ],
    [
      '/admin/admin-tokens',
      'admin::admin-token',
      { lifespan: null, description: '' },
      ['admin-token.create', 'admin-token.update', 'admin-token.regenerate', 'admin-token.revoke'],
    ],
    [
      '/admin/transfer/tokens',
      'admin::transfer-token',
      { permissions: ['push'], lifespan: null },
      ['transfer-token.create', 'transfer-token.update', 'transfer-token.regenerate', 'transfer-token.revoke'],
    ],
  ])(
    '%s: a token created, renamed, regenerated and revoked, never the token',
    async (prefix, type, fields, actions) => {
      const created = await asSuper('post', prefix).send({ name: `Zzaudit ${type}`, ...fields });
      expect(created.status).toBe(201);
      SECRETS.push(created.body.data.accessKey);
      const id = String(created.body.data.id);
      const renamed = await asSuper('put', `${prefix}/${id}`).send({ name: `Zzaudit ${type} renamed` });
      expect(renamed.status).toBe(200);
      const regenerated = await asSuper('post', `${prefix}/${id}/regenerate`);
      expect(regenerated.status).toBe(201);
      expect(regenerated.body.data.accessKey).toMatch(/.{20}/);
      SECRETS.push(regenerated.body.data.accessKey);
      expect((await asSuper('delete', `${prefix}/${id}`)).status).toBe(200);

      const trail = await entries({ subject_type: type, subject_id: id });
      expect(trail.map(summary)).toEqual(
        actions.map((action) => ({
          action,
          subject_type: type,
          subject_id: id,
          actor_id: superId,
          outcome: 'success',
        })),
      );
      expect(trail[1].details).toEqual({ fields: ['name'], values: { name: `Zzaudit ${type} renamed` } });
    },
  );

  it('a webhook changed and triggered: webhook.update, webhook.trigger', async () => {
    const receiver = await startReceiver();
    try {
      const hook = await asSuper('post', '/admin/webhooks').send({
        name: 'Zzaudit trigger hook',
        url: `${receiver.url}/hook`,
        headers: {},
        events: ['entry.publish'],
      });
      expect(hook.status).toBe(201);
      const hookId = String(hook.body.data.id);
      const updated = await asSuper('put', `/admin/webhooks/${hookId}`).send({
        name: 'Zzaudit trigger hook renamed',
        url: `${receiver.url}/hook`,
        headers: {},
        events: ['entry.publish', 'entry.unpublish'],
      });
      expect(updated.status).toBe(200);
      const triggered = await asSuper('post', `/admin/webhooks/${hookId}/trigger`);
      expect(triggered.status).toBe(200);
      expect(triggered.body.data.statusCode).toBe(200);
      await receiver.waitFor((request) => request.url === '/hook');
      expect((await asSuper('delete', `/admin/webhooks/${hookId}`)).status).toBe(200);

      const trail = await entries({ subject_type: 'webhook', subject_id: hookId });
      expect(trail.map(summary)).toEqual(
        ['webhook.create', 'webhook.update', 'webhook.trigger', 'webhook.delete'].map((action) => ({
          action,
          subject_type: 'webhook',
          subject_id: hookId,
          actor_id: superId,
          outcome: 'success',
        })),
      );
      expect(trail[1].details).toMatchObject({
        values: { name: 'Zzaudit trigger hook renamed', events: ['entry.publish', 'entry.unpublish'] },
      });
    } finally {
      await receiver.close();
    }
  });

  it('a test email the mail server refuses: email.test, with the failure as its outcome', async () => {
    const sent = await asSuper('post', '/email/test').send({ to: REFUSED_ADDRESS });
    expect(sent.status).toBe(500);
    const entry = await onlyEntry({ action: 'email.test' });
    expect(summary(entry)).toEqual({
      action: 'email.test',
      subject_type: null,
      subject_id: null,
      actor_id: superId,
      outcome: 'failed',
    });
    expect(entry).toMatchObject({ status: 500, message: sent.body.error.message });
    expect(entry.details).toEqual({ fields: ['to'] });
  });

  it('no secret of these requests in any entry', async () => {
    const everything = JSON.stringify(await entries());
    expect(everything.length).toBeGreaterThan(1000);
    for (const secret of SECRETS) expect(everything).not.toContain(secret);
  });
});

/** An action name as the audit trail writes it ("content.discard-draft"), quoted in a test's source. */
const QUOTED_ACTION = /'([a-z]+(?:-[a-z]+)*\.[a-z]+(?:-[a-z]+)*)'/g;
/** The kinds of action the trail records (a quoted 'zzaudit.png' in a test is no action). */
const KINDS = [
  'content',
  'media',
  'auth',
  'user',
  'role',
  'api-token',
  'admin-token',
  'transfer-token',
  'webhook',
  'settings',
  'email',
  'audit',
  'subscribers',
];
/** Recorded by features of their own, not by the routes' table (their tests are in the audit-trail files too). */
const RECORDED_ELSEWHERE = new Set(['content.stage-change', 'audit.export']);

/** Every action name the table can give: each route's namer asked with every outcome, ?id= or not, files or not. */
function actionsOfTable(): Set<string> {
  const actions = new Set<string>();
  for (const route of Object.values(AUDITED_ROUTES)) {
    for (const status of [200, 201, 204, 400, 401, 403, 404, 500]) {
      for (const query of [{}, { id: '1' }]) {
        for (const withFiles of [false, true]) {
          const request: AnsweredRequest = { params: {}, query, body: {}, answer: {}, status, withFiles };
          actions.add(route.action(request));
        }
      }
    }
  }
  return actions;
}

/** The action names the audit-trail test files assert (quoted in their source). */
function actionsAssertedInTests(): Set<string> {
  const folder = path.join(PROJECT_ROOT, 'tests', 'api');
  const sources = readdirSync(folder)
    .filter((name) => name.startsWith('audit-trail') && name.endsWith('.test.ts'))
    .map((name) => readFileSync(path.join(folder, name), 'utf8'));
  return new Set(sources.flatMap((source) => [...source.matchAll(QUOTED_ACTION)].map((match) => match[1])));
}

describe('the audited routes and their tests', () => {
  it('every action the table records is asserted by a test, and no test asserts one it no longer records', () => {
    const table = actionsOfTable();
    const asserted = actionsAssertedInTests();
    expect(table.size).toBeGreaterThan(30);
    expect([...table].filter((action) => !KINDS.includes(action.split('.')[0]))).toEqual([]);
    expect([...table].filter((action) => !asserted.has(action)).sort()).toEqual([]);
    const stale = [...asserted].filter(
      (name) => KINDS.includes(name.split('.')[0]) && !table.has(name) && !RECORDED_ELSEWHERE.has(name),
    );
    expect(stale.sort()).toEqual([]);
  });
});
