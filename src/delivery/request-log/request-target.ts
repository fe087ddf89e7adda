/** Query parameters whose values are secrets or one-time keys: a preview's token, a reset or confirmation code, … */
const SECRET_NAME = /token|secret|passw|signature|key|code|confirmation|auth|session|jwt/i;
/** Query strings worth a closer look: a secret's name in it, or any percent-encoding (a name can be encoded). */
const MAY_HOLD_SECRET = new RegExp(`${SECRET_NAME.source}|%`, 'i');
const PARAMETER = /(^|&)([^=&]*)=([^&]*)/g;

function decodedName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}

/** Paths that carry a secret of their own: a journalist's private feed (/press/feed/<token>.atom). */
const SECRET_IN_PATH: [RegExp, string][] = [[/^(\/press\/feed\/)[^/?]+?(\.atom)?$/, '$1[redacted]$2']];

const redactedPath = (path: string): string =>
  SECRET_IN_PATH.reduce((shown, [pattern, replacement]) => shown.replace(pattern, replacement), path);

/**
 * What the request log shows of a request's target: its path (with a secret the path itself carries replaced by
 * `[redacted]`), and its query string with the value of every parameter named like a secret replaced in the same way
 * (a log is kept and shipped, and read by more people than the secret's holder). Without `?`, the query is empty.
 */
export function loggedTarget(url: string): { path: string; query: string } {
  const mark = url.indexOf('?');
  if (mark < 0) return { path: redactedPath(url), query: '' };
  const query = url.slice(mark + 1);
  const redacted = MAY_HOLD_SECRET.test(query)
    ? query.replace(PARAMETER, (parameter: string, start: string, name: string) =>
        SECRET_NAME.test(decodedName(name)) ? `${start}${name}=[redacted]` : parameter,
      )
    : query;
  return { path: redactedPath(url.slice(0, mark)), query: redacted };
}
