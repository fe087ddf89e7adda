import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Core } from '@strapi/strapi';
import { startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { createRelease, deleteRelease, PRESS_RELEASE_UID } from '../helpers/content';
import { GENEROUS_MS } from '../helpers/eventually';

interface Delivery {
  headers: IncomingHttpHeaders;
  body: { event: string; model: string; entry: { documentId: string; locale: string; headline: string } };
}

let app: Core.Strapi;
let receiver: Server;
const deliveries: Delivery[] = [];

async function waitFor(predicate: () => Delivery | undefined, timeoutMs = GENEROUS_MS): Promise<Delivery> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = predicate();
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no matching webhook delivery; received: ${JSON.stringify(deliveries.map((d) => d.body.event))}`);
}

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      deliveries.push({ headers: req.headers, body: JSON.parse(raw) });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  process.env.WEBHOOK_URL = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/rebuild`;
  process.env.WEBHOOK_SECRET_HEADER = 'X-Newsroom-Secret';
  process.env.WEBHOOK_SECRET = 'test-secret-value';
  app = await startNewsroom();
});

afterAll(async () => {
  delete process.env.WEBHOOK_URL;
  await stopNewsroom(app);
  await new Promise((resolve) => receiver.close(resolve));
});

describe('webhooks for frontends', () => {
  it('delivers publish, update and unpublish with documentId, locale and the secret header', async () => {
    const release = await createRelease(app, { headline: 'Zzwebhook новость для фронтенда' });
    const published = await waitFor(() =>
      deliveries.find((d) => d.body.event === 'entry.publish' && d.body.entry.documentId === release.documentId),
    );
    expect(published.body.model).toBe('press-release');
    expect(published.body.entry).toMatchObject({
      documentId: release.documentId,
      locale: 'ru',
      headline: 'Zzwebhook новость для фронтенда',
    });
    expect(published.headers['x-newsroom-secret']).toBe('test-secret-value');

    await app.documents(PRESS_RELEASE_UID).unpublish({ documentId: release.documentId, locale: 'ru' });
    await waitFor(() =>
      deliveries.find((d) => d.body.event === 'entry.unpublish' && d.body.entry.documentId === release.documentId),
    );
    await deleteRelease(app, release.documentId);
  });

  it('keeps exactly one managed webhook across restarts', async () => {
    await stopNewsroom(app);
    app = await startNewsroom();
    const webhooks = (await app.get('webhookStore').findWebhooks()) as { name: string; url: string }[];
    const managed = webhooks.filter((w) => w.url === process.env.WEBHOOK_URL);
    expect(managed).toHaveLength(1);
  });
});
