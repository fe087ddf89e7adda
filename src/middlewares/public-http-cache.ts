import type { ServerResponse } from 'node:http';
import type { Core } from '@strapi/strapi';
import etag from 'etag';
import {
  cacheControlHeader,
  cachePolicyFrom,
  graphqlQueryCacheKey,
  isPublicRead,
} from '../delivery/http-cache/cache-policy';
import { responseCacheFor } from '../delivery/http-cache/response-cache-registry';
import { publicReleasesOf } from '../read-side/read-model/public-releases';
import { surrogateKeyHeaders, surrogateKeysOf } from '../delivery/cdn/surrogate-keys';
import {
  chosenEncoding,
  encode,
  encodeAll,
  worthCompressing,
  type EncodedVariants,
} from '../delivery/http-cache/content-encoding';
import {
  rawHeaderNames,
  sendPublicAnswer,
  type AnswerContext,
  type PublicAnswer,
} from '../delivery/http-cache/send-cached-answer';
import { recordFrontDoorEnvelope } from '../delivery/http-cache/cache-front-door';

interface CacheContext extends AnswerContext {
  response: { get(field: string): string };
  request: { body?: unknown };
  query: Record<string, unknown>;
  state: Record<string, unknown>;
}

/**
 * Headers this middleware sets or stores apart (the type, the representation's length, encoding and ETag, caching),
 * and cookies, which are never replayed: every other header the handler set is stored with the answer, so that a hit
 * carries what the handler said (the reader page's own Content-Security-Policy, Content-Language, Link, …).
 */
const NOT_STORED = new Set([
  'content-type',
  'content-length',
  'content-encoding',
  'etag',
  'cache-control',
  'vary',
  'x-cache',
  'set-cookie',
]);

/** The headers set or changed since `before`, in the casing they were set with. */
function headersSetSince(before: Record<string, unknown>, res: ServerResponse): Record<string, string> {
  const set: Record<string, string> = {};
  for (const name of rawHeaderNames(res)) {
    const lower = name.toLowerCase();
    const value = res.getHeader(name);
    if (NOT_STORED.has(lower) || value === undefined || String(value) === String(before[lower] ?? '')) continue;
    set[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return set;
}
/** How Apollo's answer begins when it has errors (it writes `errors` first). */
const GRAPHQL_ERRORS = Buffer.from('{"errors":');

/**
 * Public reads: served from the response cache (in process, or shared through Redis) when possible, and
 * always with a strong ETag, Cache-Control from env and 304 Not Modified when the client already has those
 * bytes. A response that set its own Cache-Control (a preview's no-store, readiness) is left alone and never cached.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const cacheControl = cacheControlHeader(cachePolicyFrom());
  const cache = responseCacheFor(strapi);
  return async (ctx: CacheContext, next: () => Promise<unknown>) => {
    const anonymous = !ctx.get('authorization');
    const publicRead = isPublicRead(ctx.method, ctx.path, !anonymous, (field) => ctx.get(field));
    // An anonymous GraphQL query sent by POST (as GraphQL clients do) is a public read too, keyed by its body.
    const graphqlKey = publicRead
      ? undefined
      : graphqlQueryCacheKey(ctx.method, ctx.path, !anonymous, ctx.request.body);
    const key = cache.settings.enabled ? (publicRead ? ctx.url : graphqlKey) : undefined;
    const hit = key ? await cache.get(key) : undefined;
    if (hit) {
      recordFrontDoorEnvelope(strapi, ctx);
      sendPublicAnswer(ctx, hit, cacheControl, 'hit');
      return;
    }

    // Undefined when this response must not be stored (not cacheable, or the shared cache is unavailable).
    const generation = key ? cache.generation : undefined;
    // Read before the response is computed, so that no embargo can end unnoticed in between.
    if (generation !== undefined && cache.needsEmbargoHorizon())
      cache.setEmbargoHorizon(await publicReleasesOf(strapi).nextChange(), generation);
    const before = key ? { ...ctx.res.getHeaders() } : undefined;
    await next();
    const handlerHeaders = before ? headersSetSince(before, ctx.res) : {};
    if (ctx.status !== 200 || ctx.body === undefined || ctx.body === null) return;
    if (!publicRead && !graphqlKey) return;
    if (ctx.response.get('Cache-Control')) return;
    const body = ctx.body;
    // Encoded once here, so that a cache hit sends stored bytes rather than encoding the text again.
    let bytes: Buffer;
    if (Buffer.isBuffer(body)) bytes = body;
    else if (typeof body === 'string') bytes = Buffer.from(body, 'utf8');
    else if (typeof body === 'object' && typeof (body as { pipe?: unknown }).pipe !== 'function')
      bytes = Buffer.from(JSON.stringify(body), 'utf8');
    else return; // streams are neither hashed nor cached
    const tag = etag(bytes);
    const type = ctx.response.get('Content-Type');
    const locale = typeof ctx.query.locale === 'string' ? ctx.query.locale : undefined;
    const keys = surrogateKeysOf(ctx.path, locale, bytes, type, ctx.state.surrogateKeys as string[] | undefined);
    // A GraphQL answer with errors (a resolver that failed, a database outage) is not kept for the next client.
    const store =
      key !== undefined &&
      generation !== undefined &&
      !(graphqlKey && bytes.subarray(0, GRAPHQL_ERRORS.length).equals(GRAPHQL_ERRORS));
    const compressible = worthCompressing(type, bytes);
    const encoding = compressible ? chosenEncoding(ctx.get('accept-encoding')) : undefined;
    // Stored answers are compressed in every encoding once, here; others only in the one this client takes.
    let variants: EncodedVariants | undefined;
    if (compressible && store) variants = await encodeAll(bytes);
    else if (encoding) variants = { [encoding]: await encode(bytes, encoding) };
    const headers = { ...handlerHeaders, ...surrogateKeyHeaders(keys) };
    const answer: PublicAnswer = { body: bytes, type, etag: tag, headers, variants };
    if (store) await cache.set(key, answer, generation);
    sendPublicAnswer(ctx, answer, cacheControl, key ? 'miss' : undefined);
  };
};
