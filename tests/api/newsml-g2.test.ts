import type { Core } from '@strapi/strapi';
import { XMLParser } from 'fast-xml-parser';
import { api, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { bakuNairobiId, createRelease, deleteRelease, PRESS_RELEASE_UID } from '../helpers/content';
import { editorToken } from '../helpers/editor';
import { newsmlSchemaErrors } from '../helpers/newsml-schema';
import { validateNinjs } from '../helpers/ninjs-schema';
import { paragraphsToBlocks } from '../../src/platform/content-model/paragraph-blocks';
import { decideAccreditation } from '../../src/press-access/accreditations';
import { accreditationRequest, askForAccreditation, signedInJournalist } from '../helpers/journalists';
import { goLiveOf } from '../../src/delivery/go-live/go-live-scheduler';
import { responseCacheFor } from '../../src/delivery/http-cache/response-cache-registry';
import { WITHDRAWN_RELEASES } from '../../src/read-side/read-model/withdrawn-releases';

const TOPIC_UID = 'api::topic.topic';
const CM_TOPICS = `/content-manager/collection-types/${TOPIC_UID}`;
const MARKER = 'Zznewsmlmarker';

let app: Core.Strapi;
let storyId: string;
let token: string;
const created: string[] = [];

/** Every NewsML-G2 document this file reads goes through here: valid against the 2.35 schema, or the test fails. */
async function newsml(path: string, locale?: string, jwt?: string) {
  const res = await api(app)
    .get(path)
    .query(locale ? { locale } : {})
    .set(jwt ? { Authorization: `Bearer ${jwt}` } : {})
    .buffer(true)
    .parse((response, done) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => done(null, text));
    });
  if (res.status === 200)
    expect({ path, errors: newsmlSchemaErrors(res.body as string) }).toEqual({ path, errors: '' });
  return res;
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true });
const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
type Node = Record<string, unknown> & { '#text'?: string };
const textOf = (node: unknown) => (typeof node === 'object' && node !== null ? (node as Node)['#text'] : node);

beforeAll(async () => {
  app = await startNewsroom();
  storyId = await bakuNairobiId(app);
  token = await editorToken(app, 'newsml.editor@newsroom.test');
});
afterAll(async () => {
  for (const documentId of created) await deleteRelease(app, documentId);
  await stopNewsroom(app);
});

describe('NewsML-G2 News Item of the seeded story', () => {
  it.each([
    ['ru', 'Баку и Найроби будут бороться против преступности совместными усилиями', 'Перспективы сотрудничества'],
    ['en', 'Baku and Nairobi will fight crime through joint efforts', 'Prospects for cooperation'],
  ])('is valid and carries the release (%s)', async (locale, headline, kicker) => {
    const res = await newsml(`/api/press-releases/${storyId}/newsml`, locale);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.iptc.g2.newsitem+xml; charset=utf-8');
    expect(res.headers['content-language']).toBe(locale);
    const item = parser.parse(res.body as string).newsItem;
    expect(item['@guid']).toMatch(new RegExp(`^urn:newsml:[^:]+:${storyId}\\.${locale}$`));
    expect(Number(item['@version'])).toBeGreaterThan(0);
    expect(item['@lang']).toBe(locale);
    const meta = item.itemMeta;
    expect(meta.itemClass['@qcode']).toBe('ninat:text');
    expect(meta.pubStatus['@qcode']).toBe('stat:usable');
    expect(meta).not.toHaveProperty('embargoed');
    expect(textOf(meta.provider.name)).toBe('БР');
    expect(new Date(meta.firstCreated).getTime()).toBeLessThanOrEqual(new Date(meta.versionCreated).getTime());
    // The other translation, linked by its own item's guid.
    const other = locale === 'ru' ? 'en' : 'ru';
    expect(asArray(meta.link).map((link: Node) => link['@residref'])).toContain(
      item['@guid'].replace(new RegExp(`\\.${locale}$`), `.${other}`),
    );
    const content = item.contentMeta;
    expect(content.language['@tag']).toBe(locale);
    expect(content.genre['@qcode']).toBe('genre:Press_Release');
    expect(asArray(content.headline).map(textOf)).toEqual([headline, kicker]);
    expect(content.creditline).toBe('БР');
    const subjects = asArray(content.subject) as Node[];
    expect(subjects.filter((s) => s['@type'] === 'cpnat:person').length).toBeGreaterThanOrEqual(3);
    expect(subjects.filter((s) => String(s['@qcode']).startsWith('nrtopic:')).length).toBeGreaterThan(0);
    // The body as XHTML, its paragraphs as the editor wrote them.
    const html = item.contentSet.inlineXML;
    expect(item.contentSet.inlineXML['@contenttype']).toBe('application/xhtml+xml');
    expect(asArray(html.html.body.p).length).toBeGreaterThan(3);
    expect(res.body as string).toContain(locale === 'ru' ? 'В соответствии' : 'In accordance with');
  });

  it('is cached like the other structured formats, with an ETag that answers 304', async () => {
    const first = await newsml(`/api/press-releases/${storyId}/newsml`, 'ru');
    expect(first.headers['cache-control']).toMatch(/max-age=\d+/);
    expect(first.headers.etag).toBeDefined();
    const again = await api(app)
      .get(`/api/press-releases/${storyId}/newsml`)
      .query({ locale: 'ru' })
      .set('if-none-match', String(first.headers.etag));
    expect(again.status).toBe(304);
  });

  it('is 404 where the release is not published in that locale, 400 for an unknown locale', async () => {
    expect((await newsml(`/api/press-releases/${storyId}/newsml`, 'az')).status).toBe(404);
    expect((await newsml('/api/press-releases/nope/newsml', 'ru')).status).toBe(404);
    expect((await newsml(`/api/press-releases/${storyId}/newsml`, 'xx')).status).toBe(400);
  });
});

describe('versions', () => {
  it('keeps its guid and gives a greater version when the release is edited and published again', async () => {
    const release = await createRelease(app, { headline: 'Версия первая', paragraphs: ['Первый текст.'] });
    created.push(release.documentId);
    const before = parser.parse((await newsml(`/api/press-releases/${release.documentId}/newsml`, 'ru')).body).newsItem;
    // The version counts seconds: the edit comes in a later second than the first publication.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await app.documents(PRESS_RELEASE_UID).update({
      documentId: release.documentId,
      locale: 'ru',
      data: { headline: 'Версия вторая', body: paragraphsToBlocks(['Второй текст.']) } as never,
    });
    await app.documents(PRESS_RELEASE_UID).publish({ documentId: release.documentId, locale: 'ru' });
    const after = parser.parse((await newsml(`/api/press-releases/${release.documentId}/newsml`, 'ru')).body).newsItem;
    expect(after['@guid']).toBe(before['@guid']);
    expect(Number(after['@version'])).toBeGreaterThan(Number(before['@version']));
    expect(asArray(after.contentMeta.headline).map(textOf)).toEqual(['Версия вторая']);
  });
});

describe('the News Message feed', () => {
  it.each(['ru', 'en'])('is valid and lists the newest releases of the locale (%s)', async (locale) => {
    const res = await newsml(`/feeds/${locale}/newsml.xml`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.iptc.g2.newsmessage+xml; charset=utf-8');
    const message = parser.parse(res.body as string).newsMessage;
    const items = asArray(message.itemSet.newsItem) as Node[];
    expect(items.some((item) => String(item['@guid']).endsWith(`:${storyId}.${locale}`))).toBe(true);
    expect(items.every((item) => item['@lang'] === undefined || item['@lang'] === locale)).toBe(true);
  });

  it('is 400 for an unknown locale', async () => {
    expect((await newsml('/feeds/xx/newsml.xml')).status).toBe(400);
  });
});

describe('a withdrawn release', () => {
  const HEADLINE = 'Zzwithdrawn Релиз, который отозвали';
  const TEXT = 'Zzwithdrawntext отозванный текст';

  it('answers as canceled in NewsML-G2 and ninjs, and the News Message carries the kill, never its text', async () => {
    const release = await createRelease(app, { headline: HEADLINE, paragraphs: [TEXT] });
    created.push(release.documentId);
    const item = `/api/press-releases/${release.documentId}/newsml`;
    await goLiveOf(app).settled(); // announced as live
    const published = parser.parse((await newsml(item, 'ru')).body).newsItem;
    expect(published.itemMeta.pubStatus['@qcode']).toBe('stat:usable');

    await app.documents(PRESS_RELEASE_UID).unpublish({ documentId: release.documentId, locale: 'ru' });
    await goLiveOf(app).settled(); // announced as gone
    const res = await newsml(item, 'ru');
    expect(res.status).toBe(200);
    const canceled = parser.parse(res.body).newsItem;
    expect(canceled['@guid']).toBe(published['@guid']);
    expect(Number(canceled['@version'])).toBeGreaterThan(Number(published['@version']));
    expect(canceled.itemMeta.pubStatus['@qcode']).toBe('stat:canceled');
    expect(textOf(canceled.itemMeta.edNote)).toMatch(/^Withdrawn by the press office on \d{4}-\d{2}-\d{2}/);
    expect(asArray(canceled.contentMeta.headline).map(textOf)).toEqual([HEADLINE]);
    expect(res.body).not.toContain('Zzwithdrawntext');

    const ninjs = await api(app).get(`/api/press-releases/${release.documentId}/ninjs`).query({ locale: 'ru' });
    expect(ninjs.status).toBe(200);
    expect(validateNinjs(ninjs.body)).toBe(true);
    expect(ninjs.body).toMatchObject({ pubStatus: 'canceled', headlines: [{ role: 'main', value: HEADLINE }] });
    expect(ninjs.text).not.toContain('Zzwithdrawntext');

    const message = parser.parse((await newsml('/feeds/ru/newsml.xml')).body).newsMessage;
    const kill = (asArray(message.itemSet.newsItem) as Node[]).find((entry) => entry['@guid'] === published['@guid']);
    expect((kill?.itemMeta as Node)?.pubStatus).toMatchObject({ '@qcode': 'stat:canceled' });

    // Other formats and locales stay a plain 404; published again, it is usable again.
    expect((await api(app).get(`/api/press-releases/${release.documentId}`).query({ locale: 'ru' })).status).toBe(404);
    expect((await newsml(item, 'en')).status).toBe(404);
    await app.documents(PRESS_RELEASE_UID).publish({ documentId: release.documentId, locale: 'ru' });
    await goLiveOf(app).settled();
    const again = parser.parse((await newsml(item, 'ru')).body).newsItem;
    expect(again.itemMeta.pubStatus['@qcode']).toBe('stat:usable');
  });

  it('is a bare 404 once WITHDRAWN_ITEM_DAYS have passed', async () => {
    const release = await createRelease(app, { headline: `${HEADLINE} 2` });
    created.push(release.documentId);
    await goLiveOf(app).settled();
    await app.documents(PRESS_RELEASE_UID).delete({ documentId: release.documentId, locale: '*' });
    await goLiveOf(app).settled();
    const item = `/api/press-releases/${release.documentId}/newsml`;
    expect((await newsml(item, 'ru')).status).toBe(200);
    await app.db
      .connection(WITHDRAWN_RELEASES)
      .where({ document_id: release.documentId })
      .update({
        withdrawn_at: new Date(Date.now() - 31 * 24 * 3600 * 1000),
      });
    responseCacheFor(app).clear();
    expect((await newsml(item, 'ru')).status).toBe(404);
  });
});

describe('no draft or embargoed release reaches NewsML-G2', () => {
  it('neither as an item nor in the feed', async () => {
    const draft = await createRelease(app, { headline: `${MARKER} черновик`, publish: false });
    created.push(draft.documentId);
    const embargoed = await app.documents(PRESS_RELEASE_UID).create({
      locale: 'ru',
      status: 'draft',
      data: {
        headline: `${MARKER} эмбарго`,
        body: paragraphsToBlocks([`Текст ${MARKER}.`]),
        embargoUntil: new Date(Date.now() + 24 * 3600 * 1000).toISOString(),
      } as never,
    });
    created.push(embargoed.documentId);
    await app.documents(PRESS_RELEASE_UID).publish({ documentId: embargoed.documentId, locale: 'ru' });
    for (const documentId of [draft.documentId, embargoed.documentId]) {
      const res = await newsml(`/api/press-releases/${documentId}/newsml`, 'ru');
      expect(res.status).toBe(404);
      expect(String(res.text ?? res.body)).not.toContain(MARKER);
    }
    const feed = await newsml('/feeds/ru/newsml.xml');
    expect(feed.status).toBe(200);
    expect(feed.body as string).not.toContain(MARKER);
  });
});

describe("a journalist's News Item under embargo", () => {
  it('carries `embargoed` for an accredited journalist it is shared with, and reaches no one else', async () => {
    const accredited = await signedInJournalist(app, 'newsml-accredited');
    const stranger = await signedInJournalist(app, 'newsml-stranger');
    expect((await askForAccreditation(app, accredited, accreditationRequest('Agence'))).status).toBe(201);
    const validUntil = new Date(Date.now() + 10 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    await decideAccreditation(app, { email: accredited.email, status: 'accredited', validUntil, by: 'test' });
    const embargoUntil = new Date(Date.now() + 24 * 3600 * 1000);
    const release = await createRelease(app, { headline: `${MARKER} для прессы`, publish: false });
    created.push(release.documentId);
    await app.documents(PRESS_RELEASE_UID).update({
      documentId: release.documentId,
      locale: 'ru',
      data: { embargoUntil: embargoUntil.toISOString(), pressAccess: 'accredited' } as never,
    });
    await app.documents(PRESS_RELEASE_UID).publish({ documentId: release.documentId, locale: 'ru' });

    const path = `/api/press/releases/${release.documentId}/newsml`;
    const res = await newsml(path, 'ru', accredited.jwt);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.headers['content-type']).toBe('application/vnd.iptc.g2.newsitem+xml; charset=utf-8');
    const item = parser.parse(res.body as string).newsItem;
    expect(new Date(item.itemMeta.embargoed).getTime()).toBe(embargoUntil.getTime());
    expect(asArray(item.contentMeta.headline).map(textOf)).toEqual([`${MARKER} для прессы`]);

    // A journalist without accreditation is refused by the press API as a whole.
    const refused = await newsml(path, 'ru', stranger.jwt);
    expect(refused.status).toBe(403);
    expect(String(refused.body)).not.toContain(MARKER);
    const publicItem = await newsml(`/api/press-releases/${release.documentId}/newsml`, 'ru');
    expect(publicItem.status).toBe(404);
    expect(String(publicItem.body)).not.toContain(MARKER);
  });
});

describe('IPTC Media Topic codes on topics', () => {
  let topicId: string;
  beforeAll(async () => {
    const story = await app
      .documents(PRESS_RELEASE_UID)
      .findOne({ documentId: storyId, locale: 'ru', status: 'published', populate: { topics: true } as never });
    topicId = (story as unknown as { topics: { documentId: string }[] }).topics[0].documentId;
  });
  afterAll(async () => {
    await app.documents(TOPIC_UID).update({ documentId: topicId, locale: 'ru', data: { mediaTopic: null } as never });
  });

  const setCode = (mediaTopic: string) =>
    api(app)
      .put(`${CM_TOPICS}/${topicId}`)
      .query({ locale: 'ru' })
      .set('authorization', `Bearer ${token}`)
      .send({ mediaTopic });

  it.each(['20000568', 'medtop:2000056', 'medtop:200005680', 'subj:20000568', 'medtop:abcdefgh'])(
    'refuses %p with a 400 that says what a code looks like',
    async (code) => {
      const res = await setCode(code);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/IPTC Media Topic.*medtop:.*eight digits/);
    },
  );

  it('takes a well-formed code: ninjs and NewsML-G2 show it with its scheme URI beside our own id', async () => {
    const res = await setCode(' medtop:20000568 ');
    expect(res.status).toBe(200);
    for (const locale of ['ru', 'en']) {
      const ninjs = (await api(app).get(`/api/press-releases/${storyId}/ninjs`).query({ locale })).body;
      expect(validateNinjs(ninjs)).toBe(true);
      const subjects = ninjs.subjects as { uri?: string; literal?: string }[];
      expect(subjects).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            uri: 'http://cv.iptc.org/newscodes/mediatopic/20000568',
            literal: 'medtop:20000568',
          }),
          expect.objectContaining({ uri: expect.stringMatching(new RegExp(`/api/topics/${topicId}$`)) }),
        ]),
      );
      const item = parser.parse((await newsml(`/api/press-releases/${storyId}/newsml`, locale)).body).newsItem;
      const schemes = asArray(item.catalog.scheme) as Node[];
      expect(schemes).toEqual(
        expect.arrayContaining([{ '@alias': 'medtop', '@uri': 'http://cv.iptc.org/newscodes/mediatopic/' }]),
      );
      const codes = (asArray(item.contentMeta.subject) as Node[]).map((subject) => subject['@qcode']);
      expect(codes).toEqual(expect.arrayContaining(['medtop:20000568', `nrtopic:${topicId}`]));
    }
  });
});

describe('ninjs 3.1 additions', () => {
  it.each(['ru', 'en'])('are valid against the official schema (%s)', async (locale) => {
    const { body } = await api(app).get(`/api/press-releases/${storyId}/ninjs`).query({ locale });
    expect(validateNinjs(body)).toBe(true);
    expect(validateNinjs.errors ?? []).toEqual([]);
    expect(body).toMatchObject({
      pubStatus: 'usable',
      copyrightHolder: 'БР',
      genres: [
        {
          name: 'Press Release',
          uri: 'http://cv.iptc.org/newscodes/genre/Press_Release',
          literal: 'genre:Press_Release',
        },
      ],
    });
    // No rights statement is configured in the tests' settings: nothing is guessed.
    expect(body).not.toHaveProperty('copyrightNotice');
    expect(body).not.toHaveProperty('usageTerms');
    expect(body).not.toHaveProperty('rightsInfo');
  });

  it('carries a correction as the editorial note', async () => {
    const release = await createRelease(app, { headline: 'Исправляемый релиз' });
    created.push(release.documentId);
    await app.documents(PRESS_RELEASE_UID).update({
      documentId: release.documentId,
      locale: 'ru',
      data: { correction: 'Исправлена дата встречи.' } as never,
    });
    await app.documents(PRESS_RELEASE_UID).publish({ documentId: release.documentId, locale: 'ru' });
    const { body } = await api(app).get(`/api/press-releases/${release.documentId}/ninjs`).query({ locale: 'ru' });
    expect(validateNinjs(body)).toBe(true);
    expect(body.edNote).toBe('Исправлена дата встречи.');
    const item = parser.parse((await newsml(`/api/press-releases/${release.documentId}/newsml`, 'ru')).body).newsItem;
    expect(item.itemMeta.edNote).toBe('Исправлена дата встречи.');
  });
});

describe('a correction in preparation', () => {
  it('holds the release for agencies (withheld, new version, no draft text), then the correction is out', async () => {
    const release = await createRelease(app, { headline: 'Zzwithheld Удерживаемый релиз' });
    created.push(release.documentId);
    const path = `/api/press-releases/${release.documentId}/newsml`;
    const first = parser.parse((await newsml(path, 'ru')).body).newsItem;
    expect(first.itemMeta.pubStatus['@qcode']).toBe('stat:usable');

    // An editor starts a correction: the draft is saved with its note, not published.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const draftNote = 'Черновик исправления: не для публикации.';
    await app.documents(PRESS_RELEASE_UID).update({
      documentId: release.documentId,
      locale: 'ru',
      data: { correction: draftNote, lead: 'Черновой лид.' } as never,
    });
    const withheld = await newsml(path, 'ru');
    const held = parser.parse(withheld.body).newsItem;
    expect(held['@guid']).toBe(first['@guid']);
    expect(held.itemMeta.pubStatus['@qcode']).toBe('stat:withheld');
    expect(held.itemMeta.edNote).toMatch(/correction of this release is being prepared/);
    expect(Number(held['@version'])).toBeGreaterThan(Number(first['@version']));
    const ninjs = await api(app).get(`/api/press-releases/${release.documentId}/ninjs`).query({ locale: 'ru' });
    expect(validateNinjs(ninjs.body) ? [] : validateNinjs.errors).toEqual([]);
    expect(ninjs.body).toMatchObject({ pubStatus: 'withheld', edNote: expect.stringMatching(/being prepared/) });
    const message = (await newsml('/feeds/ru/newsml.xml')).body as string;
    const inMessage = asArray(parser.parse(message).newsMessage.itemSet.newsItem).find(
      (item: Node) => item['@guid'] === first['@guid'],
    ) as { itemMeta: { pubStatus: Node } };
    expect(inMessage.itemMeta.pubStatus['@qcode']).toBe('stat:withheld');
    // Nothing of the draft goes out: not its note, not its text.
    for (const text of [withheld.body as string, JSON.stringify(ninjs.body), message]) {
      expect(text).not.toContain('Черновик исправления');
      expect(text).not.toContain('Черновой лид');
    }
    expect(
      JSON.stringify((await api(app).get(`/api/press-releases/${release.documentId}`).query({ locale: 'ru' })).body),
    ).not.toContain('Черновик');

    // Published: usable again, in a greater version, with the correction as the note.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await app.documents(PRESS_RELEASE_UID).publish({ documentId: release.documentId, locale: 'ru' });
    const corrected = parser.parse((await newsml(path, 'ru')).body).newsItem;
    expect(corrected.itemMeta.pubStatus['@qcode']).toBe('stat:usable');
    expect(corrected.itemMeta.edNote).toBe(draftNote);
    expect(Number(corrected['@version'])).toBeGreaterThan(Number(held['@version']));
  });
});
