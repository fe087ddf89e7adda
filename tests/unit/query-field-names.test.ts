import { assertQueryFieldNames, badSortOrder, emptySortField } from '../../src/read-side/query-field-names';

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
    'headline',
    'headline:desc',
    'seo.metaTitle:asc',
    'headline:desc,slug',
    '',
    ',',
    ':asc',
    ' ',
    ['headline', 'slug:desc'],
    [],
    { headline: 'asc' },
    { seo: { metaTitle: 'desc' } },
    null,
    undefined,
    3,
  ])('passes %j (Strapi itself judges what is left)', (sort) => {
    expect(emptySortField(sort)).toBeUndefined();
  });
});

describe('badSortOrder', () => {
  it.each([
    ['cover.name:sideways', 'cover.name:sideways'],
    ['headline:asc,topics.name:up', 'topics.name:up'],
    [['headline', 'seo.metaTitle:1'], 'seo.metaTitle:1'],
    [{ topics: { name: 'up' } }, 'topics.name:up'],
  ])('finds the bad order in %j', (sort, bad) => {
    expect(badSortOrder(sort)).toBe(bad);
  });

  it.each([
    'headline',
    'headline:desc',
    'topics.name:ASC',
    'a:asc,b:DESC',
    ['x:desc'],
    { seo: { metaTitle: 'desc' } },
    undefined,
  ])('passes %j', (sort) => {
    expect(badSortOrder(sort)).toBeUndefined();
  });
});

describe('assertQueryFieldNames', () => {
  it('checks the sorts of populated relations, dynamic-zone branches included', () => {
    expect(() => assertQueryFieldNames({ populate: { topics: { sort: 'name.' } } })).toThrow('Invalid sort "name."');
    expect(() => assertQueryFieldNames({ populate: { zone: { on: { 'a.b': { sort: ['..'] } } } } })).toThrow(/empty/);
    expect(() =>
      assertQueryFieldNames({ sort: 'headline', populate: { topics: { sort: 'name:desc' } } }),
    ).not.toThrow();
  });

  it('refuses an empty fields, at the top or in a populated relation, and passes a named one', () => {
    expect(() => assertQueryFieldNames({ fields: '' })).toThrow('Invalid fields ""');
    expect(() => assertQueryFieldNames({ fields: ' ' })).toThrow('Invalid fields ""');
    expect(() => assertQueryFieldNames({ populate: { topics: { fields: '' } } })).toThrow('Invalid fields ""');
    expect(() =>
      assertQueryFieldNames({ fields: 'headline', populate: { topics: { fields: ['name'] } } }),
    ).not.toThrow();
  });

  it('refuses inherited names wherever a field is named, and a $between without two values', () => {
    for (const query of [
      { fields: 'headline,constructor' },
      { fields: ['toString'] },
      { sort: 'seo.__proto__:asc' },
      { sort: { valueOf: 'asc' } },
      { filters: { $or: [{ constructor: { $eq: 1 } }] } },
      { populate: 'topics.constructor' },
      { populate: { createdBy: 'constructor.name' } },
      { populate: { topics: { fields: ['hasOwnProperty'] } } },
    ]) {
      expect(() => assertQueryFieldNames(query)).toThrow(/^Invalid key/);
    }
    expect(() => assertQueryFieldNames({ filters: { id: { $between: [1] } } })).toThrow(
      '$between takes exactly two values',
    );
    expect(() => assertQueryFieldNames({ filters: { $and: [{ id: { $between: '1' } }] } })).toThrow('$between');
    expect(() =>
      assertQueryFieldNames({
        fields: ['headline'],
        sort: 'slug',
        filters: {
          id: { $between: [1, 2] },
          name: { $eq: 'constructor' },
          data: { $eq: { toString: 1 } },
          $not: { slug: { $in: ['valueOf'] } },
        },
        populate: 'topics,seo',
      }),
    ).not.toThrow();
  });

  it("throws Strapi's ValidationError, which Strapi answers with a 400", () => {
    try {
      assertQueryFieldNames({ sort: '..' });
      throw new Error('no error');
    } catch (error) {
      expect((error as Error).name).toBe('ValidationError');
    }
  });
});
