import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import fresh from 'fresh';
import { chosenEncoding, type EncodedBody, type Encoding } from './content-encoding';
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

/**
 * Sends one representation of an answer: compressed when the client takes an encoding it was compressed in, else the
 * identity, each with its own ETag; `Vary` tells shared caches the choice depends on Accept-Encoding.
 */
export function sendRepresentation(
  ctx: AnswerContext,
  identity: { body: Buffer | string; etag: string },
  encoded: EncodedBody | undefined,
  encoding?: Encoding,
): void {
  ctx.vary('Accept-Encoding');
  const chosen = encoded && encoding ? encoded : identity;
  if (chosen === encoded) ctx.set('Content-Encoding', encoding as Encoding);
  ctx.set('ETag', chosen.etag);
  ctx.body = chosen.body; // the bytes the ETag describes; the content type set earlier is kept
}

/** A 304 instead when the client already holds the representation it was about to be sent. */
export function notModifiedWhenFresh(ctx: AnswerContext): void {
  if (ctx.fresh) {
    ctx.status = 304;
    ctx.body = null;
  }
}

/** A cache hit as it is sent: status, the headers it adds to those the chain set before the cache, and the body. */
export interface HitAnswer {
  status: 200 | 304;
  /** Name and value pairs in the order they are set; not `Vary` (to which the cache adds Accept-Encoding). */
  headers: [string, string][];
  /** Their names in lower case: a header the chain set before the cache is replaced by the hit's own. */
  names: ReadonlySet<string>;
  body: Buffer | string | undefined;
}

const HIT_ANSWERS = new WeakMap<CachedResponse, Map<string, HitAnswer>>();

/**
 * The one description of what a hit sends (both the cache middleware and the front door send exactly this): the stored
 * bytes in the encoding the client takes, their ETag, or a 304 without a body when the client already holds them. The
 * same request headers always give the same answer for one entry, so it is made once per entry, encoding and status.
 */
export function hitAnswer(
  hit: CachedResponse,
  cacheControl: string,
  method: string,
  requestHeaders: IncomingHttpHeaders,
): HitAnswer {
  const encoding = hit.variants ? chosenEncoding(requestHeaders['accept-encoding'] ?? '') : undefined;
  const encoded = encoding ? hit.variants?.[encoding] : undefined;
  const chosen = encoded ?? { body: hit.body, etag: hit.etag };
  // As Koa decides `ctx.fresh`: only a GET or HEAD, on the representation's ETag.
  const notModified = (method === 'GET' || method === 'HEAD') && fresh(requestHeaders, { etag: chosen.etag });
  const key = `${encoded ? encoding : ''}|${notModified ? 304 : 200}|${cacheControl}`;
  let answers = HIT_ANSWERS.get(hit);
  const made = answers?.get(key);
  if (made) return made;
  const headers: [string, string][] = [];
  if (!notModified) headers.push(['Content-Type', hit.type]);
  for (const [field, value] of Object.entries(hit.headers)) headers.push([field, value]);
  headers.push(['Cache-Control', cacheControl], ['X-Cache', 'hit']);
  if (encoded) headers.push(['Content-Encoding', encoding as Encoding]);
  headers.push(['ETag', chosen.etag]);
  if (!notModified) headers.push(['Content-Length', String(Buffer.byteLength(chosen.body))]);
  const answer: HitAnswer = {
    status: notModified ? 304 : 200,
    headers,
    names: new Set(headers.map(([field]) => field.toLowerCase())),
    body: notModified ? undefined : chosen.body,
  };
  if (!answers) HIT_ANSWERS.set(hit, (answers = new Map()));
  answers.set(key, answer);
  return answer;
}

/** Answers a hit through Koa (the cache middleware): the same status, headers and body as hitAnswer describes. */
export function sendCachedHit(ctx: AnswerContext, hit: CachedResponse, cacheControl: string): void {
  const answer = hitAnswer(hit, cacheControl, ctx.method, ctx.req.headers);
  ctx.vary('Accept-Encoding');
  ctx.status = answer.status;
  for (const [field, value] of answer.headers) ctx.set(field, value);
  ctx.body = answer.body ?? null; // Koa keeps the type and length set above; a 304 has neither
}
