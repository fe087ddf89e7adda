/**
 * The public role's permissions are read from the database at most once a second (users-permissions
 * extension, src/extensions/users-permissions): anonymous requests within that second send no permission
 * query, and a change to the public role still applies within a second, both ways.
 */
import type { Core } from '@strapi/strapi';
import { api, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { grantPublicReadPermissions } from '../../src/read-side/public-permissions';

const PERMISSION_UID = 'plugin::users-permissions.permission';
const SEARCH_FIND = 'api::search.search.find';

let app: Core.Strapi;
let requestNumber = 0;

beforeAll(async () => {
  app = await startNewsroom();
});
afterAll(async () => {
  await grantPublicReadPermissions(app); // whatever happened above, the public role is as the app defines it
  await stopNewsroom(app);
});

/** An anonymous search the response cache has never seen (so authorisation runs), and the SQL it sent. */
async function freshSearch() {
  requestNumber += 1;
  const statements: string[] = [];
  const listener = (query: { sql: string }) => statements.push(query.sql);
  app.db.connection.on('query', listener);
  try {
    const res = await api(app)
      .get('/api/search')
      .query({ q: `прокуроров ${requestNumber}`, locale: 'ru' });
    return { status: res.status, permissionQueries: statements.filter((sql) => sql.includes('up_permissions')).length };
  } finally {
    app.db.connection.removeListener('query', listener);
  }
}

const aSecond = () => new Promise((resolve) => setTimeout(resolve, 1100));

describe('public role permissions, kept for a second', () => {
  it('are read once, not on every anonymous request', async () => {
    await aSecond();
    const first = await freshSearch();
    const second = await freshSearch();
    expect(first).toEqual({ status: 200, permissionQueries: 1 });
    expect(second).toEqual({ status: 200, permissionQueries: 0 });
  });

  it('apply a revoked permission within a second, and a granted one again', async () => {
    const role = (await app.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } })) as {
      id: number;
    };
    await app.db.query(PERMISSION_UID).deleteMany({ where: { action: SEARCH_FIND, role: role.id } });
    await aSecond();
    expect((await freshSearch()).status).toBe(403);
    await grantPublicReadPermissions(app);
    await aSecond();
    expect((await freshSearch()).status).toBe(200);
  });
});
