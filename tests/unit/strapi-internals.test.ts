import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  REACH_IN_SIGNS,
  STRAPI_CHECKED_VERSION,
  STRAPI_INTERNALS,
  warnOnUncheckedStrapiVersion,
} from '../../src/platform/operations/strapi-internals';
import { readSource, sourceFiles } from '../helpers/source-files';

const ROOT = path.resolve(__dirname, '..', '..');

describe('the Strapi internals the project relies on', () => {
  it('were checked against the Strapi version package.json pins', () => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(manifest.dependencies['@strapi/strapi']).toBe(STRAPI_CHECKED_VERSION);
  });

  it('name files that exist', () => {
    for (const { usedIn } of STRAPI_INTERNALS)
      for (const file of usedIn)
        expect({ file, exists: existsSync(path.join(ROOT, file)) }).toEqual({ file, exists: true });
  });

  it('are named in a warning at start on another Strapi version, and not on the checked one', () => {
    const warnings: string[] = [];
    const strapi = { log: { warn: (message: string) => warnings.push(message) } } as never;
    expect(warnOnUncheckedStrapiVersion(strapi, STRAPI_CHECKED_VERSION)).toBe(false);
    expect(warnOnUncheckedStrapiVersion(strapi, '5.99.0')).toBe(true);
    expect(warnings).toEqual([
      expect.stringMatching(
        /checked against Strapi 5\.54\.0 and runs on 5\.99\.0.*src\/platform\/operations\/strapi-internals\.ts/,
      ),
    ]);
  });

  describe('list every reach-in the code makes', () => {
    const LIST_FILE = 'src/platform/operations/strapi-internals.ts';
    const scanned = [
      ...sourceFiles(path.join(ROOT, 'src')),
      ...sourceFiles(path.join(ROOT, 'config')),
      ...sourceFiles(path.join(ROOT, 'database')),
    ].filter((file) => file !== LIST_FILE);
    const isComment = (line: string) => /^\s*(\*|\/\/|\/\*)/.test(line);
    const codeLines = (file: string) =>
      readSource(file)
        .split('\n')
        .map((line, index) => ({ line, number: index + 1 }))
        .filter(({ line }) => !isComment(line));
    const listedIn = (file: string, usedIn: readonly string[]) =>
      usedIn.some((entry) => (entry.endsWith('/') ? file.startsWith(entry) : file === entry));

    it('every line that reaches past the documented extension points is listed, with its file', () => {
      const unlisted: string[] = [];
      for (const file of scanned) {
        for (const { line, number } of codeLines(file)) {
          if (!REACH_IN_SIGNS.some((sign) => sign.test(line))) continue;
          const listed = STRAPI_INTERNALS.some(
            (internal) => internal.signs?.test(line) && listedIn(file, internal.usedIn),
          );
          if (!listed) unlisted.push(`${file}:${number}: ${line.trim()}`);
        }
      }
      expect(unlisted).toEqual([]);
    });

    it('every file an entry names still shows it', () => {
      const stale: string[] = [];
      for (const internal of STRAPI_INTERNALS) {
        if (!internal.signs) continue;
        for (const file of internal.usedIn.filter((entry) => !entry.endsWith('/'))) {
          if (!codeLines(file).some(({ line }) => internal.signs!.test(line)))
            stale.push(`${internal.internal}: ${file}`);
        }
      }
      expect(stale).toEqual([]);
    });

    it('would see an unlisted reach-in', () => {
      const examples = [
        "strapi.plugin('content-manager').service('document-metadata')",
        "const runner = strapi.get('webhookRunner');",
        'strapi.db.lifecycles.subscribe({ models: ["admin::user"] });',
        'server.httpServer.close();',
        'const auth = ctx.state.auth;',
        "await knex('press_releases_topics_lnk').insert(rows);",
      ];
      for (const example of examples)
        expect({ example, seen: REACH_IN_SIGNS.some((sign) => sign.test(example)) }).toEqual({ example, seen: true });
    });
  });
});
