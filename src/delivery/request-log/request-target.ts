import { PRESS_FILE_PATH } from '../../read-side/read-model/press-file-links';

/** Paths whose last segment is a secret: a journalist's signed download link. */
const SECRET_PATH_PREFIXES = [PRESS_FILE_PATH];

/** The path with the secret segment of a signed link replaced by `[redacted]`. */
function loggedPath(path: string): string {
  const prefix = SECRET_PATH_PREFIXES.find((start) => path.startsWith(start) && path.length > start.length);
  return prefix ? `${prefix}[redacted]` : path;
}

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
 * What the request log shows of a request's target: its path (a signed link's token redacted), and its query string
 * with the value of every parameter named like a secret replaced by `[redacted]` (a log is kept and shipped, and read
 * by more people than the secret's holder). Without `?`, the query is empty.
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
