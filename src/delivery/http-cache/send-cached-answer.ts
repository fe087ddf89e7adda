import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import fresh from 'fresh';
import { chosenEncoding, type Encoding } from './content-encoding';
import type { CachedResponse } from './public-response-cache';

/** What sending a public answer needs of a Koa context. */
export interface AnswerContext {
  method: string;
  path: string;
  url: string;
  status: number;
  body: unknown;
  type: string;
  fresh: boolean;
  req: IncomingMessage;
  res: ServerResponse;
  get(field: string): string;
  set(field: string, value: string): void;
  vary(field: string): void;
}

/** A response's header names as they were cased (Node has kept them since 15.13; its types do not say so yet). */
export function rawHeaderNames(res: ServerResponse): string[] {
  return (res as ServerResponse & { getRawHeaderNames(): string[] }).getRawHeaderNames();
}

/** A public answer, stored in the response cache or about to be sent once. */
export type PublicAnswer = Omit<CachedResponse, 'validUntil'>;

/** What X-Cache says: served from the cache, computed and stored, or neither (the cache is off). */
export type CacheStatus = 'hit' | 'miss' | undefined;

/** A public answer as it is sent: status, the headers it adds to those the chain set before the cache, and the body. */
export interface HitAnswer {
  status: 200 | 304;
  /** Name and value pairs in the order they are set; not `Vary` (to which the cache adds Accept-Encoding). */
  headers: [string, string][];
  /** Their names in lower case: a header the chain set before the cache is replaced by the hit's own. */
  names: ReadonlySet<string>;
  body: Buffer | string | undefined;
  /** The body's length in bytes (none for a 304). */
  bodyBytes: number;
}

const HIT_ANSWERS = new WeakMap<PublicAnswer, Map<string, HitAnswer>>();

/**
 * The one description of what a public answer sends (the cache middleware on a miss and on a hit, and the front door,
 * send exactly this): the bytes in the encoding the client takes, their ETag, or a 304 without a body when the client
 * already holds them. The same request headers always give the same answer for one entry, so it is made once per
 * entry, encoding, status and cache status.
 */
export function hitAnswer(
  hit: PublicAnswer,
  cacheControl: string,
  method: string,
  requestHeaders: IncomingHttpHeaders,
  cacheStatus: CacheStatus = 'hit',
): HitAnswer {
  const encoding = hit.variants ? chosenEncoding(requestHeaders['accept-encoding'] ?? '') : undefined;
  const encoded = encoding ? hit.variants?.[encoding] : undefined;
  const chosen = encoded ?? { body: hit.body, etag: hit.etag };
  // As Koa decides `ctx.fresh`: only a GET or HEAD, on the representation's ETag.
  const notModified = (method === 'GET' || method === 'HEAD') && fresh(requestHeaders, { etag: chosen.etag });
  const key = `${encoded ? encoding : ''}|${notModified ? 304 : 200}|${cacheControl}|${cacheStatus}`;
  let answers = HIT_ANSWERS.get(hit);
  const made = answers?.get(key);
  if (made) return made;
  const headers: [string, string][] = [];
  if (!notModified) headers.push(['Content-Type', hit.type]);
  for (const [field, value] of Object.entries(hit.headers)) headers.push([field, value]);
  headers.push(['Cache-Control', cacheControl]);
  if (cacheStatus) headers.push(['X-Cache', cacheStatus]);
  if (encoded) headers.push(['Content-Encoding', encoding as Encoding]);
  headers.push(['ETag', chosen.etag]);
  const bodyBytes = notModified ? 0 : Buffer.byteLength(chosen.body);
  if (!notModified) headers.push(['Content-Length', String(bodyBytes)]);
  const answer: HitAnswer = {
    status: notModified ? 304 : 200,
    headers,
    names: new Set(headers.map(([field]) => field.toLowerCase())),
    body: notModified ? undefined : chosen.body,
    bodyBytes,
  };
  if (!answers) HIT_ANSWERS.set(hit, (answers = new Map()));
  answers.set(key, answer);
  return answer;
}

/** Answers through Koa (the cache middleware): the same status, headers and body as hitAnswer describes. */
export function sendPublicAnswer(
  ctx: AnswerContext,
  hit: PublicAnswer,
  cacheControl: string,
  cacheStatus: CacheStatus,
): void {
  const answer = hitAnswer(hit, cacheControl, ctx.method, ctx.req.headers, cacheStatus);
  ctx.vary('Accept-Encoding');
  ctx.status = answer.status;
  for (const [field, value] of answer.headers) ctx.set(field, value);
  ctx.body = answer.body ?? null; // Koa keeps the type and length set above; a 304 has neither
}
