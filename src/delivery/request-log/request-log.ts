import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Core } from '@strapi/strapi';
import pino from 'pino';
import { perApp } from '../../platform/app-registry/per-app';
import { settings, type Settings } from '../../platform/settings/newsroom-settings';
import { REQUEST_ID_HEADER, requestIdFor } from './request-id';
import { requestLogLine, type AnsweredRequest } from './request-log-line';

export type { AnsweredRequest } from './request-log-line';

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

/** The time of a line as ISO 8601: made once per millisecond (a busy instance logs many requests in each). */
function isoTimeNow(): () => string {
  let made = 0;
  let iso = '';
  return () => {
    const now = Date.now();
    if (now !== made) {
      made = now;
      iso = new Date(now).toISOString();
    }
    return iso;
  };
}

/** How long lines gather before they are written together (a line is never held longer). */
const BATCH_MS = 10;

/**
 * JSON lines on stdout, written off the request path: lines gather for a few milliseconds and are handed together to
 * pino's asynchronous destination (sonic-boom), which writes them from libuv's thread pool, where Node's own stdout
 * writes to a pipe or a file synchronously, on the request's time. A write (a thread-pool task, a wake-up of the main
 * thread and of the process reading the pipe) is paid per batch, not per request. What is pending at exit is written
 * synchronously then.
 */
function stdoutRequestLog(): RequestLog {
  const destination = pino.destination({ dest: 1, sync: false });
  const now = isoTimeNow();
  let pending = '';
  let timer: NodeJS.Timeout | undefined;
  const hand = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!pending) return;
    destination.write(pending);
    pending = '';
  };
  process.once('exit', () => {
    try {
      hand();
      destination.flushSync();
    } catch {
      // The output is gone (a closed pipe): there is nowhere left to say so.
    }
  });
  return {
    enabled: true,
    record(answered) {
      if (!pending) timer = setTimeout(hand, BATCH_MS).unref();
      pending += requestLogLine(answered, now());
    },
    flush: () =>
      new Promise((resolve) => {
        hand();
        destination.flush(() => resolve());
      }),
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
