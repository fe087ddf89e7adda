/** One request counted in its client's window, in the shape the Redis store (async-ratelimiter) reports it. */
export interface WindowCount {
  /** Requests the client had left in the window before this one (0: this one is over the limit). */
  remaining: number;
  /** When the window ends, in Unix seconds. */
  reset: number;
  total: number;
}

interface Window {
  remaining: number;
  endsAt: number;
}

/**
 * Fixed-window request counts per client in this process's memory, as koa-ratelimit's memory store keeps them, but
 * counted without a promise (the cache's front door answers a hit synchronously, and every promise pays for Strapi's
 * AsyncLocalStorage) and with the windows that have ended dropped, where that store keeps an entry for every client
 * address the process ever saw.
 */
export class MemoryWindows {
  private readonly windows = new Map<string, Window>();
  private sweepAt = 0;

  constructor(
    private readonly max: number,
    private readonly durationMs: number,
  ) {}

  count(id: string, now = Date.now()): WindowCount {
    // A client whose window has ended starts a new one on its next request: its old entry says nothing any more.
    if (now >= this.sweepAt) {
      for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
      this.sweepAt = now + this.durationMs;
    }
    let window = this.windows.get(id);
    if (!window || window.endsAt <= now) {
      window = { remaining: this.max, endsAt: now + this.durationMs };
      this.windows.set(id, window);
      return { remaining: this.max, reset: window.endsAt / 1000, total: this.max };
    }
    window.remaining = Math.max(0, window.remaining - 1);
    return { remaining: window.remaining, reset: window.endsAt / 1000, total: this.max };
  }

  /** How many clients have a window open (the tests tell by it that ended windows are dropped). */
  get size(): number {
    return this.windows.size;
  }
}
