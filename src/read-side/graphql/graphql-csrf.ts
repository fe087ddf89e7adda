import path from 'node:path';

type HeaderMap = Map<string, string>;
type PreventCsrf = (headers: HeaderMap, requestHeaders: string[]) => void;

interface ApolloCsrf {
  preventCsrf: PreventCsrf;
  recommendedCsrfPreventionRequestHeaders: string[];
}

/**
 * Apollo Server's own CSRF rule (dist/cjs/preventCsrf.js), loaded by file path because the package does not export
 * it. Apollo stays the one owner of what counts as a preflighted request; the response cache only asks it, so that a
 * cached answer is never handed to a request Apollo itself would refuse.
 */
const apolloFile = path.join(path.dirname(require.resolve('@apollo/server')), 'preventCsrf.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a path, not an export
const apolloCsrf = require(apolloFile) as ApolloCsrf;

/** Whether Apollo Server (`csrfPrevention` on, its default) would refuse this request as a possible CSRF. */
export function refusedAsCsrf(header: (field: string) => string): boolean {
  const headers: HeaderMap = new Map();
  for (const field of ['content-type', ...apolloCsrf.recommendedCsrfPreventionRequestHeaders]) {
    const value = header(field);
    if (value) headers.set(field, value);
  }
  try {
    apolloCsrf.preventCsrf(headers, apolloCsrf.recommendedCsrfPreventionRequestHeaders);
    return false;
  } catch {
    return true;
  }
}
