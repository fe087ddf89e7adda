/**
 * Rules with one owner each: a second copy of a rule, however small, is how two parts of the service start to
 * disagree. Each check names the owner and fails on a copy anywhere else under src/.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT, readSource, sourceFiles } from '../helpers/source-files';
import { REVIEW_STAGES } from '../../src/editorial/review-workflow/review-stages';

interface Rule {
  rule: string;
  owners: string[];
  /** Spellings of the rule that only its owners may have. */
  copies: RegExp[];
  /** Copies the patterns must catch (so that the check can fail). */
  examples: string[];
}

const RULES: Rule[] = [
  {
    rule: 'content-type uids',
    owners: ['src/platform/content-model/content-type-uids.ts', 'src/api/'],
    copies: [/['"`]api::(press-release|topic|entity|source)\.(press-release|topic|entity|source)['"`]/],
    examples: ["const UID = 'api::press-release.press-release';", "  'api::topic.topic': 'topics',"],
  },
  {
    rule: 'the default locale',
    owners: ['src/platform/content-model/locales.ts'],
    copies: [/getDefaultLocale\s*\(/, /(\|\||\?\?)\s*['"](ru|en|az)['"]/, /locale\s*=\s*['"](ru|en|az)['"]/],
    examples: ["const locale = params.locale || 'ru';", "strapi.plugin('i18n').service('locales').getDefaultLocale()"],
  },
  {
    rule: 'which actions write, and which publish',
    owners: ['src/platform/content-model/document-writes.ts'],
    copies: [
      /action\s*[!=]==?\s*['"]publish['"]/,
      /case\s+['"]publish['"]/,
      /['"](create|update)['"][^\n]*status[^\n]*['"]published['"]/,
      /new Set\(\[[^\]]*['"]unpublish['"]/,
    ],
    examples: [
      "if (context.action !== 'publish') return next();",
      "      case 'publish':",
      "return (action === 'create' || action === 'update') && params.status === 'published';",
      "const WRITES = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft']);",
    ],
  },
  {
    rule: 'how a person is named',
    owners: ['src/platform/request-context/acting-user.ts'],
    copies: [/firstname[^\n]*lastname[^\n]*join/],
    examples: ["const name = [user.firstname, user.lastname].filter(Boolean).join(' ') || user.username;"],
  },
  {
    rule: 'which paths are public, cached and rate-limited',
    owners: ['src/read-side/public-routes.ts'],
    copies: [/\/\^\\\/(api|feeds|sitemap|sitemaps|news-sitemap|graphql|openapi|\[a-z\]\{2\})\b/],
    examples: ['const LIMITED_PATHS = [/^\\/api\\/(?!ready$)/, /^\\/graphql$/];', '  /^\\/feeds\\//,'],
  },
  {
    rule: 'per-app state',
    owners: ['src/platform/app-registry/per-app.ts'],
    copies: [/(WeakMap|Map)<\s*Core\.Strapi\b/],
    examples: ['const READERS = new WeakMap<Core.Strapi, PublicReleases>();'],
  },
  {
    rule: "a release's description",
    owners: ['src/read-side/read-model/release-description.ts'],
    copies: [/\.lead\s*(\?\?|\|\|)/, /description[^\n]*\.lead\b/, /\.metaDescription\b/],
    examples: [
      "  return release.lead ?? blocksToParagraphs(release.body)[0] ?? '';",
      "  const description = release.lead ?? '';",
      '    ...(release.lead ? { description: release.lead } : {}),',
      '  const text = release.seo?.metaDescription;',
    ],
  },
  {
    rule: 'the review stages',
    owners: ['src/editorial/review-workflow/review-stages.ts'],
    copies: [/\[\s*['"]draft['"]\s*,\s*['"]in_review['"]\s*,\s*['"]approved['"]/],
    examples: ["const all: readonly ReviewStage[] = ['draft', 'in_review', 'approved'];"],
  },
];

const ownedBy = (file: string, owners: string[]) =>
  owners.some((owner) => (owner.endsWith('/') ? file.startsWith(owner) : file === owner));

describe.each(RULES)('$rule', ({ owners, copies, examples }) => {
  it(`has one owner: ${owners.join(', ')}`, () => {
    const found: string[] = [];
    for (const file of sourceFiles()) {
      if (ownedBy(file, owners)) continue;
      readSource(file)
        .split('\n')
        .forEach((line, index) => {
          if (copies.some((pattern) => pattern.test(line))) found.push(`${file}:${index + 1}: ${line.trim()}`);
        });
    }
    expect(found).toEqual([]);
  });

  it('would see a copy', () => {
    for (const example of examples)
      expect({ example, caught: copies.some((pattern) => pattern.test(example)) }).toEqual({ example, caught: true });
  });
});

describe('the review stages', () => {
  it("are the press-release schema's reviewStage enumeration, in order", () => {
    const schemaFile = path.join(PROJECT_ROOT, 'src/api/press-release/content-types/press-release/schema.json');
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as {
      attributes: { reviewStage: { enum: string[] } };
    };
    expect(schema.attributes.reviewStage.enum).toEqual([...REVIEW_STAGES]);
  });
});
