import { settings, type Settings } from '../../platform/settings/newsroom-settings';
import type { EncodedVariants } from './content-encoding';

/**
 * What the public HTTP cache middleware needs from a response cache, in process (ResponseCache) or shared
 * through Redis (RedisResponseCache). The rules both keep:
 * - every write clears the cache, and a response computed before a write is never stored or served after it:
 *   the caller reads `generation` before computing and hands it back to `set`, which drops a stale one;
 * - no entry outlives the next embargo end (the horizon, read once per generation before computing), and
 *   the end of an embargo clears the cache like a write.
 */
export interface CachedResponse {
  body: string | Buffer;
  type: string;
  etag: string;
  headers: Record<string, string>;
  /** The same answer compressed (brotli, gzip), when it is worth compressing: a hit never compresses again. */
  variants?: EncodedVariants;
  validUntil: number;
}

export interface ResponseCacheSettings {
  enabled: boolean;
  ttlMs: number;
  maxEntries: number;
}

export type MaybePromise<T> = T | Promise<T>;

export interface PublicResponseCache {
  readonly settings: ResponseCacheSettings;
  /**
   * The content generation responses computed from now on belong to; undefined while unknown (nothing is served or
   * stored).
   */
  readonly generation: number | undefined;
  get(key: string): MaybePromise<CachedResponse | undefined>;
  /** Stores a response computed at `generation`; dropped when a write came in between. */
  set(key: string, entry: Omit<CachedResponse, 'validUntil'>, generation: number): MaybePromise<void>;
  /** True when the current generation has no embargo horizon yet. */
  needsEmbargoHorizon(): boolean;
  /** The next embargo end (ms since epoch, null: none pending), as read during `generation`. */
  setEmbargoHorizon(nextEnd: number | null, generation: number): void;
  /** Empties the cache (every instance's, when shared); takes effect here at once, even before it resolves. */
  clear(): MaybePromise<void>;
}

export function responseCacheSettingsFrom(values: Settings = settings()): ResponseCacheSettings {
  return {
    enabled: values.RESPONSE_CACHE,
    ttlMs: values.RESPONSE_CACHE_TTL_SECONDS * 1000,
    maxEntries: values.RESPONSE_CACHE_MAX_ENTRIES,
  };
}
