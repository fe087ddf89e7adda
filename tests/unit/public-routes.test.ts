/**
 * One table of public routes (src/read-side/public-routes.ts) decides what the response cache keeps, what the rate
 * limit counts, which surrogate keys an answer carries and which routes live at the site root.
 */
import { publicRouteOf, PUBLIC_ROUTES } from '../../src/read-side/public-routes';
import { isPublicRead } from '../../src/delivery/http-cache/cache-policy';
import { isRateLimitedPath } from '../../src/delivery/rate-limit/rate-limit-policy';
import { surrogateKeysOf } from '../../src/delivery/cdn/surrogate-keys';
import { ROOT_ROUTES } from '../../src/channels/feeds/root-routes';

/** What a GraphQL client that is not a browser form sends, so that Apollo does not refuse its GET as a CSRF. */
const noHeader = (field: string) => (field === 'apollo-require-preflight' ? 'true' : '');

describe('the public routes', () => {
  it.each([
    // path, cached, rate-limited
    ['/api/press-releases', true, true],
    ['/api/press-releases/abc/related', true, true],
    ['/api/search', true, true],
    ['/api/topics', true, true],
    ['/api/health', true, true],
    ['/api/ready', true, false],
    ['/api/preview/abc', false, true],
    ['/', true, false],
    ['/preview', false, false],
    ['/ru/press-releases/baku-i-nayrobi', true, false],
    ['/pt-BR/press-releases/a-slug', true, false],
    ['/feeds/ru/rss.xml', true, true],
    ['/sitemap.xml', true, true],
    ['/sitemaps/releases-1.xml', true, true],
    ['/news-sitemap.xml', true, true],
    ['/graphql', true, true],
    ['/openapi.json', true, false],
    ['/admin', false, false],
    ['/uploads/photo.jpg', false, false],
    ['/api', false, false],
  ])('%s: cached %s, rate-limited %s', (path, cached, rateLimited) => {
    expect(isPublicRead('GET', path, false, noHeader)).toBe(cached);
    expect(isRateLimitedPath(path)).toBe(rateLimited);
  });

  it('are never public reads for a POST (but a GraphQL query) or with credentials', () => {
    expect(isPublicRead('POST', '/api/press-releases', false, noHeader)).toBe(false);
    expect(isPublicRead('GET', '/api/press-releases', true, noHeader)).toBe(false);
  });

  it('give answers the surrogate keys of their kind', () => {
    const none = Buffer.from('');
    expect(surrogateKeysOf('/feeds/en/rss.xml', undefined, none, 'application/rss+xml')).toEqual([
      'newsroom',
      'releases-en',
      'releases',
    ]);
    expect(surrogateKeysOf('/api/topics', 'ru', none, 'application/json')).toEqual(['newsroom', 'topics']);
    expect(surrogateKeysOf('/sitemap.xml', undefined, none, 'application/xml')).toEqual(['newsroom', 'releases']);
    expect(surrogateKeysOf('/openapi.json', undefined, none, 'application/json')).toEqual(['newsroom']);
    const list = Buffer.from(JSON.stringify({ data: [{ documentId: 'abc123' }] }));
    expect(surrogateKeysOf('/api/press-releases', 'en', list, 'application/json')).toEqual([
      'newsroom',
      'release-abc123',
      'releases-en',
      'releases',
    ]);
    expect(surrogateKeysOf('/ru/press-releases/a-slug', 'ru', none, 'text/html', ['release-abc123'])).toEqual([
      'newsroom',
      'release-abc123',
    ]);
  });

  it('name the routes served at the site root, each under its own pattern', () => {
    expect(ROOT_ROUTES.map((route) => route.path)).toEqual(
      PUBLIC_ROUTES.flatMap((route) => route.atRoot ?? []).map((root) => root.path),
    );
    const examples: Record<string, string> = {
      '/:locale([a-z]{2}|[a-z]{2}-[A-Za-z0-9-]+)/press-releases/:slug': '/en/press-releases/a-slug',
      '/sitemaps/releases-:file([1-9][0-9]{0,5}).xml': '/sitemaps/releases-12.xml',
    };
    for (const route of PUBLIC_ROUTES) {
      for (const root of route.atRoot ?? []) {
        const example = examples[root.path] ?? root.path.replace(':locale', 'ru');
        expect({ example, route: publicRouteOf(example) }).toEqual({ example, route });
      }
    }
  });
});
