import { slugify } from 'transliteration';

/** Letters the transliteration tables leave out (Azerbaijani schwa) or render differently from common usage. */
const EXTRA_LETTERS: [string, string][] = [
  ['ə', 'e'],
  ['Ə', 'e'],
];

export const SLUG_MAX_LENGTH = 120;

/** URL slug from a headline, with Cyrillic and Azerbaijani letters transliterated to Latin. */
export function slugifyHeadline(headline: string): string {
  // Only letters and digits survive: the library's default also keeps '.', '_' and '~', which slugs must not have.
  const slug = slugify(headline, {
    lowercase: true,
    separator: '-',
    replace: EXTRA_LETTERS,
    trim: true,
    allowedChars: 'a-zA-Z0-9',
  });
  if (slug.length <= SLUG_MAX_LENGTH) return slug;
  const cut = slug.slice(0, SLUG_MAX_LENGTH);
  const lastDash = cut.lastIndexOf('-');
  return (lastDash > 40 ? cut.slice(0, lastDash) : cut).replace(/-+$/, '');
}

export function withSuffix(slug: string, n: number): string {
  return n <= 1 ? slug : `${slug.slice(0, SLUG_MAX_LENGTH - String(n).length - 1)}-${n}`;
}
