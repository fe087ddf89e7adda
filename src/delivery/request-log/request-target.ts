import { PRESS_FILE_PATH } from '../../read-side/read-model/press-file-links';

const literally = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Paths that carry a secret of their own: a journalist's signed download link, their private feed. */
const SECRET_IN_PATH: [RegExp, string][] = [
  [new RegExp(`^(${literally(PRESS_FILE_PATH)}).+$`), '$1[redacted]'],
  [/^(\/press\/feed\/)[^/?]+?(\.atom)?$/, '$1[redacted]$2'],
];

/** The path with the secret it carries replaced by `[redacted]`. */
const loggedPath = (path: string): string =>
  SECRET_IN_PATH.reduce((shown, [pattern, replacement]) => shown.replace(pattern, replacement), path);

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

/**
 * What the request log shows of a request's target: its path (with a secret the path itself carries replaced by
 * `[redacted]`), and its query string with the value of every parameter named like a secret replaced in the same way
 * (a log is kept and shipped, and read by more people than the secret's holder). Without `?`, the query is empty.
 */
export function loggedTarget(url: string): { path: string; query: string } {
  const mark = url.indexOf('?');
  if (mark < 0) return { path: loggedPath(url), query: '' };
  const query = url.slice(mark + 1);
  const redacted = MAY_HOLD_SECRET.test(query)
    ? query.replace(PARAMETER, (parameter: string, start: string, name: string) =>
        SECRET_NAME.test(decodedName(name)) ? `${start}${name}=[redacted]` : parameter,
      )
    : query;
  return { path: loggedPath(url.slice(0, mark)), query: redacted };
}
