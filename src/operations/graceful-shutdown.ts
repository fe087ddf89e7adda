import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Core } from '@strapi/strapi';

const TRACKER = Symbol.for('newsroom.inFlightRequests');

interface Tracker {
  active: number;
}

type Holder = { [TRACKER]?: Tracker };

/** Counts the requests the HTTP server is answering (from arrival until the response is finished or aborted). */
export function trackInFlightRequests(strapi: Core.Strapi): void {
  const holder = strapi as unknown as Holder;
  if (holder[TRACKER]) return;
  const tracker: Tracker = { active: 0 };
  holder[TRACKER] = tracker;
  strapi.server.httpServer.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    tracker.active += 1;
    res.once('close', () => {
      tracker.active -= 1;
    });
  });
}

export function shutdownGraceMsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.SHUTDOWN_GRACE_SECONDS ?? 10);
  return (Number.isFinite(seconds) && seconds >= 0 ? seconds : 10) * 1000;
}

/**
 * Strapi's own shutdown destroys every open connection at once, requests in flight included. Before it
 * does, this stops accepting connections and waits (at most `graceMs`) for the requests being answered to
 * finish; idle keep-alive connections are closed so they do not hold the server open.
 */
export async function drainInFlightRequests(strapi: Core.Strapi, graceMs: number): Promise<void> {
  const tracker = (strapi as unknown as Holder)[TRACKER];
  const server = strapi.server?.httpServer as (Server & { closeIdleConnections?: () => void }) | undefined;
  if (!tracker || !server?.listening) return;
  server.close();
  const deadline = Date.now() + graceMs;
  while (tracker.active > 0 && Date.now() < deadline) {
    server.closeIdleConnections?.();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  if (tracker.active > 0) strapi.log.warn(`Shutting down with ${tracker.active} request(s) still in flight after ${graceMs} ms.`);
}
