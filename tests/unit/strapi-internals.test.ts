import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  STRAPI_CHECKED_VERSION,
  STRAPI_INTERNALS,
  warnOnUncheckedStrapiVersion,
} from '../../src/platform/operations/strapi-internals';

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
        /checked against Strapi 5\.54\.0 and runs on 5\.99\.0.*src\/operations\/strapi-internals\.ts/,
      ),
    ]);
  });
});
