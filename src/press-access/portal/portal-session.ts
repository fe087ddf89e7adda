import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { publicApiUrl } from '../../read-side/public-urls';
import type { SignedInUser } from '../journalist-audience';

/**
 * The portal's session and its protection against cross-site requests.
 *
 * The session cookie holds a Users & Permissions JWT issued at log-in by the plugin's own jwt service, for
 * SESSION_HOURS rather than the API's default lifetime: the portal reads it as the press API reads a bearer token
 * (verified by the same service, the account read on every request), so there is one kind of credential for a
 * journalist. The cookie is HttpOnly, SameSite=Lax, limited to /press, and Secure when the site is served over https.
 * Each session's JWT names a random session id; log-out removes the cookie and records the id as ended (as its SHA-256,
 * until the JWT would have expired), so a copy of the cookie taken before is refused after. Every request reads the
 * account and accreditation again (a suspension or revocation holds from the next request).
 *
 * Cross-site requests: every form carries a token that is an HMAC of a random per-browser cookie and of the session
 * (OWASP's "signed double-submit cookie", bound to the session). A page of another site can neither read the
 * token nor compute it, and a token made for one session is refused in another.
 */

export const SESSION_COOKIE = 'newsroom_press_session';
export const CSRF_COOKIE = 'newsroom_press_csrf';
export const LANGUAGE_COOKIE = 'newsroom_press_language';
export const CSRF_FIELD = '_csrf';
export const SESSION_HOURS = 12;

const USER_UID = 'plugin::users-permissions.user';

/** Log-outs: the ended sessions' ids, as SHA-256 (database/migrations/…press-portal-ended-sessions.sql). */
export const PRESS_ENDED_SESSIONS = 'newsroom_press_ended_sessions';

export interface SessionClaims {
  id?: number;
  /** The portal session's id: a press API token has none, and is not a portal session. */
  session?: string;
  exp?: number;
}

interface JwtService {
  issue(payload: { id: number; session: string }, options?: { expiresIn?: string }): string;
  verify(token: string): Promise<SessionClaims>;
}

const sessionHash = (session: string) => createHash('sha256').update(session).digest('hex');

const jwtService = (strapi: Core.Strapi) => strapi.plugin('users-permissions').service('jwt') as JwtService;

/** Cookies the portal sets: never readable by a script, sent by a browser only to /press. */
export function setPortalCookie(
  strapi: Core.Strapi,
  ctx: Context,
  name: string,
  value: string | null,
  maxAgeMs?: number,
): void {
  // Koa refuses a Secure cookie on a request it sees as plain http (a proxy in front): the site's URL decides.
  ctx.cookies.secure = publicApiUrl(strapi).startsWith('https:');
  ctx.cookies.set(name, value, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/press',
    overwrite: true,
    signed: false,
    ...(maxAgeMs ? { maxAge: maxAgeMs } : {}),
  });
}

/** A new portal session's JWT: the journalist, and a random session id that a log-out can end. */
export function issueSessionToken(strapi: Core.Strapi, journalistId: number): string {
  const session = randomBytes(16).toString('base64url');
  return jwtService(strapi).issue({ id: journalistId, session }, { expiresIn: `${SESSION_HOURS}h` });
}

/** Starts a session for the journalist (after Users & Permissions checked the password). */
export function startSession(strapi: Core.Strapi, ctx: Context, journalistId: number): void {
  setPortalCookie(strapi, ctx, SESSION_COOKIE, issueSessionToken(strapi, journalistId), SESSION_HOURS * 3600 * 1000);
}

/** The session's claims when its JWT is valid (and its session not ended: sessionEnded), null otherwise. */
async function sessionClaims(strapi: Core.Strapi, ctx: Context): Promise<Required<SessionClaims> | null> {
  const token = ctx.cookies.get(SESSION_COOKIE);
  if (!token) return null;
  let claims: SessionClaims;
  try {
    claims = await jwtService(strapi).verify(token);
  } catch {
    return null;
  }
  const { id, session, exp } = claims;
  if (typeof id !== 'number' || typeof session !== 'string' || typeof exp !== 'number') return null;
  return { id, session, exp };
}

/**
 * Whether these JWT claims are of a portal session ended by a log-out. Users & Permissions' own JWT check asks it
 * (src/extensions/users-permissions/strapi-server.ts), so an ended session's JWT is refused everywhere: on the portal,
 * and as a bearer token on the API.
 */
export async function sessionEnded(strapi: Core.Strapi, claims: SessionClaims): Promise<boolean> {
  if (typeof claims.session !== 'string') return false;
  const ended = await strapi.db
    .connection(PRESS_ENDED_SESSIONS)
    .where({ session_sha256: sessionHash(claims.session) })
    .first('session_sha256');
  return Boolean(ended);
}

/** Log-out: the cookie goes, and the session is refused from now on, whoever holds a copy of it. */
export async function endSession(strapi: Core.Strapi, ctx: Context): Promise<void> {
  const claims = await sessionClaims(strapi, ctx);
  if (claims) {
    const knex = strapi.db.connection;
    await knex(PRESS_ENDED_SESSIONS)
      .insert({ session_sha256: sessionHash(claims.session), expires_at: new Date(claims.exp * 1000) })
      .onConflict('session_sha256')
      .ignore();
    // Ended sessions are kept only while their JWT could still be shown.
    await knex(PRESS_ENDED_SESSIONS).where('expires_at', '<', new Date()).delete();
  }
  setPortalCookie(strapi, ctx, SESSION_COOKIE, null);
}

/**
 * The signed-in user of a portal request: the session's JWT verified and not logged out, the account read now (with
 * its role), and refused if it is blocked or unconfirmed since. Null when there is no valid session.
 */
export async function userOfSession(strapi: Core.Strapi, ctx: Context): Promise<SignedInUser | null> {
  const claims = await sessionClaims(strapi, ctx);
  if (!claims) return null;
  const user = (await strapi.db.query(USER_UID).findOne({
    where: { id: claims.id },
    select: ['id', 'username', 'email', 'confirmed', 'blocked'],
    populate: { role: { select: ['type'] } },
  })) as SignedInUser | null;
  return user && user.confirmed && !user.blocked ? user : null;
}

/** The key of the form tokens, derived from the Users & Permissions JWT secret (one secret less to configure). */
const csrfKey = (strapi: Core.Strapi): Buffer =>
  createHmac('sha256', String(strapi.config.get('plugin::users-permissions.jwtSecret')))
    .update('newsroom press portal forms')
    .digest();

const tokenFor = (strapi: Core.Strapi, browser: string, session: string): string =>
  createHmac('sha256', csrfKey(strapi)).update(`${browser}\n${session}`).digest('base64url');

/** The token the forms of this page carry (the browser's random cookie is set on its first page). */
export function formToken(strapi: Core.Strapi, ctx: Context): string {
  let browser = (ctx.state.pressCsrfCookie as string | undefined) ?? ctx.cookies.get(CSRF_COOKIE);
  if (!browser || !/^[A-Za-z0-9_-]{43}$/.test(browser)) {
    browser = randomBytes(32).toString('base64url');
    setPortalCookie(strapi, ctx, CSRF_COOKIE, browser);
    // The new value is what later calls in this request read too.
    ctx.state.pressCsrfCookie = browser;
  }
  return tokenFor(strapi, browser, ctx.cookies.get(SESSION_COOKIE) ?? '');
}

/** Whether a posted form carries the token of this browser and session. */
export function formTokenValid(strapi: Core.Strapi, ctx: Context, posted: unknown): boolean {
  const browser = ctx.cookies.get(CSRF_COOKIE);
  if (!browser || typeof posted !== 'string') return false;
  const expected = Buffer.from(tokenFor(strapi, browser, ctx.cookies.get(SESSION_COOKIE) ?? ''));
  const given = Buffer.from(posted);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
