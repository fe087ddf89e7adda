/**
 * GraphQL relations of a release list are loaded in one query per relation (DataLoader), not one per
 * release: the answer must be exactly Strapi's own resolver's answer (forced here by giving each relation
 * an argument that changes nothing), with the same default page of related entries, and far fewer queries.
 */
import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { createRelease, deleteRelease, PRESS_RELEASE_UID } from '../helpers/content';
import { graphql, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';

let app: Core.Strapi;
const releases: string[] = [];
const topics: string[] = [];
let sourceId: string;
let tag: string;

const FIELDS = 'documentId headline locale';
/** Relation arguments that select everything anyway: they send each relation to Strapi's own resolver. */
const EVERYTHING = '(filters: { documentId: { notNull: true } })';

const listQuery = (relationArgs: string, limit = 10) => `{
  pressReleases(locale: "ru", pagination: { limit: ${limit} }, filters: { headline: { contains: "${tag}" } }) {
    ${FIELDS}
    source { name shortName url }
    topics${relationArgs} { documentId name slug locale }
    entities${relationArgs} { name kind uri }
  }
}`;

/** Runs a GraphQL query, returning its answer and how many SQL statements read a relation for it. */
async function counted(query: string) {
  const sql: string[] = [];
  const listener = (statement: { sql: string }) => sql.push(statement.sql);
  app.db.connection.on('query', listener);
  try {
    const res = await graphql(app, query);
    // Statements that read the link table of a relation the query selects (press_releases_topics_lnk and the like):
    // the go-live scheduler's own reads of other link tables (press access's) may run meanwhile.
    const selected = /"press_releases_(source|topics|entities)_lnk"/;
    return { res, relationStatements: sql.filter((text) => selected.test(text)).length };
  } finally {
    app.db.connection.removeListener('query', listener);
  }
}

beforeAll(async () => {
  app = await startNewsroom();
  tag = `Пакет${randomBytes(3).toString('hex')}`;
  sourceId = (
    await app
      .documents('api::source.source')
      .create({ data: { name: `Batch source ${tag}`, shortName: tag, url: 'https://example.org/batch' } as never })
  ).documentId;
  // 27 topics: more than GraphQL's default page of related entries (25).
  for (let i = 0; i < 27; i += 1) {
    topics.push(
      (
        await app
          .documents('api::topic.topic')
          .create({ locale: 'ru', data: { name: `Тема ${tag} ${String(i).padStart(2, '0')}` } as never })
      ).documentId,
    );
  }
  for (let i = 0; i < 6; i += 1) {
    const release = await createRelease(app, {
      headline: `${tag} релиз ${i}`,
      topics: i === 0 ? topics : topics.slice(i, i + 2),
      publish: false,
    });
    await app.documents(PRESS_RELEASE_UID).update({
      documentId: release.documentId,
      locale: 'ru',
      data: { source: i % 2 === 0 ? { documentId: sourceId } : null } as never,
    });
    await app.documents(PRESS_RELEASE_UID).publish({ documentId: release.documentId, locale: 'ru' });
    releases.push(release.documentId);
  }
});

afterAll(async () => {
  for (const documentId of releases) await deleteRelease(app, documentId);
  for (const documentId of topics) await app.documents('api::topic.topic').delete({ documentId, locale: '*' });
  if (sourceId) await app.documents('api::source.source').delete({ documentId: sourceId });
  await stopNewsroom(app);
});

describe('GraphQL relation batching', () => {
  it(
    "answers a list's relations exactly as Strapi's resolver does, " +
      'with a query per relation instead of per release',
    async () => {
      const batched = await counted(listQuery(''));
      const strapiOwn = await counted(listQuery(EVERYTHING));
      expect(batched.res.status).toBe(200);
      expect(batched.res.body.errors).toBeUndefined();
      expect(strapiOwn.res.body.errors).toBeUndefined();
      const list = batched.res.body.data.pressReleases as { source: unknown; topics: unknown[] }[];
      expect(list).toHaveLength(6);
      expect(batched.res.body).toEqual(strapiOwn.res.body);
      // Both kinds of relation, empty and filled: a to-one with and without a value, to-many lists.
      expect(list.filter((r) => r.source === null)).toHaveLength(3);
      expect(list.filter((r) => r.source !== null)).toHaveLength(3);
      // `source` takes no arguments, so both answers above went through the loader: compare it with the query
      // engine's own `load`, which Strapi's resolver calls, release by release.
      for (const release of batched.res.body.data.pressReleases as { documentId: string; source: unknown }[]) {
        const row = await app.db.query(PRESS_RELEASE_UID).findOne({
          select: ['id'],
          where: { documentId: release.documentId, locale: 'ru', publishedAt: { $notNull: true } },
        });
        const source = (await app.db.query(PRESS_RELEASE_UID).load(row as never, 'source')) as {
          name: string;
          shortName: string;
          url: string | null;
        } | null;
        expect(release.source).toEqual(
          source ? { name: source.name, shortName: source.shortName, url: source.url } : null,
        );
      }
      // Strapi's resolver: statements per release and relation; batched: a fixed few per relation for the whole list
      // (the query engine's populate), however long the list.
      expect(strapiOwn.relationStatements).toBeGreaterThanOrEqual(6 * 2); // topics and entities, release by release
      expect(batched.relationStatements).toBeLessThanOrEqual(2 * 3);
    },
  );

  it("gives each release the same default page of related entries as Strapi's resolver (25 of 27 topics)", async () => {
    const batched = await graphql(app, listQuery(''));
    const many = (batched.body.data.pressReleases as { headline: string; topics: { name: string }[] }[]).find(
      (r) => r.headline === `${tag} релиз 0`,
    );
    expect(many?.topics).toHaveLength(25);
    const strapiOwn = await graphql(app, listQuery(EVERYTHING));
    const same = (strapiOwn.body.data.pressReleases as { headline: string; topics: { name: string }[] }[]).find(
      (r) => r.headline === `${tag} релиз 0`,
    );
    expect(many?.topics).toEqual(same?.topics);
  });

  it("leaves a relation with arguments of its own to Strapi's resolver (another page, a sort)", async () => {
    const res = await graphql(app, listQuery('(pagination: { limit: 2 }, sort: "name:desc")'));
    expect(res.body.errors).toBeUndefined();
    const first = (res.body.data.pressReleases as { headline: string; topics: { name: string }[] }[]).find(
      (r) => r.headline === `${tag} релиз 0`,
    );
    expect(first?.topics.map((t) => t.name)).toEqual([`Тема ${tag} 26`, `Тема ${tag} 25`]);
  });
});
