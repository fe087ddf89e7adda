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

/** Printable ASCII but `"` and `\\`: a JSON string holds it as it is (anything else is left to JSON.stringify). */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

function jsonString(text: string): string {
  return PLAIN.test(text) ? `"${text}"` : JSON.stringify(text);
}

/**
 * The request's line: a JSON object with fixed fields, in a fixed order. Written out field by field rather than by a
 * general serialiser (pino's costs several times as much per line, and the line is made on every request's time).
 */
export function requestLogLine(answered: AnsweredRequest, isoTime: string): string {
  const { path, query } = loggedTarget(answered.url);
  return (
    `{"level":"http","time":"${isoTime}","method":${jsonString(answered.method)},"path":${jsonString(path)}` +
    (query ? `,"query":${jsonString(query)}` : '') +
    `,"status":${answered.status},"duration_ms":${Math.round(answered.durationMs * 100) / 100}` +
    `,"bytes":${answered.bytes},"request_id":${jsonString(answered.requestId)}` +
    `,"cache":"${answered.cache}","via":"${answered.via}"${answered.aborted ? ',"aborted":true' : ''}}\n`
  );
}
