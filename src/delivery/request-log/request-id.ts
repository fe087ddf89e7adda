import { randomUUID } from 'node:crypto';

/** The header a request id comes in with from a trusted proxy and goes out with on every answer. */
export const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * Printable ASCII without spaces, at most 200 characters: what proxies send (UUIDs, hex, Heroku's and nginx's ids),
 * and nothing that could break a log line or a header a client echoes back.
 */
const SANE_REQUEST_ID = /^[\x21-\x7e]{1,200}$/;

/**
 * The id of a request: the proxy's, when the app trusts its proxy (Koa's `app.proxy`, from IS_PROXIED: the same trust
 * as for X-Forwarded-For) and the value is sane; otherwise a new one. A client that reaches the app directly must not
 * choose the id under which its requests are logged.
 */
export function requestIdFor(incoming: string | string[] | undefined, proxyTrusted: boolean): string {
  if (proxyTrusted && typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming)) return incoming;
  return randomUUID();
}
