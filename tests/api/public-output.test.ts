/**
 * The lean public output sanitiser must give exactly what Strapi's generic `sanitizeOutput` gives, for
 * real public requests (real auth, real entities with every populated kind: relations, media, a component
 * with media, localizations) and when handed relations the public may not read.
 */
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { PUBLIC_RELEASE_POPULATE } from '../../src/read-side/public-shape';
import { publicOutputSanitizerOf } from '../../src/read-side/public-output';
import { bakuNairobiId, createRelease, deleteRelease, PRESS_RELEASE_UID } from '../helpers/content';
import { api, PROJECT_ROOT, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';

type Controller = { sanitizeOutput(data: unknown, ctx: { state: { auth: unknown } }): Promise<unknown> };

let app: Core.Strapi;
let releaseId: string;
let releaseSlug: string;
let sourceId: string;
let fileId: number;
const seen: { data: unknown; auth: unknown }[] = [];

beforeAll(async () => {
  app = await startNewsroom();
  const baku = await app.documents(PRESS_RELEASE_UID).findOne({
    documentId: await bakuNairobiId(app),
    locale: 'ru',
    status: 'published',
    populate: { topics: true, entities: true },
  });
  const tag = randomBytes(3).toString('hex');
  const [file] = (await app
    .plugin('upload')
    .service('upload')
    .upload({
      data: { fileInfo: { name: `output-${tag}.png`, alternativeText: 'Output test' } },
      files: {
        filepath: path.join(PROJECT_ROOT, 'favicon.png'),
        originalFilename: 'output.png',
        mimetype: 'image/png',
        size: statSync(path.join(PROJECT_ROOT, 'favicon.png')).size,
      },
    })) as { id: number }[];
  fileId = file.id;
  sourceId = (
    await app
      .documents('api::source.source')
      .create({ data: { name: `Output test source ${tag}`, shortName: `out-${tag}` } as never, status: 'published' })
  ).documentId;
  releaseId = (
    await createRelease(app, {
      headline: `Проверка вывода ${tag}`,
      topics: (baku?.topics as { documentId: string }[]).map((t) => t.documentId),
      entities: (baku?.entities as { documentId: string }[]).map((e) => e.documentId),
      publish: false,
    })
  ).documentId;
  await app.documents(PRESS_RELEASE_UID).update({
    documentId: releaseId,
    locale: 'ru',
    data: {
      cover: fileId,
      source: { documentId: sourceId },
      seo: { metaTitle: 'SEO', metaDescription: 'Описание', image: fileId },
    } as never,
  });
  await app.documents(PRESS_RELEASE_UID).publish({ documentId: releaseId, locale: 'ru' });
  releaseSlug = String(
    (await app.documents(PRESS_RELEASE_UID).findOne({ documentId: releaseId, locale: 'ru', status: 'published' }))
      ?.slug,
  );

  // Records what each public read hands to the sanitiser, with the request's own auth.
  const controller = app.controller(PRESS_RELEASE_UID) as unknown as Controller;
  const lean = controller.sanitizeOutput.bind(controller);
  controller.sanitizeOutput = async (data, ctx) => {
    seen.push({ data, auth: ctx.state.auth });
    return lean(data, ctx);
  };
});

afterAll(async () => {
  if (releaseId) await deleteRelease(app, releaseId);
  if (sourceId) await app.documents('api::source.source').delete({ documentId: sourceId });
  if (fileId) await app.plugin('upload').service('upload').remove({ id: fileId });
  await stopNewsroom(app);
});

async function generic(data: unknown, auth: unknown): Promise<unknown> {
  return app.contentAPI.sanitize.output(data as Record<string, unknown>, app.contentType(PRESS_RELEASE_UID), {
    auth,
  } as never);
}

describe('lean public output', () => {
  it.each([
    [
      'single release (sorted, so not the SQL hot path)',
      () => `/api/press-releases/${releaseId}?locale=ru&sort[0]=publishedAt:desc`,
    ],
    // With a sort: a plain page is answered by the list's SQL hot path (release-list-hot-path.test.ts).
    ['sorted list', () => '/api/press-releases?locale=ru&pagination[pageSize]=100&sort[0]=publishedAt:desc'],
    [
      'release by slug (sorted, so not the SQL hot path)',
      () => `/api/press-releases/slug/${releaseSlug}?locale=ru&sort[0]=publishedAt:desc`,
    ],
  ])('answers a %s exactly as Strapi’s sanitiser would', async (_name, url) => {
    seen.length = 0;
    const res = await api(app).get(url());
    expect(res.status).toBe(200);
    expect(seen).toHaveLength(1);
    const expected = JSON.parse(JSON.stringify(await generic(seen[0].data, seen[0].auth)));
    expect(res.body.data).toEqual(expected);
    const ours = (Array.isArray(res.body.data) ? res.body.data : [res.body.data]).find(
      (r: { documentId: string }) => r.documentId === releaseId,
    );
    // The comparison covers every populated kind: the new release is the newest, so it is in each answer.
    expect(ours.cover.url).toMatch(/^\/uploads\//);
    expect(ours.seo.image.url).toMatch(/^\/uploads\//);
    expect(ours.source.shortName).toMatch(/^out-/);
    expect(ours.topics.length).toBeGreaterThan(0);
  });

  it('drops what the public may not read (the editors who wrote it), as Strapi does', async () => {
    await api(app).get(`/api/press-releases/${releaseId}?locale=ru`);
    const auth = seen[seen.length - 1].auth;
    const entity = await app.documents(PRESS_RELEASE_UID).findOne({
      documentId: releaseId,
      locale: 'ru',
      status: 'published',
      populate: PUBLIC_RELEASE_POPULATE as never,
    });
    // As if a client had managed to populate the editors who wrote it (admin users, never public).
    const editor = {
      id: 1,
      documentId: 'editor',
      firstname: 'Zzeditor',
      email: 'editor@example.org',
      password: '$2a$10$hash',
    };
    Object.assign(entity as object, { createdBy: editor, updatedBy: editor });
    const lean = (await publicOutputSanitizerOf(app))(entity, PRESS_RELEASE_UID) as Record<string, unknown>;
    expect(lean).toEqual(await generic(entity, auth));
    expect(lean).not.toHaveProperty('createdBy');
    expect(lean).not.toHaveProperty('updatedBy');
    expect(lean).toHaveProperty('cover.url');
  });
});
