/**
 * Fields that Strapi's GraphQL resolver wrapper does nothing for (no auth config, middlewares or policies, not a
 * root field) get their own resolver back (src/read-side/graphql/graphql-plain-field-resolvers.ts). What the wrapper
 * does still happens where it does something: a relation still needs the public role's `find` on its target.
 */
import type { Core } from '@strapi/strapi';
import { graphql, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { grantPublicReadPermissions } from '../../src/read-side/public-permissions';
import { plainResolverFields } from '../../src/read-side/graphql/graphql-plain-field-resolvers';

let app: Core.Strapi;
let queryNumber = 0;

beforeAll(async () => {
  app = await startNewsroom();
});
afterAll(async () => {
  await grantPublicReadPermissions(app);
  await stopNewsroom(app);
});

/** A list query no earlier request asked in these words (the response cache keys GraphQL by its text). */
function freshListQuery() {
  queryNumber += 1;
  return graphql(app, `{ pressReleases(locale: "ru") { n${queryNumber}: headline topics { name } } }`);
}

const aSecond = () => new Promise((resolve) => setTimeout(resolve, 1100));

describe("Strapi's resolver wrapper", () => {
  it('is gone from plain fields and kept on relations, configured fields and root fields', () => {
    // Kept on the app itself (per-app state), so this copy of the module reads what the app's compiled copy recorded.
    const plain = plainResolverFields(app);
    expect(plain.size).toBeGreaterThan(100);
    for (const field of ['PressRelease.headline', 'PressRelease.slug', 'Topic.name', 'Source.url']) {
      expect({ field, plain: plain.has(field) }).toEqual({ field, plain: true });
    }
    for (const field of ['PressRelease.topics', 'PressRelease.source', 'PressRelease.cover', 'Query.pressReleases']) {
      expect({ field, plain: plain.has(field) }).toEqual({ field, plain: false });
    }
  });

  it('still refuses a relation whose target the public role may not read, and answers it once it may', async () => {
    const granted = await freshListQuery();
    expect(granted.body.errors).toBeUndefined();
    expect(granted.body.data.pressReleases.length).toBeGreaterThan(0);

    const role = (await app.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } })) as {
      id: number;
    };
    await app.db
      .query('plugin::users-permissions.permission')
      .deleteMany({ where: { action: 'api::topic.topic.find', role: role.id } });
    await aSecond(); // the public role's permissions are kept for a second
    const revoked = await freshListQuery();
    expect(revoked.body.errors?.[0]).toMatchObject({
      message: 'Forbidden access',
      path: ['pressReleases', 0, 'topics'],
    });

    await grantPublicReadPermissions(app);
    await aSecond();
    const again = await freshListQuery();
    expect(again.body.errors).toBeUndefined();
  });
});
