import type { Core } from '@strapi/strapi';

/** The one webhook this app manages; others created in the admin panel are left alone. */
export const FRONTEND_WEBHOOK_NAME = 'newsroom-frontend (from WEBHOOK_URL)';
const EVENTS = ['entry.publish', 'entry.update', 'entry.unpublish', 'entry.delete'];

export interface FrontendWebhookSettings {
  url?: string;
  secretHeader?: string;
  secret?: string;
}

interface StoredWebhook {
  id: string | number;
  name: string;
  url: string;
  headers: Record<string, string>;
  events: string[];
  isEnabled: boolean;
}

interface WebhookStore {
  findWebhooks(): Promise<StoredWebhook[]>;
  createWebhook(data: Omit<StoredWebhook, 'id' | 'isEnabled'>): Promise<StoredWebhook>;
  updateWebhook(id: StoredWebhook['id'], data: Omit<StoredWebhook, 'id'>): Promise<StoredWebhook>;
  deleteWebhook(id: StoredWebhook['id']): Promise<unknown>;
}

interface WebhookRunner {
  add(webhook: StoredWebhook): void;
  update(webhook: StoredWebhook): void;
  remove(webhook: StoredWebhook): void;
}

/**
 * Keeps Strapi's own webhook for frontends in step with the environment at every start: publish, update,
 * unpublish and delete events are POSTed to WEBHOOK_URL with WEBHOOK_SECRET in WEBHOOK_SECRET_HEADER.
 */
export async function syncFrontendWebhook(strapi: Core.Strapi, settings: FrontendWebhookSettings): Promise<void> {
  const store = strapi.get('webhookStore') as WebhookStore;
  const runner = strapi.get('webhookRunner') as WebhookRunner;
  const existing = (await store.findWebhooks()).find((webhook) => webhook.name === FRONTEND_WEBHOOK_NAME);

  if (!settings.url) {
    if (existing) {
      runner.remove(existing);
      await store.deleteWebhook(existing.id);
    }
    return;
  }
  const headers = settings.secret ? { [settings.secretHeader || 'X-Newsroom-Secret']: settings.secret } : {};
  const data = { name: FRONTEND_WEBHOOK_NAME, url: settings.url, headers, events: EVENTS };
  if (existing) {
    const updated = await store.updateWebhook(existing.id, { ...data, isEnabled: true });
    runner.update(updated);
  } else {
    runner.add(await store.createWebhook(data));
  }
  strapi.log.info(`Webhook for frontends: ${EVENTS.join(', ')} → ${settings.url}`);
}
