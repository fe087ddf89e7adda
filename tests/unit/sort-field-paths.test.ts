import { assertSortFieldPaths, emptySortField } from '../../src/public-access/sort-field-paths';

describe('emptySortField', () => {
  it.each([
    ['..', '..'],
    ['.', '.'],
    ['headline.', 'headline.'],
    ['.slug:desc', '.slug:desc'],
    ['seo..metaTitle:asc', 'seo..metaTitle:asc'],
    ['headline:desc,topics.', 'topics.'],
    [['headline', 'a..b:desc'], 'a..b:desc'],
    [{ '': 'asc' }, '""'],
    [{ seo: { ' ': 'desc' } }, 'seo." "'],
    [[{ headline: 'asc' }, { '': 'asc' }], '""'],
  ])('finds the empty name in %j', (sort, bad) => {
    expect(emptySortField(sort)).toBe(bad);
  });

  it.each([
    'headline', 'headline:desc', 'seo.metaTitle:asc', 'headline:desc,slug', '', ',', ':asc', ' ',
    ['headline', 'slug:desc'], [], { headline: 'asc' }, { seo: { metaTitle: 'desc' } }, null, undefined, 3,
  ])('passes %j (Strapi itself judges what is left)', (sort) => {
    expect(emptySortField(sort)).toBeUndefined();
  });
});

describe('assertSortFieldPaths', () => {
  it('checks the sorts of populated relations, dynamic-zone branches included', () => {
    expect(() => assertSortFieldPaths({ populate: { topics: { sort: 'name.' } } })).toThrow('Invalid sort "name."');
    expect(() => assertSortFieldPaths({ populate: { zone: { on: { 'a.b': { sort: ['..'] } } } } })).toThrow(/empty/);
    expect(() => assertSortFieldPaths({ sort: 'headline', populate: { topics: { sort: 'name:desc' } } })).not.toThrow();
  });

  it("throws Strapi's ValidationError, which Strapi answers with a 400", () => {
    try {
      assertSortFieldPaths({ sort: '..' });
      throw new Error('no error');
    } catch (error) {
      expect((error as Error).name).toBe('ValidationError');
    }
  });
});
