import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFederation, generateCryptoKeyPair, MemoryKvStore } from '@fedify/fedify';
import { Accept, Activity, Create, Delete, Endpoints, Follow, Person, Undo, Update, type Actor } from '@fedify/vocab';

export interface Delivered {
  type: 'Accept' | 'Create' | 'Update' | 'Delete';
  id: string | undefined;
  actor: string | undefined;
  json: Record<string, unknown>;
}

/** A POST as it reached the server: which inbox (a person's, or the shared `/inbox`), and its signature headers. */
export interface Posted {
  path: string;
  activityId: string | undefined;
  signed: boolean;
}

/**
 * Another fediverse server, on Fedify as a real one would be (Mastodon verifies the same signatures): people on it
 * follow and unfollow, and its inboxes record what reaches them. Fedify refuses an activity whose HTTP signature
 * does not verify against its sender's key, so whatever is recorded was signed by the actor it names.
 */
export async function startFediverseServer(people: string[]) {
  const delivered: Delivered[] = [];
  const posted: Posted[] = [];
  const keys = new Map<string, CryptoKeyPair>();
  for (const name of people) keys.set(name, await generateCryptoKeyPair('RSASSA-PKCS1-v1_5'));
  let origin = '';
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const federation = createFederation<void>({ kv: new MemoryKvStore(), origin, allowPrivateAddress: true });
  federation
    .setActorDispatcher('/users/{identifier}', async (ctx, identifier) => {
      if (!keys.has(identifier)) return null;
      const [key] = await ctx.getActorKeyPairs(identifier);
      return new Person({
        id: ctx.getActorUri(identifier),
        preferredUsername: identifier,
        inbox: ctx.getInboxUri(identifier),
        endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
        publicKey: key.cryptographicKey,
      });
    })
    .setKeyPairsDispatcher(async (_ctx, identifier) => {
      const pair = keys.get(identifier);
      return pair ? [pair] : [];
    });
  const record = (type: Delivered['type']) => async (_ctx: unknown, activity: Activity) => {
    delivered.push({
      type,
      id: activity.id?.href,
      actor: activity.actorId?.href,
      json: (await activity.toJsonLd({ format: 'compact' })) as Record<string, unknown>,
    });
  };
  federation
    .setInboxListeners('/users/{identifier}/inbox', '/inbox')
    .on(Accept, record('Accept'))
    .on(Create, record('Create'))
    .on(Update, record('Update'))
    .on(Delete, record('Delete'));

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const body = ['GET', 'HEAD'].includes(String(req.method)) ? undefined : Buffer.concat(chunks);
      if (body) {
        let activityId: string | undefined;
        try {
          activityId = (JSON.parse(body.toString()) as { id?: string }).id;
        } catch {
          activityId = undefined;
        }
        const signed = Boolean(req.headers.signature || req.headers['signature-input']);
        posted.push({ path: new URL(String(req.url), origin).pathname, activityId, signed });
      }
      const request = new Request(new URL(String(req.url), origin), { method: req.method, headers, body });
      const response = await federation.fetch(request, { contextData: undefined });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });

  const context = () => federation.createContext(new URL(origin), undefined);
  const follows = new Map<string, Follow>();
  return {
    origin,
    delivered,
    posted,
    actorUri: (name: string) => context().getActorUri(name).href,
    /** Fetches an actor document, as a server does before it follows. */
    async lookUp(handle: string): Promise<Actor> {
      const found = await context().lookupObject(handle);
      if (!found || !('inboxId' in found)) throw new Error(`${handle}: no actor found`);
      return found as Actor;
    },
    async follow(name: string, target: Actor): Promise<void> {
      const ctx = context();
      const follow = new Follow({
        id: new URL(`#follow-${randomUUID()}`, ctx.getActorUri(name)),
        actor: ctx.getActorUri(name),
        object: target.id,
      });
      follows.set(name, follow);
      await ctx.sendActivity({ identifier: name }, target, follow, { immediate: true });
    },
    async unfollow(name: string, target: Actor): Promise<void> {
      const ctx = context();
      const undo = new Undo({
        id: new URL(`#undo-${randomUUID()}`, ctx.getActorUri(name)),
        actor: ctx.getActorUri(name),
        object: follows.get(name),
      });
      await ctx.sendActivity({ identifier: name }, target, undo, { immediate: true });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
