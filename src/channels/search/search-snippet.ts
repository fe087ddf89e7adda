import { escapeHtml } from '../release-html/escape-html';

/** ts_headline marks matches with these control characters; they cannot occur in indexed text. */
export const MATCH_START = '\u0002';
export const MATCH_END = '\u0003';

/** The snippet as safe HTML: the text escaped, matches wrapped in <mark>. */
export function snippetHtml(raw: string): string {
  return escapeHtml(raw).split(MATCH_START).join('<mark>').split(MATCH_END).join('</mark>');
}
