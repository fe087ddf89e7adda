import type { Core } from '@strapi/strapi';

interface TarnPool {
  numUsed(): number;
  numPendingAcquires(): number;
}

/**
 * Strapi emits document events (webhooks, history) after a transaction commits, without awaiting them;
 * closing the pool under them aborts their queries. Wait until the pool has been idle for a moment.
 */
export async function databaseSettled(strapi: Core.Strapi, timeoutMs = 5000): Promise<void> {
  const pool = (strapi.db.connection.client as { pool?: TarnPool }).pool;
  if (!pool) return;
  const deadline = Date.now() + timeoutMs;
  let idleSince = 0;
  while (Date.now() < deadline) {
    const idle = pool.numUsed() === 0 && pool.numPendingAcquires() === 0;
    if (!idle) idleSince = 0;
    else if (!idleSince) idleSince = Date.now();
    else if (Date.now() - idleSince >= 100) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
