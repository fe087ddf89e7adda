import type { Core } from '@strapi/strapi';
import { api, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { createRelease, deleteRelease, PRESS_RELEASE_UID } from '../helpers/content';
import { createPreviewToken } from '../../src/read-side/preview/preview-token';

type PreviewHandler = (
  uid: string,
  params: { documentId: string; locale?: string; status?: string },
) => Promise<string | null>;

let app: Core.Strapi;
let draftId: string;
let otherId: string;
let handler: PreviewHandler;

const tokenOf = (url: string) => new URL(url).searchParams.get('token') ?? '';

beforeAll(async () => {
  app = await startNewsroom();
  draftId = (await createRelease(app, { headline: 'Zzpreview черновик для редактора', publish: false })).documentId;
  otherId = (await createRelease(app, { headline: 'Zzpreview другой черновик', publish: false })).documentId;
  handler = app.config.get('admin.preview.config.handler') as PreviewHandler;
});
afterAll(async () => {
  await deleteRelease(app, draftId);
  await deleteRelease(app, otherId);
  await stopNewsroom(app);
});

describe('preview of drafts', () => {
  it('is configured in the admin panel and links to the reader page with an expiring token', async () => {
    expect(app.config.get('admin.preview.enabled')).toBe(true);
    const url = await handler(PRESS_RELEASE_UID, { documentId: draftId, locale: 'ru', status: 'draft' });
    expect(url).toMatch(/\/preview\?documentId=[a-z0-9]+&locale=ru&status=draft&token=[\w-]+\.[\w-]+$/);
    expect(await handler('api::topic.topic', { documentId: 'x' })).toBeNull();
  });

  it('shows the draft with a valid token, never cached', async () => {
    const url = (await handler(PRESS_RELEASE_UID, { documentId: draftId, locale: 'ru', status: 'draft' }))!;
    const res = await api(app)
      .get(`/api/preview/press-releases/${draftId}`)
      .query({ token: tokenOf(url) });
    expect(res.status).toBe(200);
    expect(res.body.data.headline).toBe('Zzpreview черновик для редактора');
    expect(res.body.meta).toMatchObject({ preview: true, status: 'draft' });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('answers in the public shape: a preview of a live version is what the public API answers for it', async () => {
    const [live] = (await app
      .documents(PRESS_RELEASE_UID)
      .findMany({ locale: 'ru', status: 'published', limit: 1 })) as {
      documentId: string;
    }[];
    const url = (await handler(PRESS_RELEASE_UID, { documentId: live.documentId, locale: 'ru', status: 'published' }))!;
    const preview = await api(app)
      .get(`/api/preview/press-releases/${live.documentId}`)
      .query({ token: tokenOf(url) });
    const pub = await api(app).get(`/api/press-releases/${live.documentId}`).query({ locale: 'ru' });
    expect(preview.status).toBe(200);
    expect(preview.body.data).not.toHaveProperty('reviewStage');
    const { localizations: _previewLocales, ...previewed } = preview.body.data;
    const { localizations: _publicLocales, ...published } = pub.body.data;
    expect(previewed).toEqual(published);
  });

  it('refuses a missing, forged, expired or borrowed token, and the public API still hides the draft', async () => {
    const valid = tokenOf((await handler(PRESS_RELEASE_UID, { documentId: draftId, locale: 'ru', status: 'draft' }))!);
    const expired = createPreviewToken(process.env.PREVIEW_SECRET!, {
      documentId: draftId,
      locale: 'ru',
      status: 'draft',
      expiresAt: Date.now() - 1,
    });
    const forged = createPreviewToken('not-the-secret', {
      documentId: draftId,
      locale: 'ru',
      status: 'draft',
      expiresAt: Date.now() + 60_000,
    });
    const attempts: [string, string | undefined][] = [
      [draftId, undefined],
      [draftId, 'garbage'],
      [draftId, forged],
      [draftId, expired],
      [draftId, `${valid.split('.')[0]}x.${valid.split('.')[1]}`],
      [otherId, valid],
    ];
    for (const [documentId, token] of attempts) {
      const res = await api(app)
        .get(`/api/preview/press-releases/${documentId}`)
        .query(token ? { token } : {});
      expect(res.status).toBe(401);
      expect(res.text).not.toContain('Zzpreview');
    }
    expect((await api(app).get(`/api/press-releases/${draftId}`).query({ locale: 'ru', status: 'draft' })).status).toBe(
      404,
    );
  });

  it('lets an editor preview an embargoed draft', async () => {
    await app.documents(PRESS_RELEASE_UID).update({
      documentId: draftId,
      locale: 'ru',
      data: { embargoUntil: new Date(Date.now() + 3600_000).toISOString() } as never,
    });
    const url = (await handler(PRESS_RELEASE_UID, { documentId: draftId, locale: 'ru', status: 'draft' }))!;
    const res = await api(app)
      .get(`/api/preview/press-releases/${draftId}`)
      .query({ token: tokenOf(url) });
    expect(res.status).toBe(200);
  });

  it('binds a token to its locale and version: the query cannot switch either', async () => {
    const documents = app.documents(PRESS_RELEASE_UID);
    const { documentId } = await createRelease(app, { headline: 'Zzbound опубликованный заголовок' });
    await documents.update({
      documentId,
      locale: 'ru',
      status: 'draft',
      data: { headline: 'Zzbound правка в черновике' } as never,
    });
    await documents.update({
      documentId,
      locale: 'en',
      status: 'draft',
      data: { headline: 'Zzbound English draft' } as never,
    });
    try {
      const ruDraft = tokenOf((await handler(PRESS_RELEASE_UID, { documentId, locale: 'ru', status: 'draft' }))!);
      const ruPublished = tokenOf(
        (await handler(PRESS_RELEASE_UID, { documentId, locale: 'ru', status: 'published' }))!,
      );
      for (const query of [{}, { locale: 'en' }, { status: 'published' }, { locale: 'en', status: 'draft' }]) {
        const draft = await api(app)
          .get(`/api/preview/press-releases/${documentId}`)
          .query({ token: ruDraft, ...query });
        expect({ query, status: draft.status, headline: draft.body.data?.headline }).toEqual({
          query,
          status: 200,
          headline: 'Zzbound правка в черновике',
        });
        const published = await api(app)
          .get(`/api/preview/press-releases/${documentId}`)
          .query({ token: ruPublished, ...query });
        expect({ query, status: published.status, headline: published.body.data?.headline }).toEqual({
          query,
          status: 200,
          headline: 'Zzbound опубликованный заголовок',
        });
        expect(published.text).not.toContain('English draft');
      }
    } finally {
      await deleteRelease(app, documentId);
    }
  });
});
