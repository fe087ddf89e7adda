import type { IncomingMessage } from 'node:http';
import type { Core } from '@strapi/strapi';
import { publicApiUrl } from '../../read-side/public-urls';
import { activityPubOn, isActivityPubPath, newsroomFederationOf } from './newsroom-federation';

/**
 * Hands the ActivityPub requests (WebFinger, the actor, its inbox and collections, the articles) to Fedify, which
 * takes and answers Fetch API requests. It runs before Strapi's body parser: an inbox's HTTP signature covers the
 * body's digest, which must be taken over the bytes as they came.
 */

/** The largest activity an inbox takes; Mastodon's own limit is 1 MB too. */
const MAX_BODY_BYTES = 1024 * 1024;

interface KoaContext {
  method: string;
  path: string;
  originalUrl: string;
  req: IncomingMessage;
  status: number;
  body: unknown;
  set(name: string, value: string): void;
}

class TooLarge extends Error {}

async function bodyOf(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new TooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

export function activityPubMiddleware(strapi: Core.Strapi) {
  // Decided once: settings are fixed at start, and reading them on every request costs the public path.
  if (!activityPubOn()) return (_ctx: KoaContext, next: () => Promise<unknown>) => next();
  return async (ctx: KoaContext, next: () => Promise<unknown>) => {
    if (!isActivityPubPath(ctx.path)) return next();
    let body: Buffer | undefined;
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      try {
        body = await bodyOf(ctx.req);
      } catch (error) {
        if (!(error instanceof TooLarge)) throw error;
        ctx.status = 413;
        ctx.body = { error: { status: 413, name: 'PayloadTooLargeError', message: 'An activity is 1 MB at most.' } };
        return;
      }
    }
    // The URL the sender signed: the public one (SERVER_URL), whatever proxy the request came through.
    const request = new Request(new URL(ctx.originalUrl, `${publicApiUrl(strapi)}/`), {
      method: ctx.method,
      headers: headersOf(ctx.req),
      body: body ? new Uint8Array(body) : undefined,
    });
    let notOurs = false;
    const response = await newsroomFederationOf(strapi).federation.fetch(request, {
      contextData: undefined,
      onNotFound: async () => {
        notOurs = true;
        return new Response(null, { status: 404 });
      },
    });
    if (notOurs) return next();
    ctx.status = response.status;
    response.headers.forEach((value, name) => ctx.set(name, value));
    ctx.body = Buffer.from(await response.arrayBuffer());
  };
}
