/** Validation of the public search parameters: every problem is a message for a 400. */
export interface SearchRequest {
  q: string;
  locale: string;
  page: number;
  pageSize: number;
}

export class SearchRequestError extends Error {}

export const SEARCH_QUERY_MAX_LENGTH = 200;
const ALLOWED = new Set(['q', 'locale', 'page', 'pageSize']);

function positiveInt(value: unknown, name: string, fallback: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  if (typeof value !== 'string' || !/^\d{1,6}$/.test(value) || Number(value) < 1) {
    throw new SearchRequestError(`"${name}" must be a whole number from 1 to ${max}.`);
  }
  return Math.min(Number(value), max);
}

export function parseSearchRequest(
  query: Record<string, unknown>,
  options: { defaultLocale: string; defaultPageSize: number; maxPageSize: number },
): SearchRequest {
  const unknown = Object.keys(query).filter((key) => !ALLOWED.has(key));
  if (unknown.length > 0) {
    throw new SearchRequestError(
      `Unknown parameter(s) ${unknown.map((k) => `"${k}"`).join(', ')}: use q, locale, page, pageSize.`,
    );
  }
  if (typeof query.q !== 'string') throw new SearchRequestError('"q" is required: the words to search for.');
  // Control characters carry no meaning in a search and confuse the query parser.
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  const q = query.q.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  if (q.length === 0) throw new SearchRequestError('"q" is empty: give at least one word to search for.');
  if (q.length > SEARCH_QUERY_MAX_LENGTH) {
    throw new SearchRequestError(`"q" is longer than ${SEARCH_QUERY_MAX_LENGTH} characters.`);
  }
  if (query.locale !== undefined && typeof query.locale !== 'string')
    throw new SearchRequestError('"locale" must be a single value.');
  return {
    q,
    locale: (query.locale as string | undefined) ?? options.defaultLocale,
    page: positiveInt(query.page, 'page', 1, 1000),
    pageSize: positiveInt(query.pageSize, 'pageSize', options.defaultPageSize, options.maxPageSize),
  };
}
