import type { IncomingMessage, OutgoingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { Core } from '@strapi/strapi';
import { publicRateLimitOf, type RateLimitContext } from '../rate-limit/public-rate-limit';
import { cacheControlHeader, cachePolicyFrom, isPublicRead } from './cache-policy';
import { responseCacheFor } from './response-cache-registry';
import { ResponseCache } from './response-cache';
import { sendCachedHit, type AnswerContext } from './send-cached-answer';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;
type KoaContext = AnswerContext & RateLimitContext;
type Middleware = (ctx: KoaContext, next: () => Promise<unknown>) => Promise<unknown>;

/** The rate limiter's own headers: counted per request, never part of an envelope. */
const RATE_LIMIT_HEADERS = ['x-ratelimit-remaining', 'x-ratelimit-reset', 'x-ratelimit-limit', 'retry-after'];

interface FrontDoor {
  /** Per kind of request: the headers the middleware chain had set when the cache middleware answered a hit. */
  envelopes: Map<string, OutgoingHttpHeaders>;
  /** Answers sent by the front door (the tests tell by it which path answered). */
  served: number;
}

const FRONT_DOOR = Symbol.for('newsroom.cacheFrontDoor');

function frontDoorOf(strapi: Core.Strapi): FrontDoor {
  const holder = strapi as unknown as { [FRONT_DOOR]?: FrontDoor };
  holder[FRONT_DOOR] ??= { envelopes: new Map(), served: 0 };
  return holder[FRONT_DOOR];
}

/** How many answers this app's front door has sent. */
export function frontDoorAnswers(strapi: Core.Strapi): number {
  return frontDoorOf(strapi).served;
}

/**
 * The requests the front door may answer: anonymous GETs without an Origin, the ones for which nothing in the chain
 * before the cache depends on the request beyond its path (CORS answers an Origin; credentials are never public).
 */
function qualifies(ctx: Pick<AnswerContext, 'method' | 'get'>): boolean {
  return ctx.method === 'GET' && !ctx.get('origin') && !ctx.get('authorization');
}

/** Requests of one kind get the same headers from the chain: Strapi's security headers depend on the path's prefix. */
function kindOf(path: string): string {
  return path.split('/', 2)[1] ?? '';
}

/**
 * Called by the cache middleware on a hit, before it sets anything: what the chain set so far (security headers, CORS'
 * Vary, and so on; not the per-request rate-limit count) is the envelope the front door will answer this kind with.
 */
export function recordFrontDoorEnvelope(strapi: Core.Strapi, ctx: AnswerContext): void {
  if (!qualifies(ctx)) return;
  const door = frontDoorOf(strapi);
  const kind = kindOf(ctx.path);
  if (door.envelopes.has(kind)) return;
  const headers = { ...ctx.res.getHeaders() };
  for (const name of RATE_LIMIT_HEADERS) delete headers[name];
  door.envelopes.set(kind, headers);
}

/**
 * A cache hit answered in front of Koa's middleware chain. The chain costs several times what sending a cached answer
 * does (a dozen async middlewares, header work), yet for a hit its outcome depends only on the request's kind and the
 * stored entry: the URL was answered 200 by the whole chain when it was stored, and every write since would have
 * cleared it. So the first hit of each kind goes through the chain, which records the headers it set up to the cache
 * (the envelope); later hits of that kind get that envelope, the same rate limiter and Strapi's own request log, and
 * the cached answer sent by the same code as the middleware's (send-cached-answer.ts). Everything else (a miss, HEAD,
 * an Origin, credentials, a shared cache in Redis, a client over its rate limit) goes to Koa as before.
 */
export function openCacheFrontDoor(strapi: Core.Strapi): void {
  const cache = responseCacheFor(strapi);
  if (!(cache instanceof ResponseCache) || !cache.settings.enabled) return;
  const server = strapi.server.httpServer as Server;
  // Strapi's own listener (it hands the request to Koa) is the first one, added when the server was created.
  const [koa] = server.listeners('request') as Listener[];
  if (!koa) return;
  const door = frontDoorOf(strapi);
  const app = strapi.server.app as unknown as { createContext(req: IncomingMessage, res: ServerResponse): KoaContext };
  const cacheControl = cacheControlHeader(cachePolicyFrom());
  const rateLimit = publicRateLimitOf(strapi);
  const logger = (
    strapi.get('middlewares') as { get(uid: string): (config: unknown, context: { strapi: Core.Strapi }) => Middleware }
  ).get('strapi::logger')({}, { strapi });

  const answer = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const ctx = app.createContext(req, res);
    if (!qualifies(ctx)) return koa.call(server, req, res);
    const envelope = door.envelopes.get(kindOf(ctx.path));
    if (!envelope || !isPublicRead(ctx.method, ctx.path, false, (field) => ctx.get(field)))
      return koa.call(server, req, res);
    const hit = cache.get(ctx.url);
    if (!hit) return koa.call(server, req, res);
    let allowed = false;
    await rateLimit(ctx, async () => {
      allowed = true;
    });
    // Over the limit: the chain answers the 429 (the limiter, already at zero, stays there).
    if (!allowed) return koa.call(server, req, res);
    await logger(ctx, async () => {
      for (const [name, value] of Object.entries(envelope)) if (value !== undefined) res.setHeader(name, value);
      sendCachedHit(ctx, hit, cacheControl);
      door.served += 1;
      const body = ctx.body;
      res.end(Buffer.isBuffer(body) || typeof body === 'string' ? body : undefined);
    });
  };

  server.removeListener('request', koa);
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    answer(req, res).catch((error: unknown) => {
      strapi.log.error(`Cache front door: ${(error as Error).message}`);
      if (!res.headersSent) {
        for (const name of res.getHeaderNames()) res.removeHeader(name);
        koa.call(server, req, res);
      } else res.destroy();
    });
  });
}
