import type { Core } from '@strapi/strapi';

/** The Strapi webhook earlier versions managed from WEBHOOK_URL; others created in the admin panel are left alone. */
export const FRONTEND_WEBHOOK_NAME = 'newsroom-frontend (from WEBHOOK_URL)';

interface StoredWebhook {
  id: string | number;
  name: string;
}

interface WebhookStore {
  findWebhooks(): Promise<StoredWebhook[]>;
  deleteWebhook(id: StoredWebhook['id']): Promise<unknown>;
}

interface WebhookRunner {
  remove(webhook: StoredWebhook): void;
}

/**
 * WEBHOOK_URL gets the go-live events (src/delivery/go-live): release.live, release.update, release.gone, each once,
 * when the public can see the change. Strapi's own entry.* events are not sent there any more: they fire when an
 * editor acts, so they carried an embargoed release's content before it went live, and a draft's on every save. The
 * Strapi webhook that earlier versions managed for that URL is removed at start.
 */
export async function syncFrontendWebhook(strapi: Core.Strapi, settings: { url?: string }): Promise<void> {
  const store = strapi.get('webhookStore') as WebhookStore;
  const runner = strapi.get('webhookRunner') as WebhookRunner;
  const legacy = (await store.findWebhooks()).find((webhook) => webhook.name === FRONTEND_WEBHOOK_NAME);
  if (legacy) {
    runner.remove(legacy);
    await store.deleteWebhook(legacy.id);
  }
  if (settings.url)
    strapi.log.info(`Webhook for frontends: release.live, release.update, release.gone → ${settings.url}`);
}
