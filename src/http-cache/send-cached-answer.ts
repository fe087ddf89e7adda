import type { IncomingMessage, ServerResponse } from 'node:http';
import { chosenEncoding, type EncodedBody, type Encoding } from './content-encoding';
import type { CachedResponse } from './public-response-cache';

/** What sending a public answer needs of a Koa context (the middleware's, or the cache's front door's own). */
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

/** Answers from the response cache: the stored bytes in the client's encoding, or 304. */
export function sendCachedHit(ctx: AnswerContext, hit: CachedResponse, cacheControl: string): void {
  ctx.status = 200;
  ctx.type = hit.type;
  for (const [field, value] of Object.entries(hit.headers)) ctx.set(field, value);
  ctx.set('Cache-Control', cacheControl);
  ctx.set('X-Cache', 'hit');
  const encoding = hit.variants ? chosenEncoding(ctx.get('accept-encoding')) : undefined;
  sendRepresentation(ctx, { body: hit.body, etag: hit.etag }, encoding && hit.variants?.[encoding], encoding);
  notModifiedWhenFresh(ctx);
}
