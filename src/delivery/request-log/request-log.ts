import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Core } from '@strapi/strapi';
import pino, { type Logger } from 'pino';
import { perApp } from '../../platform/app-registry/per-app';
import { settings, type Settings } from '../../platform/settings/newsroom-settings';
import { REQUEST_ID_HEADER, requestIdFor } from './request-id';
import { loggedTarget } from './request-target';

/** Which part of the app sent the answer: the cache's front door (a hit before Koa) or Koa's middleware chain. */
export type AnsweredBy = 'front-door' | 'koa';

/** One answered request, as either path reports it. */
export interface AnsweredRequest {
  method: string;
  /** The request's target as received (path and query); the log redacts secrets in the query. */
  url: string;
  status: number;
  /** Since the request reached the app. */
  durationMs: number;
  /** Body bytes sent; null when the body was streamed without a length. */
  bytes: number | null;
  requestId: string;
  /** What the response cache did (its X-Cache header): hit, miss, or none when it had no part in the answer. */
  cache: 'hit' | 'miss' | 'none';
  via: AnsweredBy;
  /** The client went away before the answer was complete. */
  aborted?: boolean;
}

export interface RequestLog {
  /** Whether LOG_LEVEL keeps request lines: when it does not, nothing is measured or written. */
  readonly enabled: boolean;
  record(answered: AnsweredRequest): void;
  /** Writes out what is still buffered (at shutdown). */
  flush(): Promise<void>;
}

/** The levels at which Strapi's request log (strapi::logger, at winston's `http`) wrote a line: kept as the rule. */
const LEVELS_WITH_REQUESTS: ReadonlySet<Settings['LOG_LEVEL']> = new Set(['http', 'verbose', 'debug', 'silly']);

export function logsRequests(level: Settings['LOG_LEVEL']): boolean {
  return LEVELS_WITH_REQUESTS.has(level);
}

const NO_REQUEST_LOG: RequestLog = { enabled: false, record: () => undefined, flush: async () => undefined };

/**
 * JSON lines on stdout, written off the request path: the line is formatted into a buffer and written by libuv's
 * thread pool (sonic-boom, asynchronous), where Node's own stdout writes to a pipe or a file synchronously, on the
 * request's time. What is still buffered at exit is written synchronously then (pino registers that).
 */
function stdoutRequestLog(): RequestLog {
  const logger: Logger<'http', true> = pino(
    {
      customLevels: { http: 30 },
      useOnlyCustomLevels: true,
      level: 'http',
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    pino.destination({ dest: 1, sync: false }),
  );
  return {
    enabled: true,
    record(answered) {
      const { path, query } = loggedTarget(answered.url);
      logger.http({
        method: answered.method,
        path,
        query: query || undefined,
        status: answered.status,
        duration_ms: Math.round(answered.durationMs * 100) / 100,
        bytes: answered.bytes,
        request_id: answered.requestId,
        cache: answered.cache,
        via: answered.via,
        aborted: answered.aborted,
      });
    },
    flush: () => new Promise((resolve) => logger.flush(() => resolve())),
  };
}

/** This app's request log: one writer for every path that answers (the front door, Koa, so GraphQL too). */
export function requestLogOf(strapi: Core.Strapi, values: Settings = settings()): RequestLog {
  return perApp(strapi, 'requestLog', () => (logsRequests(values.LOG_LEVEL) ? stdoutRequestLog() : NO_REQUEST_LOG));
}

/** What the Koa middleware reads of a context. */
interface LoggedContext {
  method: string;
  originalUrl: string;
  app: { proxy: boolean };
  req: IncomingMessage;
  res: ServerResponse;
  set(field: string, value: string): void;
}

/** Statuses whose answers have no body, whatever their headers say. */
const WITHOUT_BODY = new Set([204, 304]);

function bodyBytes(method: string, res: ServerResponse): number | null {
  if (method === 'HEAD' || WITHOUT_BODY.has(res.statusCode)) return 0;
  const length = res.getHeader('content-length');
  return length === undefined ? null : Number(length);
}

function cacheOutcome(res: ServerResponse): AnsweredRequest['cache'] {
  const cache = res.getHeader('x-cache');
  return cache === 'hit' || cache === 'miss' ? cache : 'none';
}

/**
 * The Koa side: every answer the chain sends (REST, GraphQL, the admin panel, errors, 429s) carries the request's id
 * and, when logging is on, is logged once it has been sent (its final status and length known then, the body
 * included in its duration).
 */
export function requestLogMiddleware(strapi: Core.Strapi) {
  const log = requestLogOf(strapi);
  return async (ctx: LoggedContext, next: () => Promise<unknown>): Promise<void> => {
    const started = log.enabled ? performance.now() : 0;
    const requestId = requestIdFor(ctx.req.headers['x-request-id'], ctx.app.proxy);
    ctx.set(REQUEST_ID_HEADER, requestId);
    if (log.enabled) {
      const { method, originalUrl: url, res } = ctx;
      res.once('close', () =>
        log.record({
          method,
          url,
          status: res.statusCode,
          durationMs: performance.now() - started,
          bytes: bodyBytes(method, res),
          requestId,
          cache: cacheOutcome(res),
          via: 'koa',
          aborted: res.writableFinished ? undefined : true,
        }),
      );
    }
    try {
      await next();
    } catch (error) {
      // Koa's error answer drops every header set so far and sets the error's own: the id goes with them.
      if (error instanceof Object) {
        const withHeaders = error as { headers?: Record<string, string> };
        withHeaders.headers = { ...withHeaders.headers, [REQUEST_ID_HEADER]: requestId };
      }
      throw error;
    }
  };
}
