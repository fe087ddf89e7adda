import { blocksToParagraphs } from '../../platform/content-model/paragraph-blocks';
import type { PublicRelease } from '../public-shape';

/**
 * A release's description: the one text that link previews, search engines, JSON-LD, ninjs and feeds show under
 * its headline. The owner of which field it comes from and of how a paragraph is cut down to one; every channel
 * asks `releaseDescription` and none reads `lead` or `seo.metaDescription` for this itself.
 */

/** The length a description aims at: what search engines and messengers show before they cut it themselves. */
export const DESCRIPTION_TARGET_LENGTH = 160;

const ELLIPSIS = '…';

/**
 * Words ending in a dot that do not end a sentence even before a capital ("г. Баку", "Dr. Smith"). Single letters
 * (initials such as "К. Алиев", "K. Aliyev", and "г.", "т. е.") are covered by a rule of their own below.
 */
const ABBREVIATIONS = new Set([
  // Russian
  'гг',
  'ул',
  'им',
  'пр',
  'проф',
  'акад',
  'ген',
  'тыс',
  'млн',
  'млрд',
  'руб',
  'долл',
  'обл',
  'респ',
  'др',
  'см',
  'стр',
  // English
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'gen',
  'st',
  'no',
  'vs',
  'etc',
  'jr',
  'sr',
  'inc',
  'ltd',
  'co',
  'corp',
  'dept',
  'approx',
]);

/** Spaces a line may break at (a no-break space keeps "2026 г." together, so it is no place for a cut). */
const BREAKABLE_SPACE = /[ \t\r\n\u2000-\u200a\u2028\u2029\u3000]/;
const BREAKABLE_SPACES = /[ \t\r\n\u2000-\u200a\u2028\u2029\u3000]+/gu;
const SENTENCE_END = /[.!?…]+["»”’')\]]*(?=[ \t\r\n\u2000-\u200a\u2028\u2029\u3000]+["«“„‘'(]?\p{Lu}|$)/gu;

/**
 * Where the sentences of a paragraph end (offsets just past their last character). A sentence ends at ".", "!",
 * "?" or "…" (and any closing quotes or brackets right after) when the next thing is the end of the text, or a
 * space and then a capital letter (optionally after an opening quote or bracket). Not after a single letter or a
 * known abbreviation: "К.Алиев" (no space), "в 2022 г. в Баку" (no capital) and "генеральный прокурор К. Алиев"
 * (an initial) stay inside their sentence. A missed end only makes a sentence longer, which the cut handles.
 */
export function sentenceEnds(text: string): number[] {
  const ends: number[] = [];
  for (const match of text.matchAll(SENTENCE_END)) {
    if (match[0].startsWith('.') && isAbbreviation(text.slice(0, match.index))) continue;
    ends.push(match.index + match[0].length);
  }
  return ends;
}

function isAbbreviation(before: string): boolean {
  const word = /[\p{L}]+$/u.exec(before)?.[0];
  if (!word) return false;
  return word.length === 1 || ABBREVIATIONS.has(word.toLowerCase());
}

/**
 * A paragraph cut down to a description: its first whole sentences up to `limit` characters, exactly as written.
 * When the first sentence alone is longer, its words up to the limit (the ellipsis included), ending in "…"; never
 * part of a word (a first word longer than the limit is kept whole).
 */
export function cutToDescription(paragraph: string, limit = DESCRIPTION_TARGET_LENGTH): string {
  const text = paragraph.trim();
  if (text.length <= limit) return text;
  const fitting = sentenceEnds(text).filter((end) => end <= limit);
  if (fitting.length > 0) return text.slice(0, fitting[fitting.length - 1]);
  return `${wordsUpTo(text, limit - ELLIPSIS.length)}${ELLIPSIS}`;
}

/** The longest run of whole words within `limit` characters, without the punctuation the cut leaves dangling. */
function wordsUpTo(text: string, limit: number): string {
  let cut = -1;
  for (const space of text.matchAll(BREAKABLE_SPACES)) {
    if (space.index > limit) break;
    cut = space.index;
  }
  if (cut <= 0) {
    const firstSpace = text.search(BREAKABLE_SPACE);
    cut = firstSpace === -1 ? text.length : firstSpace;
  }
  return text.slice(0, cut).replace(/[\s,;:–—-]+$/u, '');
}

/** The text of the body's first paragraph (headings, lists, quotes and pictures are not a summary of it). */
export function firstParagraphText(body: unknown): string {
  const paragraphs = Array.isArray(body) ? body.filter((block: { type?: unknown }) => block?.type === 'paragraph') : [];
  return blocksToParagraphs(paragraphs).find((text) => text.trim() !== '') ?? '';
}

/** What a description is made from: the fields of a release it reads. */
export type DescribedRelease = Pick<PublicRelease, 'lead' | 'body' | 'seo'>;

/** A field the editor filled in, as written; blank counts as not set. */
const setText = (value: unknown): string => (typeof value === 'string' && value.trim() !== '' ? value : '');

/**
 * Where a description goes. A page's meta tags, its social cards and its JSON-LD describe it to search engines and
 * link previews, for which the editor may write a description of its own (`seo.metaDescription`); a feed item and
 * ninjs summarise the release for readers and agencies, for which the lead is the summary.
 */
export type DescriptionUse = 'search-and-previews' | 'summary';

/**
 * The release's description: for search and previews the editor's SEO description when set; then its lead; else
 * the start of the body's first paragraph (`cutToDescription`). Empty when the release has none of them: a channel
 * then writes no description rather than an empty one.
 */
export function releaseDescription(release: DescribedRelease, use: DescriptionUse): string {
  const forSearch = use === 'search-and-previews' ? setText(release.seo?.metaDescription) : '';
  return forSearch || setText(release.lead) || cutToDescription(firstParagraphText(release.body));
}
