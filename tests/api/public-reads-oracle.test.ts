/**
 * What the public sees, against the independent oracle (tests/helpers/stock-oracle.ts): for a generated corpus of
 * releases in every state (drafts, published, unpublished, published with later draft changes, embargoes past and
 * to come, in several locales, with and without relations and media, shared with journalists in every way), every
 * answer of our public read path equals what Strapi's stock path answers for the releases the test's own reading of
 * the database says are visible. Journalists (accredited, suspended) are signed in and reading through the press API
 * meanwhile; a journalist's JWT on the public API gets the public's answers.
 */
import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import fc from 'fast-check';
import { paragraphsToBlocks } from '../../src/platform/content-model/paragraph-blocks';
import { deleteRelease, PRESS_RELEASE_UID } from '../helpers/content';
import { api, graphql, startNewsroom, stopNewsroom, releaseSitemaps } from '../helpers/newsroom-app';
import { startStockOracle, type StockOracle } from '../helpers/stock-oracle';
import { eventually } from '../helpers/eventually';
import { deleteUploads, makeUploadedImage } from '../helpers/media';
import { grantPublicReadPermissions } from '../../src/read-side/public-permissions';
import { decideAccreditation } from '../../src/press-access/accreditations';
import { accreditationRequest, askForAccreditation, signedInJournalist } from '../helpers/journalists';

const LOCALES = ['ru', 'en', 'az'] as const;
type Locale = (typeof LOCALES)[number];
type LocaleState = 'absent' | 'draft' | 'published' | 'unpublished' | 'changed';
interface ReleaseSpec {
  states: Record<Locale, LocaleState>;
  embargo: 'none' | 'past' | 'future';
  /** A cover photo and an SEO component with its image (one of the corpus's uploaded images). */
  media?: boolean;
  /** Whom it is shared with before its embargo lifts (src/press-access): public answers must not change. */
  press?: Press;
}
type Press = 'none' | 'accredited' | 'outlet' | 'journalist';

/** Every kind of release once, then a generated mix (its seed printed, to replay a failure with CORPUS_SEED). */
const KINDS: ReleaseSpec[] = [
  { states: { ru: 'draft', en: 'absent', az: 'absent' }, embargo: 'none' },
  { states: { ru: 'unpublished', en: 'published', az: 'absent' }, embargo: 'none' },
  { states: { ru: 'published', en: 'draft', az: 'absent' }, embargo: 'none' }, // a draft translation
  { states: { ru: 'published', en: 'published', az: 'published' }, embargo: 'future' },
  { states: { ru: 'changed', en: 'published', az: 'absent' }, embargo: 'past' },
  { states: { ru: 'published', en: 'published', az: 'absent' }, embargo: 'none', media: true },
  { states: { ru: 'published', en: 'published', az: 'absent' }, embargo: 'future', media: true, press: 'accredited' },
  { states: { ru: 'published', en: 'draft', az: 'absent' }, embargo: 'future', press: 'outlet' },
  { states: { ru: 'draft', en: 'published', az: 'absent' }, embargo: 'future', press: 'journalist' },
  { states: { ru: 'published', en: 'absent', az: 'absent' }, embargo: 'past', press: 'accredited' },
];
const SEED = Number(process.env.CORPUS_SEED ?? Date.now() % 2 ** 31);
const state = fc.constantFrom<LocaleState>('absent', 'draft', 'published', 'unpublished', 'changed');
const spec = fc.record({
  states: fc.record({ ru: state, en: state, az: state }),
  embargo: fc.constantFrom<ReleaseSpec['embargo']>('none', 'past', 'future'),
  media: fc.boolean(),
  press: fc.constantFrom<Press>('none', 'accredited', 'outlet', 'journalist'),
});
const GENERATED = fc.sample(fc.array(spec, { minLength: 10, maxLength: 10 }), { seed: SEED, numRuns: 1 })[0];

const TAG = `Оракул${randomBytes(3).toString('hex')}`;
const HOUR = 3600 * 1000;

let app: Core.Strapi;
let oracle: StockOracle;
const corpus: string[] = [];
/** Two uploaded images the corpus's releases show (which one varies with the release). */
const images: number[] = [];
/** Journalists signed in while the comparisons run: one accredited with an outlet, one suspended. */
const journalists: { id: number; jwt: string }[] = [];
let outletId: number;

async function journalistReading(name: string, standing: 'accredited' | 'suspended'): Promise<void> {
  const journalist = await signedInJournalist(app, `${name}-${TAG.slice(-6)}`);
  await askForAccreditation(app, journalist, accreditationRequest(`Oracle Outlet ${TAG}`));
  const { id, email, jwt } = journalist;
  const until = new Date(Date.now() + 30 * 24 * HOUR).toISOString().slice(0, 10);
  await decideAccreditation(app, { email, status: 'accredited', validUntil: until, by: 'oracle' });
  if (standing === 'suspended') await decideAccreditation(app, { email, status: 'suspended', by: 'oracle' });
  journalists.push({ id, jwt });
}

/** The press fields of a release shared as the spec says. */
function pressFields(press: Press | undefined): Record<string, unknown> {
  if (press === 'accredited') return { pressAccess: 'accredited' };
  if (press === 'outlet') return { pressAccess: 'selected', pressOutlets: [outletId] };
  if (press === 'journalist') return { pressAccess: 'selected', pressJournalists: journalists.map((j) => j.id) };
  return { pressAccess: 'none' };
}

/** What the signed-in journalists read through the press API while the public is compared: answers, not errors. */
async function journalistsReading(): Promise<void> {
  for (const { jwt } of journalists) {
    for (const locale of LOCALES) {
      const res = await api(app).get('/api/press/releases').query({ locale }).set('Authorization', `Bearer ${jwt}`);
      expect([200, 403]).toContain(res.status);
    }
  }
}

async function createFromSpec(spec: ReleaseSpec, index: number): Promise<void> {
  const documents = app.documents(PRESS_RELEASE_UID);
  const embargoUntil = {
    none: null,
    past: new Date(Date.now() - HOUR),
    future: new Date(Date.now() + 365 * 24 * HOUR),
  }[spec.embargo];
  const present = LOCALES.filter((locale) => spec.states[locale] !== 'absent');
  if (present.length === 0) return;
  let documentId: string | undefined;
  for (const locale of present) {
    // Every other release links topics and entities of its locale, and a source (relations in every answer).
    const links = index % 2 === 0 ? await relationsIn(locale, index) : {};
    const image = images[index % images.length];
    const media = spec.media ? { cover: image, seo: { metaTitle: `SEO ${index} ${locale}`, image } } : {};
    const data = {
      headline: `${TAG} ${index} ${locale}`,
      lead: `Лид ${index} ${locale}`,
      body: paragraphsToBlocks([`Текст ${index} ${locale}.`]),
      embargoUntil,
      ...links,
      ...media,
      ...pressFields(spec.press),
    } as never;
    if (!documentId) documentId = (await documents.create({ locale, status: 'draft', data })).documentId;
    else await documents.update({ documentId, locale, status: 'draft', data });
  }
  corpus.push(documentId!);
  for (const locale of present) {
    const target = { documentId: documentId!, locale };
    if (spec.states[locale] === 'draft') continue;
    await documents.publish(target);
    if (spec.states[locale] === 'unpublished') await documents.unpublish(target);
    if (spec.states[locale] === 'changed')
      await documents.update({
        ...target,
        status: 'draft',
        data: { headline: `${TAG} ${index} ${locale} черновик правки` } as never,
      });
  }
}

/** Some of the seeded topics and entities of a locale, and a source, to link (which ones varies with `index`). */
async function relationsIn(locale: Locale, index: number): Promise<Record<string, unknown>> {
  const pick = async (uid: string, count: number) => {
    const rows = (await app.db
      .query(uid)
      .findMany({ select: ['documentId'], where: { locale }, orderBy: { id: 'asc' } })) as { documentId: string }[];
    return rows.slice(index % 3, (index % 3) + count).map(({ documentId }) => ({ documentId, locale }));
  };
  const sources = (await app.db.query('api::source.source').findMany({ select: ['documentId'] })) as {
    documentId: string;
  }[];
  return {
    topics: { set: await pick('api::topic.topic', 2) },
    entities: { set: await pick('api::entity.entity', 3) },
    ...(sources[0] ? { source: { set: [{ documentId: sources[0].documentId }] } } : {}),
  };
}

/** The slug of a release in a locale: its published version's (a later draft may carry another), else its draft's. */
async function slugRow(documentId: string, locale: string): Promise<{ slug: string } | null> {
  const published = await app.db
    .query(PRESS_RELEASE_UID)
    .findOne({ select: ['slug'], where: { documentId, locale, publishedAt: { $notNull: true } } });
  return published ?? app.db.query(PRESS_RELEASE_UID).findOne({ select: ['slug'], where: { documentId, locale } });
}

/** Answers are compared as a client reads them; only the order of `localizations` is not part of the contract. */
function normalised(body: unknown): unknown {
  return JSON.parse(JSON.stringify(body), (key, value) =>
    key === 'localizations' && Array.isArray(value)
      ? [...value].sort((a, b) => String(a.locale).localeCompare(String(b.locale)))
      : value,
  );
}

beforeAll(async () => {
  app = await startNewsroom();
  console.log(`public reads against the stock oracle: corpus seed ${SEED} (CORPUS_SEED=${SEED} replays it)`);
  for (const name of ['one', 'two']) images.push(await makeUploadedImage(app, `${TAG}-${name}.png`));
  outletId = (
    (await app.db.query('api::outlet.outlet').create({ data: { name: `Oracle Outlet ${TAG}` } })) as { id: number }
  ).id;
  await journalistReading('accredited', 'accredited');
  await journalistReading('suspended', 'suspended');
  for (const [index, spec] of [...KINDS, ...GENERATED].entries()) await createFromSpec(spec, index);
  oracle = await startStockOracle(app);
}, 180_000);

afterAll(async () => {
  await oracle?.stop();
  for (const documentId of corpus) await deleteRelease(app, documentId);
  await deleteUploads(app, images);
  await app.db.query('plugin::users-permissions.user').deleteMany({ where: { id: journalists.map(({ id }) => id) } });
  if (outletId) await app.db.query('api::outlet.outlet').delete({ where: { id: outletId } });
  await stopNewsroom(app);
});

describe('public reads equal Strapi stock answers over the visible releases', () => {
  it('the corpus holds every kind of hidden release, and visible ones, in several locales', async () => {
    const visible = new Set((await Promise.all(LOCALES.map((locale) => oracle.visibleIds(locale)))).flat());
    expect(corpus.filter((id) => visible.has(id)).length).toBeGreaterThan(0);
    expect(corpus.filter((id) => !visible.has(id)).length).toBeGreaterThan(0);
    // …and relations, so that the comparisons below cover them.
    const list = await api(app).get('/api/press-releases').query({ locale: 'ru', 'pagination[pageSize]': 100 });
    const linked = (
      list.body.data as { documentId: string; topics: unknown[]; entities: unknown[]; source: unknown }[]
    ).filter(
      (release) =>
        corpus.includes(release.documentId) &&
        release.topics.length > 0 &&
        release.entities.length > 0 &&
        release.source,
    );
    expect(linked.length).toBeGreaterThan(0);
    // …and media: a cover and an SEO image.
    const withMedia = (
      list.body.data as { documentId: string; cover: unknown; seo: { image?: unknown } | null }[]
    ).filter((release) => corpus.includes(release.documentId) && release.cover && release.seo?.image);
    expect(withMedia.length).toBeGreaterThan(0);
  });

  it('the corpus shares releases with signed-in journalists, who read them through the press API', async () => {
    const shared = await api(app)
      .get('/api/press/releases')
      .query({ locale: 'ru', pageSize: 100 })
      .set('Authorization', `Bearer ${journalists[0].jwt}`);
    expect(shared.status).toBe(200);
    const embargoed = (shared.body.data as { documentId: string; embargoed: boolean }[]).filter(
      (release) => corpus.includes(release.documentId) && release.embargoed,
    );
    expect(embargoed.length).toBeGreaterThan(0);
  });

  it.each(LOCALES)('REST list, every page, anonymous and with a journalist signed in (%s)', async (locale) => {
    await journalistsReading();
    const pageSize = 4;
    const total = (await oracle.visibleIds(locale)).length;
    for (let page = 1; page <= Math.ceil(total / pageSize) + 1; page += 1) {
      const ours = await api(app)
        .get('/api/press-releases')
        .query({ locale, 'pagination[page]': page, 'pagination[pageSize]': pageSize });
      const stock = await oracle.list(locale, page, pageSize);
      expect({ page, status: ours.status }).toEqual({ page, status: stock.status });
      expect(normalised(ours.body)).toEqual(normalised(stock.body));
      for (const { jwt } of journalists) {
        const signedIn = await api(app)
          .get('/api/press-releases')
          .query({ locale, 'pagination[page]': page, 'pagination[pageSize]': pageSize })
          .set('Authorization', `Bearer ${jwt}`);
        expect(normalised(signedIn.body)).toEqual(normalised(stock.body));
      }
    }
  });

  it.each(LOCALES)('REST by documentId, each release of the corpus (%s)', async (locale) => {
    await journalistsReading();
    for (const documentId of corpus) {
      const ours = await api(app).get(`/api/press-releases/${documentId}`).query({ locale });
      const stock = await oracle.one(documentId, locale);
      expect({ documentId, status: ours.status }).toEqual({ documentId, status: stock.status });
      expect(normalised(ours.body)).toEqual(normalised(stock.body));
    }
  });

  it.each(LOCALES)('REST by slug, each release of the corpus (%s)', async (locale) => {
    for (const documentId of corpus) {
      const row = await slugRow(documentId, locale);
      if (!row) continue; // no version in this locale at all
      const ours = await api(app).get(`/api/press-releases/slug/${row.slug}`).query({ locale });
      const stock = await oracle.bySlug(String(row.slug), locale);
      expect({ documentId, status: ours.status }).toEqual({ documentId, status: stock === undefined ? 404 : 200 });
      if (stock !== undefined) expect(normalised(ours.body)).toEqual(normalised({ data: stock, meta: {} }));
    }
  });

  it.each(LOCALES)("GraphQL list, in Strapi's default order and newest first (%s)", async (locale) => {
    // Relations too: ours are batched (src/read-side/graphql/graphql-relation-batching.ts), the stock ones are not.
    const selection =
      'documentId headline slug lead locale publishedAt source { name } topics { name locale } ' +
      'entities { name kind } localizations { locale slug headline } ' +
      'cover { url alternativeText width height formats } seo { metaTitle image { url } }';
    for (const sort of ['', 'sort: ["publishedAt:desc", "id:desc"],']) {
      const ours = await graphql(
        app,
        `query($locale: I18NLocaleCode) { pressReleases(locale: $locale, ${sort} pagination: { pageSize: 100 }) ` +
          `{ ${selection} } }`,
        { locale },
      );
      const stock = await oracle.graphql(
        `query($locale: I18NLocaleCode, $hidden: [ID]) {
          pressReleases(locale: $locale, filters: { documentId: { notIn: $hidden } }, ${sort}
            pagination: { pageSize: 100 }) { ${selection} }
        }`,
        { locale },
        locale,
      );
      expect(ours.body.errors).toBeUndefined();
      expect(stock.body.errors).toBeUndefined();
      // Without a sort, the order is whatever the database returns: compared as sets there.
      const releases = (body: { data: { pressReleases: { documentId: string }[] } }) => {
        const list = normalised(body.data.pressReleases) as { documentId: string }[];
        return sort ? list : [...list].sort((a, b) => a.documentId.localeCompare(b.documentId));
      };
      expect({ sort, releases: releases(ours.body) }).toEqual({ sort, releases: releases(stock.body) });
    }
  });

  it.each(LOCALES)('GraphQL single release and connection, each release of the corpus (%s)', async (locale) => {
    const selection =
      'documentId headline slug locale publishedAt embargoUntil source { name } topics { name } entities { name } ' +
      'localizations { locale headline } cover { url formats } seo { metaTitle image { url width } }';
    for (const documentId of corpus) {
      const ours = await graphql(
        app,
        `query($id: ID!, $locale: I18NLocaleCode) { pressRelease(documentId: $id, locale: $locale) { ${selection} } }`,
        { id: documentId, locale },
      );
      const stock = await oracle.graphql(
        `query($id: ID!, $locale: I18NLocaleCode, $hidden: [ID]) {
          pressReleases(locale: $locale, filters: { documentId: { eq: $id, notIn: $hidden } }) { ${selection} }
        }`,
        { id: documentId, locale },
        locale,
      );
      expect(ours.body.errors).toBeUndefined();
      expect(stock.body.errors).toBeUndefined();
      expect({ documentId, release: normalised([ours.body.data.pressRelease].filter(Boolean)) }).toEqual({
        documentId,
        release: normalised(stock.body.data.pressReleases),
      });
    }
    const connection = (hidden: string) =>
      `query($locale: I18NLocaleCode${hidden ? ', $hidden: [ID]' : ''}) {
        pressReleases_connection(locale: $locale, ${hidden ? 'filters: { documentId: { notIn: $hidden } },' : ''}
          sort: ["publishedAt:desc", "id:desc"], pagination: { pageSize: 5 }) {
          nodes { ${selection} } pageInfo { total pageCount } } }`;
    const ours = await graphql(app, connection(''), { locale });
    const stock = await oracle.graphql(connection('hidden'), { locale }, locale);
    expect(ours.body.errors).toBeUndefined();
    expect(normalised(ours.body.data.pressReleases_connection.nodes)).toEqual(
      normalised(stock.body.data.pressReleases_connection.nodes),
    );
    expect(ours.body.data.pressReleases_connection.pageInfo).toEqual(stock.body.data.pressReleases_connection.pageInfo);
  });

  it.each(LOCALES)(
    'feeds, sitemaps, search, JSON-LD and ninjs show exactly the visible releases of the corpus (%s)',
    async (locale) => {
      const visible = new Set(await oracle.visibleIds(locale));
      const slugs = new Map<string, string>(); // slug in this locale → documentId
      for (const documentId of corpus) {
        const row = await slugRow(documentId, locale);
        if (row) slugs.set(String(row.slug), documentId);
      }
      const expected = corpus.filter((id) => visible.has(id) && [...slugs.values()].includes(id)).sort();
      if (locale !== 'az') expect(expected.length).toBeGreaterThan(0); // the fixed kinds publish in ru and en
      const mentioned = (text: string) =>
        [...slugs]
          .filter(
            ([slug]) =>
              text.includes(`/${locale}/press-releases/${slug}<`) ||
              text.includes(`/${locale}/press-releases/${slug}"`),
          )
          .map(([, id]) => id)
          .sort();
      for (const path of [
        `/feeds/${locale}/rss.xml`,
        `/feeds/${locale}/atom.xml`,
        `/feeds/${locale}/feed.json`,
        '/sitemap.xml',
        '/news-sitemap.xml',
      ]) {
        // The sitemap: its index and every release file the index lists.
        const res = path === '/sitemap.xml' ? await releaseSitemaps(app) : await api(app).get(path);
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
        expect({ path, releases: mentioned(res.text) }).toEqual({ path, releases: expected });
      }
      const search = await api(app).get('/api/search').query({ q: TAG, locale, pageSize: 100 });
      expect(search.status).toBe(200);
      const found = (search.body.data as { documentId: string }[])
        .map((hit) => hit.documentId)
        .filter((id) => corpus.includes(id))
        .sort();
      expect({ channel: 'search', releases: found }).toEqual({ channel: 'search', releases: expected });
      for (const documentId of corpus) {
        for (const format of ['jsonld', 'ninjs']) {
          const res = await api(app).get(`/api/press-releases/${documentId}/${format}`).query({ locale });
          // A release withdrawn after it was public answers ninjs as canceled, with no text (the wire formats' kill).
          const canceled = format === 'ninjs' && res.status === 200 && res.body.pubStatus === 'canceled';
          if (canceled) expect(res.body.bodies).toBeUndefined();
          expect({ documentId, format, status: canceled ? 404 : res.status }).toEqual({
            documentId,
            format,
            status: visible.has(documentId) ? 200 : 404,
          });
        }
      }
    },
  );

  it(
    'REST list and by documentId follow a change to the public role: ' + 'topics no longer public, then public again',
    async () => {
      const locale = 'ru';
      const compare = async () => {
        const ours = await api(app).get('/api/press-releases').query({ locale, 'pagination[pageSize]': 100 });
        const stock = await oracle.list(locale, 1, 100);
        expect(normalised(ours.body)).toEqual(normalised(stock.body));
        const documentId = (stock.body as { data: { documentId: string }[] }).data[0].documentId;
        const oursOne = await api(app).get(`/api/press-releases/${documentId}`).query({ locale });
        expect(normalised(oursOne.body)).toEqual(normalised((await oracle.one(documentId, locale)).body));
      };
      const showsTopics = async () => {
        const res = await api(app).get('/api/press-releases').query({ locale, 'pagination[pageSize]': 1 });
        return 'topics' in (res.body.data[0] as object);
      };
      const role = (await app.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } })) as {
        id: number;
      };
      try {
        await app.db
          .query('plugin::users-permissions.permission')
          .deleteMany({ where: { action: 'api::topic.topic.find', role: role.id } });
        await eventually(async () => !(await showsTopics()), 'the read model drops topics');
        await compare();
      } finally {
        await grantPublicReadPermissions(app);
      }
      await eventually(showsTopics, 'the read model shows topics again');
      await compare();
    },
  );
});
