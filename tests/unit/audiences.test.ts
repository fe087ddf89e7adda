/**
 * One visibility rule with the audience as its argument (src/read-side/visibility.ts): the public sees a published
 * version once its embargo is over; an editor (admin panel or signed preview) sees every version.
 */
import fc from 'fast-check';
import {
  audienceOfRequest,
  isVisibleTo,
  notYetVisibleSql,
  PUBLIC_AUDIENCE,
  visibleSql,
  type Audience,
} from '../../src/read-side/visibility';

const moment = fc.integer({ min: 0, max: 4_000_000_000_000 }).map((ms) => new Date(ms));
const version = fc.record({
  publishedAt: fc.option(moment, { nil: null }),
  embargoUntil: fc.option(moment, { nil: null }),
});
const editors: Audience[] = [
  { kind: 'editor', via: 'admin' },
  { kind: 'editor', via: 'preview' },
];

describe('the visibility rule, by audience', () => {
  it('shows the public a published version from its publication or its embargo, whichever is later', () => {
    fc.assert(
      fc.property(version, moment, (release, now) => {
        const expected =
          release.publishedAt !== null &&
          release.publishedAt <= now &&
          (release.embargoUntil === null || release.embargoUntil <= now);
        expect(isVisibleTo(PUBLIC_AUDIENCE, release, now)).toBe(expected);
      }),
    );
  });

  it('shows an editor every version, embargoed or not', () => {
    fc.assert(
      fc.property(version, moment, fc.constantFrom(...editors), (release, now, editor) => {
        expect(isVisibleTo(editor, release, now)).toBe(true);
      }),
    );
  });

  it('asks the read model the same question for the public as before audiences were an argument', () => {
    expect(visibleSql('r')).toBe('r.visible_from <= :now');
    expect(visibleSql('r', PUBLIC_AUDIENCE)).toBe('r.visible_from <= :now');
    expect(notYetVisibleSql('h')).toBe('NOT (h.visible_from <= :now)');
    expect(visibleSql('r', editors[0])).toBe('TRUE');
  });
});

describe('the audience of a request', () => {
  const strapiServing = (request: unknown) => ({ requestContext: { get: () => request } }) as never;

  it.each([
    ['no request (start-up, seed, scripts)', undefined, { kind: 'system' }],
    [
      'an anonymous REST or GraphQL request',
      { state: { route: { info: { type: 'content-api' } } } },
      { kind: 'public' },
    ],
    ['an API token', { state: { auth: { strategy: { name: 'api-token' } } } }, { kind: 'public' }],
    ['the admin panel', { state: { route: { info: { type: 'admin' } } } }, { kind: 'editor', via: 'admin' }],
    ['an admin user', { state: { auth: { strategy: { name: 'admin' } } } }, { kind: 'editor', via: 'admin' }],
    ['a signed preview link', { state: { newsroomPreview: true } }, { kind: 'editor', via: 'preview' }],
  ])('%s', (_name, request, audience) => {
    expect(audienceOfRequest(strapiServing(request))).toEqual(audience);
  });
});
