import { execFileSync } from 'node:child_process';
import type { Core } from '@strapi/strapi';
import { api, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { editorToken } from '../helpers/editor';
import { ensureSuperAdmin } from '../helpers/super-admin';
import { makeImage, uploadAsAdmin } from '../helpers/media';
import { AUDIT_EVENTS } from '../../src/editorial/audit-trail/audit-event';
import { auditEntriesSince, type AuditEntry } from '../helpers/audit-entries';
import { mayBeAudited } from '../../src/editorial/audit-trail/audited-routes';
import { purgeExpiredAuditEntries } from '../../src/editorial/audit-trail/audit-retention';
import { ensureEditorAccount } from '../../src/editorial/newsroom-setup/editor-role';

const SUPER_EMAIL = 'audit.super@newsroom.test';
const SUPER_PASSWORD = 'Super-Passw0rd-Audit';
const EDITOR_EMAIL = 'audit.editor@newsroom.test';
const CM = '/content-manager/collection-types/api::press-release.press-release';
/** Every secret a request of this file sends: none may appear in any entry. */
const SECRETS: string[] = [SUPER_PASSWORD, 'Editor-Passw0rd', 'Wrong-Passw0rd-Typed', 'New-Passw0rd-Of-User1'];

let app: Core.Strapi;
let superToken: string;
let superId: number;
let editor: string;
let editorId: number;
let firstId: number;

type Row = AuditEntry;

/** The entries written since this file started, oldest first. */
const entries = (where: Partial<Row> = {}): Promise<Row[]> => auditEntriesSince(app, firstId, where);
async function onlyEntry(where: Partial<Row>): Promise<Row> {
  const found = await entries(where);
  expect(found).toHaveLength(1);
  return found[0];
}

const asSuper = (method: 'get' | 'post' | 'put' | 'delete', path: string) =>
  api(app)[method](path).set('authorization', `Bearer ${superToken}`);
const asEditor = (method: 'get' | 'post' | 'put' | 'delete', path: string) =>
  api(app)[method](path).set('authorization', `Bearer ${editor}`);

beforeAll(async () => {
  app = await startNewsroom();
  const [{ max }] = (await app.db.connection(AUDIT_EVENTS).max({ max: 'id' })) as { max: string | null }[];
  firstId = Number(max ?? 0) + 1;
  await ensureSuperAdmin(app, { email: SUPER_EMAIL, password: SUPER_PASSWORD, firstname: 'Audit', lastname: 'Super' });
  const login = await api(app).post('/admin/login').send({ email: SUPER_EMAIL, password: SUPER_PASSWORD });
  expect(login.status).toBe(200);
  superToken = login.body.data.token;
  superId = login.body.data.user.id;
  editor = await editorToken(app, EDITOR_EMAIL);
  editorId = ((await app.db.query('admin::user').findOne({ where: { email: EDITOR_EMAIL } })) as { id: number }).id;
});
afterAll(async () => {
  await stopNewsroom(app);
});

describe('the audit trail records', () => {
  it('a log-in, with who, when, from where and the outcome', async () => {
    const entry = await onlyEntry({ action: 'auth.login', actor_id: superId });
    expect(entry).toMatchObject({
      actor_email: SUPER_EMAIL,
      actor_name: 'Audit Super',
      subject_type: 'admin::user',
      subject_id: String(superId),
      status: 200,
      outcome: 'success',
    });
    expect(entry.client_ip).toMatch(/127\.0\.0\.1|::1/);
    expect(Date.now() - new Date(entry.occurred_at).getTime()).toBeLessThan(120_000);
  });

  it('a failed log-in with the email tried, no user and never the password', async () => {
    const email = 'nobody.audit@newsroom.test';
    // IS_PROXIED is off: a forwarded-for header a client makes up is not taken for its address.
    const refused = await api(app)
      .post('/admin/login')
      .set('x-forwarded-for', '203.0.113.9')
      .send({ email, password: 'Wrong-Passw0rd-Typed' });
    expect(refused.status).toBe(400);
    const entry = await onlyEntry({ action: 'auth.login-failed', actor_email: email });
    expect(entry).toMatchObject({ actor_id: null, status: 400, outcome: 'refused' });
    expect(entry.message).toMatch(/invalid credentials/i);
    expect(JSON.stringify(entry)).not.toContain('Wrong-Passw0rd-Typed');
    expect(entry.client_ip).toMatch(/127\.0\.0\.1|::1/);
  });

  it("a release's create, update, stage change, publish, unpublish, delete: documentId and locale", async () => {
    const created = await asEditor('post', CM)
      .query({ locale: 'ru' })
      .send({
        headline: 'Zzaudit релиз для журнала',
        body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Текст.' }] }],
      });
    expect(created.status).toBe(201);
    const documentId = created.body.data.documentId as string;
    expect((await asEditor('put', `${CM}/${documentId}`).query({ locale: 'ru' }).send({ kicker: 'Zz' })).status).toBe(
      200,
    );
    // The Editor approves: the review workflow records the stage move itself, inside the update's transaction.
    expect(
      (await asEditor('put', `${CM}/${documentId}`).query({ locale: 'ru' }).send({ reviewStage: 'approved' })).status,
    ).toBe(200);
    expect((await asEditor('post', `${CM}/${documentId}/actions/publish`).query({ locale: 'ru' })).status).toBe(200);
    expect((await asEditor('post', `${CM}/${documentId}/actions/unpublish`).query({ locale: 'ru' })).status).toBe(200);
    expect((await asEditor('delete', `${CM}/${documentId}`).query({ locale: 'ru' })).status).toBe(200);

    const trail = await entries({ subject_id: documentId });
    expect(trail.map((entry) => entry.action)).toEqual([
      'content.create',
      'content.update',
      'content.stage-change',
      'content.update',
      'content.publish',
      'content.unpublish',
      'content.delete',
    ]);
    for (const entry of trail) {
      expect(entry).toMatchObject({
        actor_id: editorId,
        actor_email: EDITOR_EMAIL,
        subject_type: 'api::press-release.press-release',
        locale: 'ru',
      });
    }
    expect(trail.map((entry) => entry.outcome)).toEqual(Array(7).fill('success'));
    expect(trail[0].status).toBe(201);
    const title = 'Zzaudit релиз для журнала';
    expect(trail[1].details).toEqual({ fields: ['kicker'], title });
    expect(trail[2].details).toEqual({ from: 'draft', to: 'approved', title });
    expect(trail[3].details).toEqual({ fields: ['reviewStage'], title });
    // Every entry names the release by its headline, the deletion's included (read before the release went).
    expect(trail.map((entry) => entry.details.title)).toEqual(Array(7).fill(title));
    expect(JSON.stringify(trail)).not.toContain('Текст.');
  });

  it("a release by the headline it has when each entry is recorded, and the list's entries by it", async () => {
    const created = await asEditor('post', CM)
      .query({ locale: 'ru' })
      .send({
        headline: 'Zzaudit старый заголовок',
        body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Т' }] }],
      });
    const documentId = created.body.data.documentId as string;
    const renamed = await asEditor('put', `${CM}/${documentId}`)
      .query({ locale: 'ru' })
      .send({ headline: 'Zzaudit новый заголовок' });
    expect(renamed.status).toBe(200);
    expect((await asEditor('delete', `${CM}/${documentId}`).query({ locale: 'ru' })).status).toBe(200);
    expect((await entries({ subject_id: documentId })).map((entry) => [entry.action, entry.details.title])).toEqual([
      ['content.create', 'Zzaudit старый заголовок'],
      ['content.update', 'Zzaudit новый заголовок'],
      ['content.delete', 'Zzaudit новый заголовок'],
    ]);
    const listed = await asSuper('get', '/admin/audit-events').query({ documentId });
    expect(listed.body.data.map((entry: { subject: unknown }) => entry.subject)).toEqual([
      { type: 'api::press-release.press-release', id: documentId, locale: 'ru', title: 'Zzaudit новый заголовок' },
      { type: 'api::press-release.press-release', id: documentId, locale: 'ru', title: 'Zzaudit новый заголовок' },
      { type: 'api::press-release.press-release', id: documentId, locale: 'ru', title: 'Zzaudit старый заголовок' },
    ]);
  });

  it('a bulk action once per document', async () => {
    const documentIds: string[] = [];
    for (const headline of ['Zzaudit первый', 'Zzaudit второй']) {
      const created = await asEditor('post', CM)
        .query({ locale: 'ru' })
        .send({ headline, body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Текст.' }] }] });
      documentIds.push(created.body.data.documentId);
    }
    const bulk = await asEditor('post', `${CM}/actions/bulkDelete`).query({ locale: 'ru' }).send({ documentIds });
    expect(bulk.status).toBe(200);
    const deleted = await entries({ action: 'content.delete', actor_id: editorId });
    expect(
      deleted
        .filter((entry) => documentIds.includes(entry.subject_id ?? ''))
        .map((entry) => [entry.subject_id, entry.details.title]),
    ).toEqual([
      [documentIds[0], 'Zzaudit первый'],
      [documentIds[1], 'Zzaudit второй'],
    ]);
  });

  it('a refused action as refused, with the status and message', async () => {
    expect((await asEditor('post', '/admin/roles').send({ name: 'Zzaudit forbidden role' })).status).toBe(403);
    const entry = await onlyEntry({ action: 'role.create', actor_id: editorId });
    expect(entry).toMatchObject({ outcome: 'refused', status: 403, subject_type: 'admin::role', subject_id: null });
    expect(entry.message).toBeTruthy();
  });

  it('a media upload and delete', async () => {
    const uploaded = await uploadAsAdmin(app, editor, [
      { name: 'zzaudit.png', type: 'image/png', content: await makeImage('png') },
    ]);
    expect(uploaded.status).toBe(201);
    const fileId = String(uploaded.body[0].id);
    expect((await asEditor('delete', `/upload/files/${fileId}`)).status).toBe(200);
    const trail = await entries({ subject_type: 'plugin::upload.file', subject_id: fileId });
    expect(trail.map((entry) => [entry.action, entry.outcome, entry.actor_id])).toEqual([
      ['media.upload', 'success', editorId],
      ['media.delete', 'success', editorId],
    ]);
    expect(trail[0].details).toMatchObject({ name: 'zzaudit.png', mime: 'image/png' });
  });

  it('user and role changes, and never a password', async () => {
    const editorRole = (await app.db.query('admin::role').findOne({ where: { code: 'strapi-editor' } })) as {
      id: number;
    };
    const user = await asSuper('post', '/admin/users').send({
      email: 'audit.new.user@newsroom.test',
      firstname: 'Zz',
      lastname: 'New',
      roles: [editorRole.id],
    });
    expect(user.status).toBe(201);
    const userId = String(user.body.data.id);
    const updated = await asSuper('put', `/admin/users/${userId}`).send({
      firstname: 'Zzz',
      password: 'New-Passw0rd-Of-User1',
    });
    expect(updated.status).toBe(200);
    const role = await asSuper('post', '/admin/roles').send({ name: 'Zzaudit role', description: 'for the trail' });
    expect(role.status).toBe(201);
    const roleId = String(role.body.data.id);
    expect((await asSuper('put', `/admin/roles/${roleId}/permissions`).send({ permissions: [] })).status).toBe(200);
    expect((await asSuper('delete', `/admin/roles/${roleId}`)).status).toBe(200);

    const userTrail = await entries({ subject_type: 'admin::user', subject_id: userId });
    expect(userTrail.map((entry) => entry.action)).toEqual(['user.create', 'user.update']);
    expect(userTrail[0].details).toMatchObject({
      values: { email: 'audit.new.user@newsroom.test', roles: [editorRole.id] },
    });
    expect(userTrail[1].details).toEqual({ fields: ['firstname', 'password'], values: { firstname: 'Zzz' } });
    const roleTrail = await entries({ subject_type: 'admin::role', subject_id: roleId });
    expect(roleTrail.map((entry) => [entry.action, entry.actor_id, entry.outcome])).toEqual([
      ['role.create', superId, 'success'],
      ['role.update', superId, 'success'],
      ['role.delete', superId, 'success'],
    ]);
  });

  it('API tokens created and revoked, never the token', async () => {
    const token = await asSuper('post', '/admin/api-tokens').send({
      name: 'Zzaudit token',
      type: 'read-only',
      lifespan: null,
      description: '',
    });
    expect(token.status).toBe(201);
    const accessKey = token.body.data.accessKey as string;
    expect(accessKey.length).toBeGreaterThan(20);
    SECRETS.push(accessKey);
    const tokenId = String(token.body.data.id);
    expect((await asSuper('delete', `/admin/api-tokens/${tokenId}`)).status).toBe(200);
    const trail = await entries({ subject_type: 'admin::api-token', subject_id: tokenId });
    expect(trail.map((entry) => entry.action)).toEqual(['api-token.create', 'api-token.revoke']);
    expect(trail[0].details).toMatchObject({ values: { name: 'Zzaudit token', type: 'read-only' } });
  });

  it('webhook changes, without their secret headers', async () => {
    const secret = 'Bearer hook-secret-never-kept';
    SECRETS.push(secret);
    const hook = await asSuper('post', '/admin/webhooks').send({
      name: 'Zzaudit hook',
      url: 'https://hooks.example.org/newsroom',
      headers: { Authorization: secret },
      events: ['entry.publish'],
    });
    expect(hook.status).toBe(201);
    const hookId = String(hook.body.data.id);
    expect((await asSuper('delete', `/admin/webhooks/${hookId}`)).status).toBe(200);
    const trail = await entries({ subject_type: 'webhook', subject_id: hookId });
    expect(trail.map((entry) => entry.action)).toEqual(['webhook.create', 'webhook.delete']);
    expect(trail[0].details).toMatchObject({ values: { name: 'Zzaudit hook', events: ['entry.publish'] } });
  });

  it('a settings change', async () => {
    const current = await asSuper('get', '/upload/settings');
    expect(current.status).toBe(200);
    expect((await asSuper('put', '/upload/settings').send(current.body.data)).status).toBe(200);
    const entry = await onlyEntry({ action: 'settings.update', subject_type: 'plugin::upload.settings' });
    expect(entry).toMatchObject({ actor_id: superId, outcome: 'success', status: 200 });
    expect(entry.details.fields).toEqual(Object.keys(current.body.data).sort());
  });

  it('nothing for public requests', async () => {
    const before = (await entries()).length;
    expect((await api(app).get('/api/press-releases').query({ locale: 'ru' })).status).toBe(200);
    await api(app)
      .post('/api/press-releases')
      .send({ data: { headline: 'x' } });
    await api(app).post('/graphql').send({ query: '{ __typename }' });
    expect(await entries()).toHaveLength(before);
    // The first check, before any other work: only writes under the admin's own paths go further.
    for (const [method, path] of [
      ['GET', '/api/press-releases'],
      ['POST', '/api/press-releases'],
      ['POST', '/graphql'],
      ['GET', '/feeds/ru/rss.xml'],
      ['GET', '/admin/users'],
    ]) {
      expect(mayBeAudited(method, path)).toBe(false);
    }
    expect(mayBeAudited('POST', '/admin/login')).toBe(true);
  });
});

describe('the audit trail is append-only', () => {
  it('refuses UPDATE, DELETE and TRUNCATE through SQL as the app', async () => {
    const [entry] = await entries();
    const sql = app.db.connection;
    await expect(sql(AUDIT_EVENTS).where('id', entry.id).update({ action: 'forged' })).rejects.toThrow(/append-only/);
    await expect(sql(AUDIT_EVENTS).where('id', entry.id).del()).rejects.toThrow(/append-only/);
    await expect(sql.raw(`TRUNCATE ${AUDIT_EVENTS}`)).rejects.toThrow(/append-only/);
    // The purge's own way in deletes nothing younger than a day, whatever cut-off it names.
    await expect(
      sql.transaction(async (trx) => {
        await trx.raw("SELECT set_config('newsroom.audit_purge_before', ?, true)", [new Date().toISOString()]);
        await trx(AUDIT_EVENTS).where('id', entry.id).del();
      }),
    ).rejects.toThrow(/append-only/);
    expect(await onlyEntry({ id: entry.id })).toEqual(entry);
  });

  it('has no admin route that changes an entry', async () => {
    const before = await entries();
    const [entry] = before;
    for (const method of ['post', 'put', 'delete'] as const) {
      for (const path of ['/admin/audit-events', `/admin/audit-events/${entry.id}`]) {
        expect([404, 405]).toContain((await asSuper(method, path).send({ action: 'forged' })).status);
      }
    }
    expect((await entries()).slice(0, before.length)).toEqual(before);
  });

  it('keeps the entries of a deleted user, with their email and name', async () => {
    const email = 'audit.leaving@newsroom.test';
    await ensureEditorAccount(app, { email, password: 'Leaving-Passw0rd', firstname: 'Leaving' });
    const login = await api(app).post('/admin/login').send({ email, password: 'Leaving-Passw0rd' });
    expect(login.status).toBe(200);
    SECRETS.push('Leaving-Passw0rd', login.body.data.token);
    const userId = login.body.data.user.id as number;
    expect((await asSuper('delete', `/admin/users/${userId}`)).status).toBe(200);
    expect(await app.db.query('admin::user').findOne({ where: { id: userId } })).toBeNull();
    const entry = await onlyEntry({ action: 'auth.login', actor_id: userId });
    expect(entry).toMatchObject({ actor_email: email, actor_name: 'Leaving Editor' });
    await onlyEntry({ action: 'user.delete', subject_id: String(userId) });
  });
});

describe('the audit trail for super admins', () => {
  it('is refused to everyone else', async () => {
    for (const path of ['/admin/audit-events', '/admin/audit-events/export?format=json']) {
      expect((await asEditor('get', path)).status).toBe(403);
      expect((await api(app).get(path)).status).toBe(401);
    }
  });

  it('lists entries newest first, filtered by user, document, action and time, a page at a time', async () => {
    const all = await asSuper('get', '/admin/audit-events').query({ pageSize: 100 });
    expect(all.status).toBe(200);
    const times = all.body.data.map((entry: { occurredAt: string }) => entry.occurredAt);
    expect([...times].sort().reverse()).toEqual(times);

    const byEditor = await asSuper('get', '/admin/audit-events').query({ user: String(editorId), pageSize: 100 });
    expect(byEditor.body.data.length).toBeGreaterThan(3);
    expect(byEditor.body.data.every((entry: { actor: { id: number } }) => entry.actor.id === editorId)).toBe(true);
    const byEmail = await asSuper('get', '/admin/audit-events').query({ user: 'nobody.audit', action: 'auth' });
    expect(byEmail.body.data).toHaveLength(1);
    expect(byEmail.body.data[0]).toMatchObject({
      action: 'auth.login-failed',
      outcome: 'refused',
      actor: { id: null },
    });

    const release = (await entries({ action: 'content.create' }))[0];
    const byDocument = await asSuper('get', '/admin/audit-events').query({ documentId: release.subject_id });
    expect(byDocument.body.meta.pagination.total).toBe(7);
    const published = await asSuper('get', '/admin/audit-events').query({
      documentId: release.subject_id,
      action: 'content.publish',
    });
    expect(published.body.data).toHaveLength(1);

    const future = new Date(Date.now() + 3600_000).toISOString();
    expect((await asSuper('get', '/admin/audit-events').query({ from: future })).body.data).toEqual([]);
    const untilNow = await asSuper('get', '/admin/audit-events').query({ to: future, pageSize: 2, page: 2 });
    expect(untilNow.body.data).toHaveLength(2);
    expect(untilNow.body.meta.pagination).toMatchObject({ page: 2, pageSize: 2 });

    for (const query of [{ from: 'yesterday' }, { pageSize: '1000' }, { page: '0' }]) {
      const bad = await asSuper('get', '/admin/audit-events').query(query);
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/expected/);
    }
  });

  it('exports as JSON and as CSV that real parsers read, and records the export', async () => {
    const listed = (await asSuper('get', '/admin/audit-events').query({ user: String(editorId), pageSize: 100 })).body
      .data as { id: number; action: string; subject: { id: string | null } }[];

    const json = await asSuper('get', '/admin/audit-events/export').query({ format: 'json', user: String(editorId) });
    expect(json.status).toBe(200);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(json.headers['content-disposition']).toMatch(/^attachment; filename="audit-trail-.+\.json"$/);
    const exported = JSON.parse(json.text) as { id: number }[];
    expect(exported.map((entry) => entry.id)).toEqual(listed.map((entry) => entry.id));

    const csv = await asSuper('get', '/admin/audit-events/export').query({ format: 'csv', user: String(editorId) });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    // Python's csv module: a parser that owes nothing to the code under test.
    const rows = JSON.parse(
      execFileSync('python3', ['-c', 'import csv,json,sys; print(json.dumps(list(csv.DictReader(sys.stdin))))'], {
        input: csv.text,
      }).toString(),
    ) as Record<string, string>[];
    expect(rows.map((row) => Number(row.id))).toEqual(listed.map((entry) => entry.id));
    expect(rows.map((row) => row.action)).toEqual(listed.map((entry) => entry.action));
    expect(rows.every((row) => row.actor_email === EDITOR_EMAIL)).toBe(true);
    expect(
      rows.filter((row) => row.action === 'content.update').map((row) => JSON.parse(row.details) as unknown),
    ).toEqual([
      { fields: ['headline'], title: 'Zzaudit новый заголовок' },
      { fields: ['reviewStage'], title: 'Zzaudit релиз для журнала' },
      { fields: ['kicker'], title: 'Zzaudit релиз для журнала' },
    ]);

    const exports = await entries({ action: 'audit.export', actor_id: superId });
    expect(exports.map((entry) => entry.details.format)).toEqual(['json', 'csv']);
    expect((await asSuper('get', '/admin/audit-events/export').query({ format: 'xml' })).status).toBe(400);
  });

  it('puts a formula-looking attempted email in the CSV as text', async () => {
    const email = '=HYPERLINK("http://evil.example")';
    await api(app).post('/admin/login').send({ email, password: 'whatever-1A' });
    const csv = await asSuper('get', '/admin/audit-events/export').query({
      format: 'csv',
      action: 'auth.login-failed',
    });
    const rows = JSON.parse(
      execFileSync('python3', ['-c', 'import csv,json,sys; print(json.dumps(list(csv.DictReader(sys.stdin))))'], {
        input: csv.text,
      }).toString(),
    ) as Record<string, string>[];
    expect(rows.map((row) => row.actor_email)).toContain(`'${email}`);
  });
});

describe('the audit trail', () => {
  it('keeps entries for AUDIT_RETENTION_DAYS, then purges them', async () => {
    const sql = app.db.connection;
    const aged = (days: number) => ({
      occurred_at: new Date(Date.now() - days * 24 * 3600_000),
      action: `test.aged-${days}`,
      outcome: 'success',
    });
    await sql(AUDIT_EVENTS).insert([aged(400), aged(100)]);
    const saved = process.env.AUDIT_RETENTION_DAYS;
    try {
      delete process.env.AUDIT_RETENTION_DAYS; // the default: 365 days
      expect(await purgeExpiredAuditEntries(app)).toBeGreaterThanOrEqual(1);
      expect((await entries({ action: 'test.aged-400' })).length).toBe(0);
      expect((await entries({ action: 'test.aged-100' })).length).toBe(1);
      process.env.AUDIT_RETENTION_DAYS = '30';
      await purgeExpiredAuditEntries(app);
      expect((await entries({ action: 'test.aged-100' })).length).toBe(0);
      expect((await entries({ action: 'auth.login', actor_id: superId })).length).toBe(1);
    } finally {
      if (saved === undefined) delete process.env.AUDIT_RETENTION_DAYS;
      else process.env.AUDIT_RETENTION_DAYS = saved;
    }
  });

  it('holds no password or token anywhere', async () => {
    const everything = JSON.stringify(await entries());
    expect(everything.length).toBeGreaterThan(1000);
    for (const secret of [...SECRETS, superToken, editor]) expect(everything).not.toContain(secret);
  });
});
