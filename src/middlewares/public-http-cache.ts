import etag from 'etag';
import { cacheControlHeader, cachePolicyFromEnv, isPublicRead } from '../http-cache/cache-policy';

interface CacheContext {
  method: string;
  path: string;
  status: number;
  body: unknown;
  fresh: boolean;
  get(field: string): string;
  set(field: string, value: string): void;
  response: { get(field: string): string };
}

/**
 * HTTP caching for public reads: a strong ETag on every 200, Cache-Control from env, and 304 Not Modified
 * when the client already has those bytes (If-None-Match). A response that set its own Cache-Control
 * (e.g. a preview's no-store) keeps it.
 */
export default () => {
  const cacheControl = cacheControlHeader(cachePolicyFromEnv());
  return async (ctx: CacheContext, next: () => Promise<unknown>) => {
    await next();
    if (ctx.status !== 200 || ctx.body === undefined || ctx.body === null) return;
    if (!isPublicRead(ctx.method, ctx.path, Boolean(ctx.get('authorization')))) return;
    if (ctx.response.get('Cache-Control')) return;
    const body = ctx.body;
    let bytes: string | Buffer;
    if (typeof body === 'string' || Buffer.isBuffer(body)) bytes = body;
    else if (typeof body === 'object' && typeof (body as { pipe?: unknown }).pipe !== 'function') {
      bytes = JSON.stringify(body);
      ctx.body = bytes; // the bytes the ETag describes; the JSON content type set earlier is kept
    } else return; // streams are not hashed
    ctx.set('ETag', etag(bytes));
    ctx.set('Cache-Control', cacheControl);
    if (ctx.fresh) {
      ctx.status = 304;
      ctx.body = null;
    }
  };
};
