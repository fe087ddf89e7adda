import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import net from 'node:net';
import type { Core } from '@strapi/strapi';
import { settings, type Settings } from '../settings/newsroom-settings';
import { madeForApp, perApp } from '../app-registry/per-app';

/** No request in flight for this long: whatever was received has been answered. */
const QUIET_MS = 300;
/** Connections keep being accepted this long after the signal (readiness already says 503), so that those
 * the kernel accepted but the app had not yet taken are answered, not reset. */
const ACCEPT_AFTER_SIGNAL_MS = 500;

interface Tracker {
  active: number;
  draining: boolean;
}

/** Counts the requests the HTTP server is answering (from arrival until the response is finished or aborted). */
export function trackInFlightRequests(strapi: Core.Strapi): void {
  perApp(strapi, 'inFlightRequests', (): Tracker => {
    const tracker: Tracker = { active: 0, draining: false };
    strapi.server.httpServer.on('request', (_req: IncomingMessage, res: ServerResponse) => {
      tracker.active += 1;
      res.once('close', () => {
        tracker.active -= 1;
      });
    });
    return tracker;
  });
}

/** Whether this app instance is shutting down (readiness then answers 503 so that no new traffic is sent). */
export function isShuttingDown(strapi: Core.Strapi): boolean {
  return Boolean(madeForApp<Tracker>(strapi, 'inFlightRequests')?.draining);
}

export function shutdownGraceMs(values: Settings = settings()): number {
  return values.SHUTDOWN_GRACE_SECONDS * 1000;
}

/**
 * Strapi's own shutdown destroys every open connection at once, requests in flight included. Before it
 * does, this stops accepting connections and waits (at most `graceMs`) until no request has been in flight
 * for a short quiet period: requests already received but not yet read get read and answered too (Node's
 * http `close()` would drop those connections as idle, so only the listening socket is closed here).
 */
export async function drainInFlightRequests(strapi: Core.Strapi, graceMs: number): Promise<void> {
  const tracker = madeForApp<Tracker>(strapi, 'inFlightRequests');
  const server = strapi.server?.httpServer as (Server & { closeIdleConnections?: () => void }) | undefined;
  if (!tracker || !server?.listening) return;
  tracker.draining = true;
  await new Promise((resolve) => setTimeout(resolve, Math.min(ACCEPT_AFTER_SIGNAL_MS, graceMs)));
  net.Server.prototype.close.call(server);
  const deadline = Date.now() + graceMs;
  let quietSince = 0;
  while (Date.now() < deadline) {
    if (tracker.active > 0) quietSince = 0;
    else if (!quietSince) quietSince = Date.now();
    else if (Date.now() - quietSince >= QUIET_MS) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  server.closeIdleConnections?.();
  if (tracker.active > 0)
    strapi.log.warn(`Shutting down with ${tracker.active} request(s) still in flight after ${graceMs} ms.`);
}
