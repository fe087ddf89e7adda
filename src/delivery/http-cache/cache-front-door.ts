import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Core } from '@strapi/strapi';
import { publicRateLimitOf, RATE_LIMIT_HEADERS, type RateLimitCount } from '../rate-limit/public-rate-limit';
import type { CachedResponse } from './public-response-cache';
import { cacheControlHeader, cachePolicyFrom, isPublicRead } from './cache-policy';
import { responseCacheFor } from './response-cache-registry';
import { ResponseCache } from './response-cache';
import vary from 'vary';
import { hitAnswer, rawHeaderNames, type AnswerContext, type HitAnswer } from './send-cached-answer';
import { perApp } from '../../platform/app-registry/per-app';
import { REQUEST_ID_HEADER, requestIdFor } from '../request-log/request-id';
import { requestLogOf } from '../request-log/request-log';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;
/** Header names and values, one after the other, as `writeHead` takes them. */
type FlatHeaders = string[];
/** A header the chain set: its name as cased, in lower case, and its value. */
type EnvelopeHeader = [name: string, lower: string, value: string];
/** What the front door reads of Koa's request object. */
interface KoaRequest {
  method: string;
  path: string;
  url: string;
  ip: string;
  get(field: string): string;
}

/** The rate limit's own headers and the request's id: set per request, never part of an envelope. */
const PER_REQUEST = new Set(
  [...Object.values(RATE_LIMIT_HEADERS), REQUEST_ID_HEADER].map((name) => name.toLowerCase()),
);

interface FrontDoor {
  /**
   * Per kind of request: the headers the middleware chain had set when the cache middleware answered a hit, with the
   * cache's own addition to `Vary`, in the casing the chain gave them.
   */
  sent: Map<string, EnvelopeHeader[]>;
  /** Answers sent by the front door (the tests tell by it which path answered). */
  served: number;
}

function frontDoorOf(strapi: Core.Strapi): FrontDoor {
  return perApp(strapi, 'cacheFrontDoor', (): FrontDoor => ({ sent: new Map(), served: 0 }));
}

/** How many answers this app's front door has sent. */
export function frontDoorAnswers(strapi: Core.Strapi): number {
  return frontDoorOf(strapi).served;
}

/**
 * The requests the front door may answer: anonymous GETs without an Origin, the ones for which nothing in the chain
 * before the cache depends on the request beyond its path (CORS answers an Origin; credentials are never public).
 */
function qualifies(method: string | undefined, header: (field: 'origin' | 'authorization') => unknown): boolean {
  return method === 'GET' && !header('origin') && !header('authorization');
}

/** Requests of one kind get the same headers from the chain: Strapi's security headers depend on the path's prefix. */
function kindOf(path: string): string {
  const end = path.indexOf('/', 1);
  return end < 0 ? path.slice(1) : path.slice(1, end);
}

/**
 * Called by the cache middleware on a hit, before it sets anything: what the chain set so far (security headers, CORS'
 * Vary, and so on; not the per-request rate-limit count) is the envelope the front door will answer this kind with.
 */
export function recordFrontDoorEnvelope(strapi: Core.Strapi, ctx: AnswerContext): void {
  if (!qualifies(ctx.method, (field) => ctx.get(field))) return;
  const door = frontDoorOf(strapi);
  const kind = kindOf(ctx.path);
  if (door.sent.has(kind)) return;
  const headers: EnvelopeHeader[] = [];
  let varied = false;
  for (const name of rawHeaderNames(ctx.res)) {
    const lower = name.toLowerCase();
    if (PER_REQUEST.has(lower)) continue;
    const value = ctx.res.getHeader(name);
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [String(value)];
    if (lower === 'vary') {
      varied = true;
      headers.push([name, lower, vary.append(values.join(', '), 'Accept-Encoding')]);
    } else for (const each of values) headers.push([name, lower, each]);
  }
  if (!varied) headers.push(['Vary', 'vary', 'Accept-Encoding']);
  door.sent.set(kind, headers);
}

/**
 * A cache hit answered in front of Koa's middleware chain. The chain costs several times what sending a cached answer
 * does (a dozen async middlewares, header work), yet for a hit its outcome depends only on the request's kind and the
 * stored entry: the URL was answered 200 by the whole chain when it was stored, and every write since would have
 * cleared it. So the first hit of each kind goes through the chain, which records the headers it set up to the cache
 * (the envelope); later hits of that kind get that envelope, the same rate limiter, a request id and the request log,
 * and the cached answer sent by the same code as the middleware's (send-cached-answer.ts). Everything else (a miss,
 * HEAD, an Origin, credentials, a shared cache in Redis, a client over its rate limit) goes to Koa as before.
 */
export function openCacheFrontDoor(strapi: Core.Strapi): void {
  const cache = responseCacheFor(strapi);
  if (!(cache instanceof ResponseCache) || !cache.settings.enabled) return;
  const server = strapi.server.httpServer as Server;
  // Strapi's own listener (it hands the request to Koa) is the first one, added when the server was created.
  const [koa] = server.listeners('request') as Listener[];
  if (!koa) return;
  const door = frontDoorOf(strapi);
  const app = strapi.server.app as unknown as { request: object; proxy: boolean };
  const cacheControl = cacheControlHeader(cachePolicyFrom());
  const rateLimit = publicRateLimitOf(strapi);
  const log = requestLogOf(strapi);

  // The envelope with the answer's headers, the same for every request of one kind that gets this answer.
  const made = new WeakMap<HitAnswer, Map<EnvelopeHeader[], FlatHeaders>>();
  const unchanging = (envelope: EnvelopeHeader[], answer: HitAnswer): FlatHeaders => {
    let byEnvelope = made.get(answer);
    if (!byEnvelope) made.set(answer, (byEnvelope = new Map()));
    let headers = byEnvelope.get(envelope);
    if (headers) return headers;
    headers = [];
    // As through the chain, a header the answer sets replaces the chain's (the reader page's own CSP).
    for (const [name, lower, value] of envelope) if (!answer.names.has(lower)) headers.push(name, value);
    for (const [field, value] of answer.headers) headers.push(field, value);
    byEnvelope.set(envelope, headers);
    return headers;
  };

  const send = (
    res: ServerResponse,
    envelope: EnvelopeHeader[],
    requestId: string,
    limit: [string, string][],
    answer: HitAnswer,
  ): void => {
    const headers: FlatHeaders = [REQUEST_ID_HEADER, requestId];
    for (const [field, value] of limit) headers.push(field, value);
    res.writeHead(answer.status, headers.concat(unchanging(envelope, answer)));
    res.end(answer.body);
    door.served += 1;
  };

  // Koa's own request object without the rest of a context: its getters tell the path and the client's address (the
  // socket's, or a trusted proxy's header when the app is set to trust one) as the chain reads them.
  const requestOf = (req: IncomingMessage): KoaRequest => {
    const request = Object.create(app.request) as KoaRequest & { app: unknown; req: IncomingMessage };
    request.app = app;
    request.req = req;
    return request;
  };

  // A request that could not be answered here goes to Koa; one whose answer had begun is cut off.
  const failed = (req: IncomingMessage, res: ServerResponse) => (error: unknown) => {
    strapi.log.error(`Cache front door: ${(error as Error).message}`);
    if (!res.headersSent) koa.call(server, req, res);
    else res.destroy();
  };

  const reply = (
    req: IncomingMessage,
    res: ServerResponse,
    envelope: EnvelopeHeader[],
    hit: CachedResponse,
    counted: RateLimitCount | undefined,
    started: number,
  ): void => {
    // Over the limit: the chain answers the 429 (the count, already at zero, stays there).
    if (counted?.retryAfter !== undefined) return koa.call(server, req, res);
    const hitSent = hitAnswer(hit, cacheControl, 'GET', req.headers);
    const requestId = requestIdFor(req.headers['x-request-id'], app.proxy);
    send(res, envelope, requestId, counted?.headers ?? [], hitSent);
    if (!log.enabled) return;
    log.record({
      method: 'GET',
      url: req.url ?? '',
      status: hitSent.status,
      durationMs: performance.now() - started,
      bytes: hitSent.bodyBytes,
      requestId,
      cache: 'hit',
      via: 'front-door',
    });
  };

  // Without a promise: each one pays for Strapi's AsyncLocalStorage. The front door is open only with the in-memory
  // cache, so without REDIS_URL, and then the rate limit is counted in memory too, at once; a count that comes as a
  // promise (the Redis store) is still answered correctly, should the two ever be configured apart.
  const answer = (req: IncomingMessage, res: ServerResponse): void => {
    // On the raw request: an empty header counts as none, as Koa's ctx.get gives it.
    if (!qualifies(req.method, (field) => req.headers[field])) return koa.call(server, req, res);
    const started = log.enabled ? performance.now() : 0;
    const request = requestOf(req);
    const envelope = door.sent.get(kindOf(request.path));
    if (!envelope || !isPublicRead(request.method, request.path, false, (field) => request.get(field)))
      return koa.call(server, req, res);
    const hit = cache.get(request.url);
    if (!hit) return koa.call(server, req, res);
    const counted = rateLimit.count(request.path, request.ip);
    if (!(counted instanceof Promise)) return reply(req, res, envelope, hit, counted, started);
    counted.then((count) => reply(req, res, envelope, hit, count, started)).catch(failed(req, res));
  };

  server.removeListener('request', koa);
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    try {
      answer(req, res);
    } catch (error) {
      failed(req, res)(error);
    }
  });
}
