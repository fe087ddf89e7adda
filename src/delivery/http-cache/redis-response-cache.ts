/**
 * The public response cache shared through Redis (REDIS_URL), so that several app instances stay consistent.
 *
 * - A generation number lives in Redis (`<prefix>cache:generation`). A clear increments it and publishes the
 *   new value in one script; every instance subscribes and learns it at once.
 * - Entries are stored under their generation (`<prefix>cache:<generation>:<url>`, `SET … PX`), so a response
 *   computed before a write lands under an old generation and is never read again; old entries expire.
 * - A hit is one GET, or none: each instance keeps a small local copy of the current generation's entries.
 * - While the generation is unknown (Redis unreachable, the subscriber reconnecting, a clear not yet
 *   acknowledged) nothing is served or stored: public reads are answered by the app.
 */
import type Redis from 'ioredis';
import type { CachedResponse, PublicResponseCache, ResponseCacheSettings } from './public-response-cache';
import { ResponseCache } from './response-cache';
import type { RedisLog } from '../../platform/redis/redis-connection';
import type { EncodedBody, EncodedVariants, Encoding } from './content-encoding';

export interface RedisResponseCacheOptions {
  /** For commands; may be shared with other users. */
  client: Redis;
  /** A connection of its own: a subscribed connection can run no other command. */
  subscriber: Redis;
  prefix: string;
  settings: ResponseCacheSettings;
  log: RedisLog;
}

// Reads the generation (creating it when missing), and with ARGV[2] == 'bump' increments and publishes it,
// atomically, so the published values arrive in order. A missing generation starts at the current time
// (ARGV[1]), so that after Redis loses its data the numbers keep growing and never reuse an old one.
const GENERATION_SCRIPT = `
local generation = redis.call('GET', KEYS[1])
if not generation then
  generation = ARGV[1]
  redis.call('SET', KEYS[1], generation)
end
if ARGV[2] == 'bump' then
  generation = redis.call('INCR', KEYS[1])
  redis.call('PUBLISH', ARGV[3], generation)
end
return tonumber(generation)
`;

const RETRY_MS = 1000;
// ioredis's words for a command refused or cut off because the connection is down (reported by the connection).
const CONNECTION_LOST = /Stream isn't writeable|Connection is closed/;

export class RedisResponseCache implements PublicResponseCache {
  readonly settings: ResponseCacheSettings;
  private readonly client: Redis;
  private readonly subscriber: Redis;
  private readonly log: RedisLog;
  private readonly generationKey: string;
  private readonly channel: string;
  private readonly entryPrefix: string;
  /** The current generation's entries, as served here (no round trip). */
  private readonly local: ResponseCache;

  /** The highest generation seen from Redis since the subscription was last (re)established. */
  private latestSeen: number | undefined;
  private subscribed = false;
  private clearsInFlight = 0;
  /** A clear that could not reach Redis: nothing is served until one does. */
  private clearOwed = false;
  private known: number | undefined;
  private horizon: { generation: number; nextEnd: number | null } | undefined;
  private syncing: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private commandsFailing = false;
  private stopped = false;
  private readonly onClientReady = () => void this.synchronise();

  constructor(options: RedisResponseCacheOptions) {
    this.settings = options.settings;
    this.client = options.client;
    this.subscriber = options.subscriber;
    this.log = options.log;
    this.generationKey = `${options.prefix}cache:generation`;
    this.channel = `${options.prefix}cache:generation`;
    this.entryPrefix = `${options.prefix}cache:`;
    this.local = new ResponseCache(options.settings);

    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.see(Number(message));
    });
    this.subscriber.on('ready', () => void this.synchronise());
    // Messages may have been missed while disconnected: forget everything until resynchronised.
    this.subscriber.on('close', () => {
      this.subscribed = false;
      this.latestSeen = undefined;
      this.refresh();
    });
    this.subscriber.on('end', () => this.stop());
    this.client.on('ready', this.onClientReady);
    void this.synchronise();
  }

  get generation(): number | undefined {
    return this.known;
  }

  async get(key: string, now: number = Date.now()): Promise<CachedResponse | undefined> {
    const generation = this.known;
    if (generation === undefined) return undefined;
    if (this.horizon?.generation === generation && this.horizon.nextEnd !== null && this.horizon.nextEnd <= now) {
      void this.clear(); // an embargo ended: what the public sees changed, as with a write
      return undefined;
    }
    const local = this.local.get(key, now);
    if (local) return local;
    let stored: Buffer | null;
    try {
      stored = await this.client.getBuffer(this.entryKey(generation, key));
      this.commandSucceeded();
    } catch (error) {
      this.commandFailed(error);
      return undefined;
    }
    if (stored === null || this.known !== generation) return undefined;
    const entry = decodeEntry(stored);
    if (!entry || entry.validUntil <= Date.now()) return undefined;
    this.local.store(key, entry);
    return entry;
  }

  async set(
    key: string,
    entry: Omit<CachedResponse, 'validUntil'>,
    generation: number,
    now: number = Date.now(),
  ): Promise<void> {
    if (generation !== this.known) return;
    const nextEnd = this.horizon?.generation === generation ? this.horizon.nextEnd : null;
    const validUntil = Math.min(now + this.settings.ttlMs, nextEnd ?? Infinity);
    const ttlMs = Math.floor(validUntil - now);
    if (ttlMs < 1) return;
    const full: CachedResponse = { ...entry, validUntil };
    this.local.store(key, full);
    try {
      await this.client.set(this.entryKey(generation, key), encodeEntry(full), 'PX', ttlMs);
      this.commandSucceeded();
    } catch (error) {
      this.commandFailed(error);
    }
  }

  needsEmbargoHorizon(): boolean {
    return this.known !== undefined && this.horizon?.generation !== this.known;
  }

  setEmbargoHorizon(nextEnd: number | null, generation: number): void {
    if (generation === this.known) this.horizon = { generation, nextEnd };
  }

  /** Stops serving at once; resolves when every instance has been told (or Redis failed and a retry is due). */
  async clear(): Promise<void> {
    this.clearsInFlight += 1;
    this.refresh();
    try {
      this.see(await this.generationScript(true));
      this.clearOwed = false;
    } catch (error) {
      this.clearOwed = true;
      this.commandFailed(error);
      this.scheduleSynchronise();
    } finally {
      this.clearsInFlight -= 1;
      this.refresh();
    }
  }

  /** Stops listening and retrying (the connections themselves belong to their owner). */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.client.off('ready', this.onClientReady);
    this.subscribed = false;
    this.refresh();
  }

  private entryKey(generation: number, url: string): string {
    return `${this.entryPrefix}${generation}:${url}`;
  }

  private async generationScript(bump: boolean): Promise<number> {
    const result = await this.client.eval(
      GENERATION_SCRIPT,
      1,
      this.generationKey,
      String(Date.now()),
      bump ? 'bump' : 'read',
      this.channel,
    );
    return Number(result);
  }

  private see(generation: number): void {
    if (!Number.isFinite(generation)) return;
    this.latestSeen = this.latestSeen === undefined ? generation : Math.max(this.latestSeen, generation);
    this.refresh();
  }

  /** The generation served: only while subscribed, with no clear in flight or owed. */
  private refresh(): void {
    const usable = !this.stopped && this.subscribed && this.clearsInFlight === 0 && !this.clearOwed;
    const next = usable ? this.latestSeen : undefined;
    if (next === this.known) return;
    this.known = next;
    this.local.clear();
    this.horizon = undefined;
  }

  /** (Re)subscribes and reads the generation, settling an owed clear first; needs both connections up. */
  private synchronise(): Promise<void> {
    if (this.stopped || this.syncing) return this.syncing ?? Promise.resolve();
    if (this.client.status !== 'ready' || this.subscriber.status !== 'ready') return Promise.resolve();
    this.syncing = (async () => {
      try {
        await this.subscriber.subscribe(this.channel);
        const owed = this.clearOwed;
        const generation = await this.generationScript(owed);
        if (owed) this.clearOwed = false;
        this.subscribed = this.subscriber.status === 'ready';
        this.see(generation);
        this.commandSucceeded();
      } catch (error) {
        this.commandFailed(error);
        this.scheduleSynchronise();
      } finally {
        this.syncing = undefined;
      }
    })();
    return this.syncing;
  }

  private scheduleSynchronise(): void {
    if (this.stopped || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.synchronise();
    }, RETRY_MS);
    this.retryTimer.unref();
  }

  // Unreachable Redis is reported by the connection itself; here only failures on a live connection
  // (timeouts), once until a command works again.
  private commandFailed(error: unknown): void {
    const message = (error as Error).message ?? String(error);
    if (this.commandsFailing || this.client.status !== 'ready' || CONNECTION_LOST.test(message)) return;
    this.commandsFailing = true;
    this.log.warn(`Response cache: a Redis command failed (${message}); answering from the app meanwhile.`);
  }

  private commandSucceeded(): void {
    if (!this.commandsFailing) return;
    this.commandsFailing = false;
    this.log.info('Response cache: Redis commands work again.');
  }
}

// Stored as one line of JSON (type, ETag, headers, validity, whether the body is binary), a newline, the body.
interface StoredHead {
  type: string;
  etag: string;
  headers: Record<string, string>;
  validUntil: number;
  binary: boolean;
  /** The compressed variants' ETags and lengths, in the order their bytes follow the identity's. */
  variants?: { encoding: Encoding; etag: string; length: number }[];
}

/** One buffer: a JSON head line, then the identity bytes, then each compressed variant's bytes. */
function encodeEntry(entry: CachedResponse): Buffer {
  const variants = Object.entries(entry.variants ?? {}) as [Encoding, EncodedBody][];
  const body = Buffer.isBuffer(entry.body) ? entry.body : Buffer.from(entry.body, 'utf8');
  const head: StoredHead = {
    type: entry.type,
    etag: entry.etag,
    headers: entry.headers,
    validUntil: entry.validUntil,
    binary: Buffer.isBuffer(entry.body),
    variants: variants.map(([encoding, variant]) => ({ encoding, etag: variant.etag, length: variant.body.length })),
  };
  return Buffer.concat([
    Buffer.from(`${JSON.stringify(head)}\n`, 'utf8'),
    body,
    ...variants.map(([, variant]) => variant.body),
  ]);
}

function decodeEntry(stored: Buffer): CachedResponse | undefined {
  const newline = stored.indexOf(0x0a);
  if (newline < 0) return undefined;
  try {
    const head = JSON.parse(stored.subarray(0, newline).toString('utf8')) as StoredHead;
    const variantBytes = (head.variants ?? []).reduce((sum, variant) => sum + variant.length, 0);
    let offset = stored.length - variantBytes;
    const body = stored.subarray(newline + 1, offset);
    const variants: EncodedVariants = {};
    for (const variant of head.variants ?? []) {
      variants[variant.encoding] = {
        etag: variant.etag,
        body: Buffer.from(stored.subarray(offset, offset + variant.length)),
      };
      offset += variant.length;
    }
    return {
      type: head.type,
      etag: head.etag,
      headers: head.headers,
      validUntil: head.validUntil,
      body: head.binary ? Buffer.from(body) : body.toString('utf8'),
      ...(head.variants?.length ? { variants } : {}),
    };
  } catch {
    return undefined;
  }
}
