import type { Core } from '@strapi/strapi';
import { OUTBOX } from './go-live-sweep';
import { signedWebhookHeaders } from './webhook-signature';

export interface WebhookTarget {
  url: string;
  secretHeader: string;
  secret: string;
  /** Standard Webhooks keys (webhook-signature.ts); none: no signature. */
  signingKeys: readonly string[];
}

const BATCH = 20;
const REQUEST_TIMEOUT_MS = 10_000;
/** A failed delivery is tried again after 2, 4, 8 … seconds, at most every 5 minutes, until it succeeds. */
const retryDelaySeconds = (attempts: number) => Math.min(2 ** attempts, 300);

interface OutboxRow {
  id: string;
  event: string;
  payload: unknown;
  attempts: number;
}

async function post(target: WebhookTarget, row: OutboxRow): Promise<void> {
  // The driver may hand jsonb back as text.
  const body = JSON.stringify({
    id: Number(row.id),
    ...((typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload) as object),
  });
  const response = await fetch(target.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-newsroom-event': row.event,
      // The same id on every attempt: a receiver that got an event twice (its answer was lost) can tell.
      'x-newsroom-delivery': row.id,
      // Kept for receivers written before the signature; it proves neither an intact body nor a fresh one.
      ...(target.secret ? { [target.secretHeader.toLowerCase()]: target.secret } : {}),
      ...signedWebhookHeaders(target.signingKeys, `evt_${row.id}`, body),
    },
    body,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
}

/**
 * Delivers the events that are due, oldest first. Each is locked while it is sent (`FOR UPDATE SKIP LOCKED`), so with
 * several instances exactly one sends it; it is deleted once the receiver answered 2xx, and otherwise tried again
 * later (the row stays, across restarts). Returns how many were delivered.
 */
export async function deliverDueEvents(strapi: Core.Strapi, target: WebhookTarget): Promise<number> {
  let delivered = 0;
  for (;;) {
    const sent = await strapi.db.transaction(async ({ trx }) => {
      const rows = (await trx(OUTBOX)
        .select('id', 'event', 'payload', 'attempts')
        .where('next_attempt_at', '<=', trx.fn.now())
        .orderBy('id')
        .limit(BATCH)
        .forUpdate()
        .skipLocked()) as OutboxRow[];
      for (const row of rows) {
        try {
          await post(target, row);
          await trx(OUTBOX).where({ id: row.id }).del();
          delivered += 1;
        } catch (error) {
          await trx(OUTBOX)
            .where({ id: row.id })
            .update({
              attempts: row.attempts + 1,
              next_attempt_at: trx.raw(`now() + make_interval(secs => ?)`, [retryDelaySeconds(row.attempts)]),
              last_error: String(error).slice(0, 500),
            });
          strapi.log.warn(`Webhook ${row.event} (delivery ${row.id}) failed: ${error}; retried later`);
        }
      }
      return rows.length;
    });
    if (sent < BATCH) return delivered;
  }
}
