/**
 * Redis for an app instance (REDIS_URL): one shared command connection, plus dedicated ones for whoever
 * needs a connection to itself (a pub/sub subscriber can run no other command). Redis is an optimisation
 * here, never a dependency: a command fails fast instead of waiting for a connection, the connections
 * reconnect forever in the background, and an outage is logged once, when it starts and when it ends.
 */
import type { Core } from '@strapi/strapi';
import Redis, { type RedisOptions } from 'ioredis';
import { settings, type Settings } from '../settings/newsroom-settings';
import { madeForApp, perApp } from '../app-registry/per-app';

export interface RedisSettings {
  url: string;
  /** Prepended to every key and channel, so that several deployments can share one Redis. */
  prefix: string;
}

export interface RedisLog {
  warn(message: string): void;
  info(message: string): void;
}

export function redisSettingsFrom(values: Settings = settings()): RedisSettings | null {
  return values.REDIS_URL ? { url: values.REDIS_URL, prefix: values.REDIS_PREFIX } : null;
}

// A request must never hang on Redis: nothing is queued while disconnected (a command fails at once),
// a command gets at most half a second, a connection attempt two; reconnection never gives up.
export const REDIS_CONNECTION_OPTIONS: RedisOptions = {
  connectTimeout: 2000,
  commandTimeout: 500,
  maxRetriesPerRequest: 1,
  enableOfflineQueue: false,
  retryStrategy: (attempt: number) => Math.min(attempt * 250, 2000),
};

/** The URL without its password, for logs. */
export function redactedRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'REDIS_URL';
  }
}

/** An app instance's Redis connections, closed together when the app shuts down. */
export class RedisConnections {
  private sharedConnection: Redis | undefined;
  private readonly connections = new Set<Redis>();
  /** Connections currently failing: the outage is logged when the first one fails and when the last recovers. */
  private readonly failing = new Set<string>();
  private closed = false;

  constructor(
    readonly settings: RedisSettings,
    private readonly log: RedisLog,
  ) {}

  /** The connection for ordinary commands, shared by every user in this app instance. */
  get shared(): Redis {
    this.sharedConnection ??= this.open('commands');
    return this.sharedConnection;
  }

  /** A connection of its own (e.g. a subscriber), closed with the others. */
  open(purpose: string): Redis {
    if (this.closed) throw new Error('The Redis connections of this app instance are closed.');
    const connection = new Redis(this.settings.url, REDIS_CONNECTION_OPTIONS);
    // Without an 'error' listener ioredis prints every failed reconnection attempt.
    connection.on('error', (error: Error) => {
      if (this.failing.size === 0 && !this.closed) {
        this.log.warn(
          `Redis at ${redactedRedisUrl(this.settings.url)} is unreachable (${error.message}); ` +
            `working without it (public reads answered by the app) until it is back.`,
        );
      }
      this.failing.add(purpose);
    });
    connection.on('ready', () => {
      if (!this.failing.delete(purpose) || this.failing.size > 0) return;
      this.log.info(`Redis at ${redactedRedisUrl(this.settings.url)} is reachable again.`);
    });
    this.connections.add(connection);
    return connection;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(
      [...this.connections].map(async (connection) => {
        try {
          if (connection.status === 'ready') await connection.quit();
          else connection.disconnect();
        } catch {
          connection.disconnect();
        }
      }),
    );
    this.connections.clear();
  }
}

/** This app instance's Redis connections, or null when REDIS_URL is unset. */
export function redisConnectionsFor(strapi: Core.Strapi): RedisConnections | null {
  return perApp(strapi, 'redisConnections', () => {
    const settings = redisSettingsFrom();
    return settings ? new RedisConnections(settings, strapi.log) : null;
  });
}

/** The shared ioredis client of this app instance, or null when REDIS_URL is unset. */
export function redisConnectionFor(strapi: Core.Strapi): Redis | null {
  return redisConnectionsFor(strapi)?.shared ?? null;
}

/** Quits this app instance's Redis connections (Strapi's destroy lifecycle). */
export async function closeRedisConnections(strapi: Core.Strapi): Promise<void> {
  await madeForApp<RedisConnections | null>(strapi, 'redisConnections')?.close();
}
