/**
 * The first start on an empty database, as a newcomer's `npm run develop` or `npm start` runs it (development mode,
 * the log at info): migrations, the seed, the public read model, then a stop. Its output carries nothing to worry
 * about: no warning from Node.js (deprecations included) and none in Strapi's log. The seed's writes are what once
 * printed node-postgres's "Calling client.query() when the client is already executing a query".
 */
import { startTestDatabaseServer, type TestDatabaseServer } from '../helpers/database-server';
import { startNewsroomProcess } from '../helpers/newsroom-process';

/**
 * Strapi's notice, in development only, that mail goes through its default provider (sendmail) until one is
 * configured: the project configures no mail yet (docs/operators.md, "Known limits").
 */
const KNOWN_NOTICES = [/^\[email\]: The "sendmail" email provider is still supported/];

const ANSI_COLOUR = new RegExp(String.fromCharCode(27) + '\\[[0-9;]*m', 'g');

let db: TestDatabaseServer;
let output = '';

beforeAll(async () => {
  db = await startTestDatabaseServer('clean-start');
  const server = await startNewsroomProcess(
    {
      DATABASE_URL: db.url,
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      SEED_ON_START: 'true',
      LOG_STARTUP_BANNER: 'true',
    },
    { output: (text) => (output += text) },
  );
  await server.stop();
}, 180_000);

afterAll(async () => {
  await db?.remove();
});

describe('the first start on an empty database', () => {
  it('migrated and seeded (the writes that once warned)', () => {
    expect(output).toContain('Seeded baku-nairobi.ru.txt, baku-nairobi.en.txt');
    expect(output).toContain('Public read model: brought 1 releases in step.');
  });

  it('prints no warning from Node.js', () => {
    const warnings = output.match(/^\(node:\d+\) (\[\w+\] )?\w*Warning: .*$/gm) ?? [];
    expect(warnings).toEqual([]);
  });

  it("logs no warning or error in Strapi's log", () => {
    const lines = output.replace(ANSI_COLOUR, '').split('\n');
    const warnings = lines
      .map((line) => /^\[[^\]]+\] (?:warn|error): (.*)$/.exec(line)?.[1])
      .filter((message): message is string => message !== undefined)
      .filter((message) => !KNOWN_NOTICES.some((notice) => notice.test(message)));
    expect(warnings).toEqual([]);
  });
});
