import { Webhook } from 'standardwebhooks';

/**
 * The Standard Webhooks signature of a go-live event (https://www.standardwebhooks.com): `webhook-id` (the same on
 * every attempt of one event), `webhook-timestamp` (seconds, this attempt's) and `webhook-signature`, an HMAC-SHA256
 * over id, timestamp and body with each key (`v1,<base64>`, space-separated): a receiver holding any one of the keys
 * can check that the body is intact and recent, and keys are rotated by listing the new one beside the old.
 */
export function signedWebhookHeaders(
  keys: readonly string[],
  id: string,
  body: string,
  at: Date = new Date(),
): Record<string, string> {
  if (keys.length === 0) return {};
  // The specification's timestamp is whole seconds: signed as sent.
  const timestamp = new Date(Math.floor(at.getTime() / 1000) * 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp.getTime() / 1000),
    'webhook-signature': keys.map((key) => new Webhook(key).sign(id, timestamp, body)).join(' '),
  };
}
