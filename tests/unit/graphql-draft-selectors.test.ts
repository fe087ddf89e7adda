import { draftSelectorIn } from '../../src/read-side/graphql/graphql-draft-selectors';

describe('draftSelectorIn', () => {
  it.each([
    ['no status', '{ pressReleases { headline } }', undefined],
    ['status PUBLISHED', '{ pressReleases(status: PUBLISHED) { headline } }', undefined],
    [
      'a PUBLISHED variable',
      'query($s: PublicationStatus) { pressReleases(status: $s) { headline } }',
      { s: 'PUBLISHED' },
    ],
    ['an unparsable document (left to Apollo)', '{ pressReleases(', undefined],
  ])('allows %s', (_name, query, variables) => {
    expect(draftSelectorIn({ query, variables })).toBeNull();
  });

  it.each([
    ['status DRAFT', '{ pressReleases(status: DRAFT) { headline } }', undefined],
    ['a DRAFT variable', 'query($s: PublicationStatus) { pressReleases(status: $s) { headline } }', { s: 'DRAFT' }],
    ['a DRAFT default', 'query($s: PublicationStatus = DRAFT) { pressReleases(status: $s) { headline } }', {}],
    [
      'DRAFT on a nested field',
      '{ topics { name } pressReleases { localizations(status: DRAFT) { headline } } }',
      undefined,
    ],
    [
      'DRAFT in a fragment',
      'query { ...F } fragment F on Query { pressRelease(documentId: "x", status: DRAFT) { headline } }',
      undefined,
    ],
    ['publicationFilter', '{ pressReleases(publicationFilter: NEVER_PUBLISHED_DOCUMENT) { headline } }', undefined],
    ['hasPublishedVersion', '{ pressReleases(hasPublishedVersion: false) { headline } }', undefined],
  ])('refuses %s', (_name, query, variables) => {
    expect(draftSelectorIn({ query, variables })).toMatch(/published content only/);
  });
});
