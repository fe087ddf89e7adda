import { PRESS_FILE_PATH, PRESS_KIT_PATH } from '../../read-side/read-model/press-file-links';

/** A journalist's private feed: /press/feed/<token>.atom. */
const PRIVATE_FEED = /^(\/press\/feed\/)[^/?]+?(\.atom)?$/;

/** The path with the secret it carries (a signed download link's token, a private feed's) replaced by `[redacted]`. */
function loggedPath(path: string): string {
  for (const signed of [PRESS_FILE_PATH, PRESS_KIT_PATH])
    if (path.startsWith(signed) && path.length > signed.length) return `${signed}[redacted]`;
  return path.replace(PRIVATE_FEED, '$1[redacted]$2');
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
