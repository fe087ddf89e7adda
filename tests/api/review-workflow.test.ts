import { types } from 'node:util';
import type { Core } from '@strapi/strapi';
import { api, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { editorToken, superAdminToken } from '../helpers/editor';
import { PRESS_RELEASE_UID } from '../helpers/content';
import { stageMovesOf } from '../../src/editorial/review-workflow/review-history';

const CM = `/content-manager/collection-types/${PRESS_RELEASE_UID}`;
const AUTHOR = 'review.author@newsroom.test';
const EDITOR = 'review.editor@newsroom.test';
const ADMIN = 'review.admin@newsroom.test';
const body = (text: string) => [{ type: 'paragraph', children: [{ type: 'text', text }] }];

let app: Core.Strapi;
const tokens: Record<'author' | 'editor' | 'admin', string> = { author: '', editor: '', admin: '' };
const created: string[] = [];

beforeAll(async () => {
  app = await startNewsroom();
  tokens.author = await editorToken(app, AUTHOR, 'author');
  tokens.editor = await editorToken(app, EDITOR, 'editor');
  tokens.admin = await superAdminToken(app, ADMIN);
});
afterAll(async () => {
  for (const documentId of created) {
    await app.documents(PRESS_RELEASE_UID).delete({ documentId, locale: '*' });
  }
  await stopNewsroom(app);
});

type Who = keyof typeof tokens;
const as = (who: Who) => ({
  post: (path: string) => api(app).post(path).set('authorization', `Bearer ${tokens[who]}`),
  put: (path: string) => api(app).put(path).set('authorization', `Bearer ${tokens[who]}`),
  del: (path: string) => api(app).delete(path).set('authorization', `Bearer ${tokens[who]}`),
  get: (path: string) => api(app).get(path).set('authorization', `Bearer ${tokens[who]}`),
});
const save = (who: Who, documentId: string, data: Record<string, unknown>) =>
  as(who).put(`${CM}/${documentId}`).query({ locale: 'ru' }).send(data);
const publish = (who: Who, documentId: string) =>
  as(who).post(`${CM}/${documentId}/actions/publish`).query({ locale: 'ru' }).send({});
const bulkPublish = (who: Who, documentIds: string[]) =>
  as(who).post(`${CM}/actions/bulkPublish`).query({ locale: 'ru' }).send({ documentIds });
const draftRow = async (documentId: string) =>
  (await app.db.query(PRESS_RELEASE_UID).findOne({ where: { documentId, locale: 'ru', publishedAt: null } })) as {
    reviewStage: string;
    embargoUntil: string | null;
  };
const isPublished = async (documentId: string) =>
  (await app.db.query(PRESS_RELEASE_UID).count({ where: { documentId, publishedAt: { $notNull: true } } })) > 0;

async function authorDraft(headline: string): Promise<string> {
  const response = await as('author')
    .post(CM)
    .query({ locale: 'ru' })
    .send({ headline, body: body('Текст.') });
  expect(response.status).toBe(201);
  created.push(response.body.data.documentId);
  return response.body.data.documentId as string;
}

describe('review stages of a release, as an Author and as an Editor in the admin API', () => {
  let first: string;
  let second: string;

  it('an Author writes a draft, cannot approve it, cannot set its embargo, and submits it for review', async () => {
    first = await authorDraft('Zzreview первый релиз на проверку');
    expect((await draftRow(first)).reviewStage).toBe('draft');

    const approve = await save('author', first, { reviewStage: 'approved' });
    expect(approve.status).toBe(403);
    expect(approve.body.error.message).toMatch(/only an editor approves a release/);
    expect((await draftRow(first)).reviewStage).toBe('draft');

    // Not among an Author's fields: Strapi's RBAC drops it (the panel shows it read-only).
    const embargo = await save('author', first, { embargoUntil: '2030-01-01T00:00:00.000Z' });
    expect(embargo.status).toBe(200);
    expect((await draftRow(first)).embargoUntil).toBeNull();

    expect((await save('author', first, { reviewStage: 'in_review' })).status).toBe(200);
    expect((await draftRow(first)).reviewStage).toBe('in_review');
  });

  it('an Author cannot publish, alone or in bulk', async () => {
    expect((await publish('author', first)).status).toBe(403);
    expect((await bulkPublish('author', [first])).status).toBe(403);
    expect(await isPublished(first)).toBe(false);
  });

  it('nobody but a super admin publishes an unapproved release, alone or in bulk', async () => {
    const single = await publish('editor', first);
    expect(single.status).toBe(400);
    expect(single.body.error.message).toMatch(/cannot be published: it has not been approved/);

    second = await authorDraft('Zzreview второй релиз');
    expect((await save('editor', second, { reviewStage: 'approved' })).status).toBe(200);
    const bulk = await bulkPublish('editor', [second, first]);
    expect(bulk.status).toBe(400);
    expect(bulk.body.error.message).toMatch(/Zzreview первый релиз на проверку.*has not been approved/);
    // One transaction: the approved release was not published either.
    expect(await isPublished(first)).toBe(false);
    expect(await isPublished(second)).toBe(false);
  });

  it('an Editor approves; an edit after the approval takes it back, and the publish is refused', async () => {
    expect((await save('editor', first, { reviewStage: 'approved' })).status).toBe(200);
    expect((await draftRow(first)).reviewStage).toBe('approved');

    const takeBack = await save('author', first, { reviewStage: 'draft' });
    expect(takeBack.status).toBe(403);
    expect(takeBack.body.error.message).toMatch(/from "Approved" to "Draft"/);

    // The panel sends the whole form, the stage unchanged, with the edit.
    const edit = await save('author', first, { headline: 'Zzreview первый релиз, правка', reviewStage: 'approved' });
    expect(edit.status).toBe(200);
    expect((await draftRow(first)).reviewStage).toBe('in_review');
    const refused = await publish('editor', first);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/it was changed after its approval/);
    expect(await isPublished(first)).toBe(false);
  });

  it('a change that bypasses the Document Service after the approval is caught at publish', async () => {
    expect((await save('editor', first, { reviewStage: 'approved' })).status).toBe(200);
    await app.db.query(PRESS_RELEASE_UID).updateMany({
      where: { documentId: first, locale: 'ru', publishedAt: null },
      data: { lead: 'Вписано в обход.' },
    });
    const refused = await bulkPublish('editor', [first]);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/changed after its approval \(Test Editor, /);
    expect(await isPublished(first)).toBe(false);
  });

  it('an Editor publishes approved releases, alone and in bulk', async () => {
    expect((await save('editor', first, { reviewStage: 'in_review' })).status).toBe(200);
    expect((await save('editor', first, { reviewStage: 'approved' })).status).toBe(200);
    expect((await publish('editor', first)).status).toBe(200);
    const bulk = await bulkPublish('editor', [second]);
    expect(bulk.status).toBe(200);
    expect(bulk.body.count).toBe(1);
    const reader = await api(app).get(`/api/press-releases/${first}`).query({ locale: 'ru' });
    expect(reader.status).toBe(200);
    expect(reader.body.data).not.toHaveProperty('reviewStage');
  });

  it('an Author cannot unpublish or delete a published release, and deletes a never-published draft', async () => {
    const unpublish = await as('author').post(`${CM}/${first}/actions/unpublish`).query({ locale: 'ru' }).send({});
    expect(unpublish.status).toBe(403);
    const deletion = await as('author').del(`${CM}/${first}`).query({ locale: 'ru' });
    expect(deletion.status).toBe(403);
    expect(deletion.body.error.message).toMatch(/cannot delete a published release/);
    expect(await isPublished(first)).toBe(true);

    const draft = await authorDraft('Zzreview черновик на удаление');
    expect((await as('author').del(`${CM}/${draft}`).query({ locale: 'ru' })).status).toBe(200);
    expect(await app.db.query(PRESS_RELEASE_UID).count({ where: { documentId: draft } })).toBe(0);
  });

  it('an Editor unpublishes and deletes a published release', async () => {
    expect((await as('editor').post(`${CM}/${second}/actions/unpublish`).query({ locale: 'ru' }).send({})).status).toBe(
      200,
    );
    expect((await publish('editor', second)).status).toBe(200);
    expect((await as('editor').del(`${CM}/${second}`).query({ locale: 'ru' })).status).toBe(200);
    expect(await app.db.query(PRESS_RELEASE_UID).count({ where: { documentId: second } })).toBe(0);
  });

  it('a super admin publishes whatever the stage', async () => {
    const draft = await authorDraft('Zzreview релиз главного администратора');
    expect((await publish('admin', draft)).status).toBe(200);
    expect(await isPublished(draft)).toBe(true);
  });

  it('lets writes with no admin user (seed, import, scripts) move stages, and names them in the history', async () => {
    const draft = await authorDraft('Zzreview релиз скрипта');
    await app.documents(PRESS_RELEASE_UID).update({
      documentId: draft,
      locale: 'ru',
      status: 'draft',
      data: { reviewStage: 'approved' } as never,
    });
    const [move] = await stageMovesOf(app, draft, 'ru');
    expect(move).toMatchObject({ from_stage: 'draft', to_stage: 'approved', user_id: null, actor_name: 'system' });
  });

  it('keeps who moved the release to which stage, and when', async () => {
    const moves = await stageMovesOf(app, first, 'ru');
    expect(moves.map((move) => [move.from_stage, move.to_stage, move.actor_email])).toEqual([
      ['draft', 'in_review', AUTHOR],
      ['in_review', 'approved', EDITOR],
      ['approved', 'in_review', AUTHOR],
      ['in_review', 'approved', EDITOR],
      ['approved', 'in_review', EDITOR],
      ['in_review', 'approved', EDITOR],
    ]);
    expect(moves[0]).toMatchObject({ actor_name: 'Test Author', user_id: expect.any(Number) });
    expect(moves.every((move) => types.isDate(move.moved_at))).toBe(true);
    expect(moves.filter((move) => move.to_stage === 'approved').every((move) => move.content_fingerprint)).toBe(true);
  });

  it('shows the edit view the history of a locale, newest first, to whoever may read the release', async () => {
    const history = await as('author').get(`/newsroom/review-history/${first}`).query({ locale: 'ru' });
    expect(history.status).toBe(200);
    expect(history.body.data).toHaveLength(6);
    expect(history.body.data[5]).toEqual({
      from: 'draft',
      to: 'in_review',
      movedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      movedBy: { id: expect.any(Number), name: 'Test Author', email: AUTHOR },
    });
    expect(history.body.data[0]).toMatchObject({ from: 'in_review', to: 'approved', movedBy: { email: EDITOR } });
    expect((await as('editor').get(`/newsroom/review-history/${first}`)).status).toBe(400); // no locale
    expect((await as('editor').get('/newsroom/review-history/nosuchrelease').query({ locale: 'ru' })).status).toBe(404);
    expect((await api(app).get(`/newsroom/review-history/${first}`).query({ locale: 'ru' })).status).toBe(401);

    // An admin role that may not read press releases in the Content Manager (left over by a run that stopped: gone).
    const [roles, users] = [app.service('admin::role'), app.service('admin::user')];
    const email = 'review.nocontent@newsroom.test';
    const leftover = (await app.db.query('admin::user').findOne({ where: { email } })) as { id: number } | null;
    if (leftover) await users.deleteById(leftover.id);
    const oldRole = (await roles.findOne({ name: 'Zz no content' })) as { id: number } | null;
    if (oldRole) await roles.deleteByIds([oldRole.id]);
    const role = (await roles.create({ name: 'Zz no content', description: '' })) as { id: number };
    const user = (await users.create({
      email,
      password: 'No-Content-Passw0rd',
      firstname: 'No',
      isActive: true,
      registrationToken: null,
      roles: [role.id],
    })) as { id: number };
    try {
      const login = await api(app).post('/admin/login').send({ email, password: 'No-Content-Passw0rd' });
      const refused = await api(app)
        .get(`/newsroom/review-history/${first}`)
        .query({ locale: 'ru' })
        .set('authorization', `Bearer ${login.body.data.token}`);
      expect(refused.status).toBe(403);
    } finally {
      await users.deleteById(user.id);
      await roles.deleteByIds([role.id]);
    }
  });
});

describe("refusals in the language of each editor's panel", () => {
  it('tells an editor who reads the panel in Russian in Russian, and everyone else in English', async () => {
    const russian = await editorToken(app, 'review.ru-editor@newsroom.test', 'editor');
    const chosen = await api(app)
      .put('/admin/users/me')
      .set('authorization', `Bearer ${russian}`)
      .send({ preferedLanguage: 'ru' });
    expect(chosen.status).toBe(200);
    const headline = 'Zzreview релиз для русского редактора';
    const documentId = await authorDraft(headline);
    const publishAs = (token: string) =>
      api(app)
        .post(`${CM}/${documentId}/actions/publish`)
        .query({ locale: 'ru' })
        .set('authorization', `Bearer ${token}`)
        .send({});

    const inRussian = await publishAs(russian);
    expect(inRussian.status).toBe(400);
    expect(inRussian.body.error.message).toBe(
      `«${headline}» (ru) нельзя опубликовать: он не одобрен. Редактор выбирает этап проверки «Одобрен» ` +
        'и сохраняет; после этого его можно опубликовать.',
    );
    const inEnglish = await publishAs(tokens.editor);
    expect(inEnglish.status).toBe(400);
    expect(inEnglish.body.error.message).toMatch(new RegExp(`^"${headline}" \\(ru\\) cannot be published`));

    const authorMove = await save('author', documentId, { reviewStage: 'approved' });
    expect(authorMove.status).toBe(403);
    expect(authorMove.body.error.message).toMatch(/^You cannot move this release from "Draft" to "Approved"/);
    expect(await isPublished(documentId)).toBe(false);
  });
});
