import { slugifyHeadline, withSuffix, SLUG_MAX_LENGTH } from '../../src/editorial/slugs/slugify-headline';

describe('slugifyHeadline', () => {
  it('transliterates Russian', () => {
    expect(slugifyHeadline('Баку и Найроби будут бороться против преступности совместными усилиями')).toBe(
      'baku-i-nayrobi-budut-borotsya-protiv-prestupnosti-sovmestnymi-usiliyami',
    );
  });

  it('transliterates Azerbaijani letters, schwa included', () => {
    expect(slugifyHeadline('Bakı və Nairobi cinayətkarlığa qarşı birgə mübarizə aparacaq')).toBe(
      'baki-ve-nairobi-cinayetkarliga-qarsi-birge-mubarize-aparacaq',
    );
    expect(slugifyHeadline('ŞƏKİ ÇÖL ÜZÜM Ğ')).toBe('seki-col-uzum-g');
  });

  it('keeps English readable and drops punctuation', () => {
    expect(slugifyHeadline('Baku and Nairobi: fighting crime — together!')).toBe(
      'baku-and-nairobi-fighting-crime-together',
    );
  });

  it('never keeps dots, underscores or tildes, which the slug pattern forbids', () => {
    for (const headline of ['Саммит завершён.', 'U.N. summit_2024~final', '...', 'Итоги: 5.5% роста!']) {
      expect(slugifyHeadline(headline)).toMatch(/^([a-z0-9]+(-[a-z0-9]+)*)?$/);
    }
    expect(slugifyHeadline('Саммит завершён.')).toBe('sammit-zavershyon');
  });

  it('bounds the length at a word boundary', () => {
    const slug = slugifyHeadline('слово '.repeat(60));
    expect(slug.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH);
    expect(slug.endsWith('-')).toBe(false);
  });

  it('adds numeric suffixes for clashes', () => {
    expect(withSuffix('baku', 1)).toBe('baku');
    expect(withSuffix('baku', 3)).toBe('baku-3');
  });
});
