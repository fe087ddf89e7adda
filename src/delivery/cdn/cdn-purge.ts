import type { Core } from '@strapi/strapi';
import { settings } from '../../platform/settings/newsroom-settings';
import { perApp } from '../../platform/app-registry/per-app';

export type PurgeKind = 'generic' | 'cloudflare' | 'fastly' | 'varnish';

export interface PurgeSettings {
  url: string;
  kind: PurgeKind;
  token: string;
  /** Waits before each retry (the default's in production; tests shorten them). */
  retryDelaysMs?: number[];
}

/** Keys asked for within this window go out in one request: a publish and its read-model writes are one purge. */
const BATCH_MS = 100;
/** Waits before the second and third attempt; a purge that still fails is logged (the CDN's TTL remains). */
const RETRY_DELAYS_MS = [1000, 4000];
const REQUEST_TIMEOUT_MS = 10_000;
/** Cloudflare takes at most 30 tags a request (Enterprise more); Fastly's header and a generic body take more. */
const KEYS_PER_REQUEST: Record<PurgeKind, number> = { generic: 256, cloudflare: 30, fastly: 256, varnish: 256 };

/** The request each kind of endpoint expects. */
function purgeRequest(purge: PurgeSettings, keys: string[]): RequestInit {
  const bearer: Record<string, string> = purge.token ? { authorization: `Bearer ${purge.token}` } : {};
  // Varnish with its xkey module, as deploy/varnish/newsroom.vcl takes it (from the service's addresses only).
  if (purge.kind === 'varnish') return { method: 'PURGE', headers: { 'xkey-purge': keys.join(' '), ...bearer } };
  if (purge.kind === 'fastly') {
    return {
      method: 'POST',
      headers: { 'surrogate-key': keys.join(' '), ...(purge.token ? { 'fastly-key': purge.token } : {}) },
    };
  }
  const body = purge.kind === 'cloudflare' ? { tags: keys } : { keys };
  return { method: 'POST', headers: { 'content-type': 'application/json', ...bearer }, body: JSON.stringify(body) };
}

export interface CdnPurger {
  /** Asks the CDN to drop the answers carrying any of these keys; returns at once (sent after a short batch). */
  purge(keys: string[]): void;
  /** Resolves when every purge asked so far has been sent or given up (for shutdown and tests). */
  settled(): Promise<void>;
}

export function createCdnPurger(purge: PurgeSettings, log: Pick<Core.Strapi['log'], 'warn' | 'error'>): CdnPurger {
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const inFlight = new Set<Promise<void>>();

  const send = async (keys: string[]): Promise<void> => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        const response = await fetch(purge.url, {
          ...purgeRequest(purge, keys),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        await response.arrayBuffer();
        if (response.ok) return;
        throw new Error(`HTTP ${response.status}`);
      } catch (error) {
        const delay = (purge.retryDelaysMs ?? RETRY_DELAYS_MS)[attempt];
        if (delay === undefined) {
          log.error(`CDN purge of ${keys.length} keys failed after ${attempt + 1} attempts: ${error}`);
          return;
        }
        log.warn(`CDN purge failed (${error}); retrying in ${delay} ms`);
        await new Promise((resolve) => setTimeout(resolve, delay).unref());
      }
    }
  };

  const flush = () => {
    timer = undefined;
    const keys = [...pending];
    pending = new Set();
    for (let start = 0; start < keys.length; start += KEYS_PER_REQUEST[purge.kind]) {
      const sent = send(keys.slice(start, start + KEYS_PER_REQUEST[purge.kind]));
      inFlight.add(sent);
      void sent.finally(() => inFlight.delete(sent));
    }
  };

  return {
    purge(keys) {
      if (!purge.url || keys.length === 0) return;
      for (const key of keys) pending.add(key);
      timer ??= setTimeout(flush, BATCH_MS);
    },
    async settled() {
      if (timer) {
        clearTimeout(timer);
        flush();
      }
      await Promise.all([...inFlight]);
    },
  };
}

/** The app's purger, from CDN_PURGE_* (one per app; a no-op when no URL is set). */
export function cdnPurgerOf(strapi: Core.Strapi): CdnPurger {
  return perApp(strapi, 'cdnPurger', () => {
    const values = settings();
    return createCdnPurger(
      { url: values.CDN_PURGE_URL, kind: values.CDN_PURGE_KIND, token: values.CDN_PURGE_TOKEN },
      strapi.log,
    );
  });
}
