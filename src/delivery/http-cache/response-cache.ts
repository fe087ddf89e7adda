/**
 * In-process cache of public read responses (issue 5), the default: a hit is a map lookup instead of the
 * query, populate, sanitize and serialise pipeline. Every content write clears it (a Document Service
 * middleware), and no entry outlives the next embargo end, so a release appears on time.
 */
import type { CachedResponse, PublicResponseCache, ResponseCacheSettings } from './public-response-cache';

export { responseCacheSettingsFrom } from './public-response-cache';
export type { CachedResponse, ResponseCacheSettings } from './public-response-cache';

export class ResponseCache implements PublicResponseCache {
  private readonly entries = new Map<string, CachedResponse>();
  /** When the next embargo ends (ms), undefined when unknown: entries must not outlive it. */
  private nextEmbargoEnd: number | null | undefined;
  /** Bumped by every clear: a response computed before a write must not be stored after it. */
  private generationCounter = 0;

  constructor(readonly settings: ResponseCacheSettings) {}

  get(key: string, now: number = Date.now()): CachedResponse | undefined {
    // An embargo ending changes what the public sees, like a write: in-flight responses must not be stored.
    if (this.nextEmbargoEnd != null && this.nextEmbargoEnd <= now) this.clear();
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.validUntil <= now) {
      this.entries.delete(key);
      return undefined;
    }
    // Map order is insertion order: re-inserting keeps recently used entries from eviction.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  get generation(): number {
    return this.generationCounter;
  }

  /** Stores a response computed while the cache was at `generation`; a stale one (a write since) is dropped. */
  set(key: string, entry: Omit<CachedResponse, 'validUntil'>, generation: number, now: number = Date.now()): void {
    if (generation !== this.generationCounter) return;
    const horizon = now + this.settings.ttlMs;
    const validUntil = this.nextEmbargoEnd ? Math.min(horizon, this.nextEmbargoEnd) : horizon;
    if (validUntil > now) this.store(key, { ...entry, validUntil });
  }

  /** Keeps an entry as it is (its validUntil included), evicting the least recently used beyond the limit. */
  store(key: string, entry: CachedResponse): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.settings.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  needsEmbargoHorizon(): boolean {
    return this.nextEmbargoEnd === undefined;
  }

  setEmbargoHorizon(nextEnd: number | null, generation: number = this.generationCounter): void {
    if (generation === this.generationCounter) this.nextEmbargoEnd = nextEnd;
  }

  clear(): void {
    this.generationCounter += 1;
    this.entries.clear();
    this.nextEmbargoEnd = undefined;
  }

  get size(): number {
    return this.entries.size;
  }
}
