import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { createFederation, MemoryKvStore, type Context, type Federation } from '@fedify/fedify';
import { Accept, Article, Delete, Endpoints, Follow, Organization, Undo } from '@fedify/vocab';
import { perApp } from '../../platform/app-registry/per-app';
import { settings } from '../../platform/settings/newsroom-settings';
import type { PublicRelease } from '../../read-side/public-shape';
import { publicApiUrl, publicationName, publicSiteUrl, releaseUrl } from '../../read-side/public-urls';
import { publicReleasesOf } from '../../read-side/read-model/public-releases';
import { actorKeyPairs } from './actor-keys';
import { addFollower, followerCount, removeFollower } from './followers';
import { articleActivity, releaseArticle } from './release-article';

/**
 * The newsroom as one ActivityPub actor (ACTIVITYPUB=on), built on Fedify: WebFinger finds `@press@host`, its actor
 * document carries the keys followers' servers verify, its inbox takes Follow and Undo, its outbox lists the live
 * releases, and each live release is an Article at its own URI. Everything it shows comes from the public read
 * model: only public, live releases federate.
 */

export const ACTIVITYPUB_PATHS = {
  actor: '/ap/actors/{identifier}',
  inbox: '/ap/actors/{identifier}/inbox',
  sharedInbox: '/ap/inbox',
  outbox: '/ap/actors/{identifier}/outbox',
  followers: '/ap/actors/{identifier}/followers',
  article: '/ap/releases/{documentId}/{locale}',
} as const;

/** The requests Fedify answers: its own paths and WebFinger; anything else goes on to Strapi. */
export const isActivityPubPath = (path: string): boolean =>
  path.startsWith('/ap/') || path === '/.well-known/webfinger';

const OUTBOX_PAGE = 20;

export const activityPubOn = (): boolean => settings().ACTIVITYPUB;
export const actorHandle = (): string => settings().ACTIVITYPUB_HANDLE;

export interface NewsroomFederation {
  federation: Federation<void>;
  /** A context for sending outside a request (deliveries at go-live). */
  context(): Context<void>;
  articleUri(ctx: Context<void>, documentId: string, locale: string): URL;
  article(ctx: Context<void>, release: PublicRelease): Article;
}

function createNewsroomFederation(strapi: Core.Strapi): NewsroomFederation {
  const config = settings();
  const handle = config.ACTIVITYPUB_HANDLE;
  const apiUrl = publicApiUrl(strapi);
  const federation = createFederation<void>({
    // Caches of remote actors and keys, and inbox idempotence, per instance: a Follow handled twice is kept once.
    kv: new MemoryKvStore(),
    origin: apiUrl,
    allowPrivateAddress: config.ACTIVITYPUB_ALLOW_PRIVATE_ADDRESSES,
  });

  const articleUri = (ctx: Context<void>, documentId: string, locale: string) =>
    ctx.getObjectUri(Article, { documentId, locale });
  const article = (ctx: Context<void>, release: PublicRelease) =>
    releaseArticle(release, {
      id: articleUri(ctx, release.documentId, release.locale),
      actor: ctx.getActorUri(handle),
      followers: ctx.getFollowersUri(handle),
      pageUrl: releaseUrl(publicSiteUrl(), release.locale, release.slug),
      apiUrl,
    });

  federation
    .setActorDispatcher(ACTIVITYPUB_PATHS.actor, async (ctx, identifier) => {
      if (identifier !== handle) return null;
      const keys = await ctx.getActorKeyPairs(identifier);
      return new Organization({
        id: ctx.getActorUri(identifier),
        preferredUsername: handle,
        name: publicationName(),
        summary: `Press releases of ${publicationName()}, as they are published.`,
        url: new URL(publicSiteUrl()),
        inbox: ctx.getInboxUri(identifier),
        endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
        outbox: ctx.getOutboxUri(identifier),
        followers: ctx.getFollowersUri(identifier),
        publicKey: keys[0].cryptographicKey,
        assertionMethods: keys.map((key) => key.multikey),
        manuallyApprovesFollowers: false,
        discoverable: true,
      });
    })
    .setKeyPairsDispatcher(async (_ctx, identifier) => {
      if (identifier !== handle) return [];
      // Fedify takes a failure here for "no keys" and says nothing: the operator is told why.
      return actorKeyPairs(strapi).catch((error) => {
        strapi.log.error(`ActivityPub: the actor's keys could not be read or made: ${error}`);
        throw error;
      });
    });

  federation
    .setInboxListeners(ACTIVITYPUB_PATHS.inbox, ACTIVITYPUB_PATHS.sharedInbox)
    .on(Follow, async (ctx, follow) => {
      if (!follow.id || !follow.actorId || !follow.objectId) return;
      const target = ctx.parseUri(follow.objectId);
      if (target?.type !== 'actor' || target.identifier !== handle) return;
      const follower = await follow.getActor(ctx);
      if (!follower?.id || !follower.inboxId || follower.id.href !== follow.actorId.href) return;
      await addFollower(strapi, {
        actorId: follower.id.href,
        inbox: follower.inboxId.href,
        sharedInbox: follower.endpoints?.sharedInbox?.href ?? null,
      });
      const accept = new Accept({
        id: new URL(`#accept-${randomUUID()}`, ctx.getActorUri(handle)),
        actor: ctx.getActorUri(handle),
        object: follow,
      });
      await ctx.sendActivity({ identifier: handle }, follower, accept, { immediate: true });
    })
    .on(Undo, async (ctx, undo) => {
      const undone = await undo.getObject(ctx);
      // Only the follower itself can stop following: the Undo is signed by the actor that followed.
      if (undone instanceof Follow && undo.actorId && undone.actorId?.href === undo.actorId.href) {
        await removeFollower(strapi, undo.actorId.href);
      }
    })
    .on(Delete, async (_ctx, deletion) => {
      // An account deleted on its server: it follows no more.
      if (deletion.actorId && deletion.objectId?.href === deletion.actorId.href) {
        await removeFollower(strapi, deletion.actorId.href);
      }
    });

  federation
    .setOutboxDispatcher(ACTIVITYPUB_PATHS.outbox, async (ctx, identifier, cursor) => {
      if (identifier !== handle || cursor === null || !/^\d{1,9}$/.test(cursor)) return null;
      const offset = Number(cursor);
      const releases = await publicReleasesOf(strapi).pageInAnyLocale(offset, OUTBOX_PAGE);
      return {
        items: releases.map((release) =>
          articleActivity('Create', article(ctx, release), new Date(release.updatedAt), ctx.getActorUri(handle)),
        ),
        nextCursor: releases.length === OUTBOX_PAGE ? String(offset + OUTBOX_PAGE) : null,
      };
    })
    .setCounter(async (_ctx, identifier) =>
      identifier === handle ? publicReleasesOf(strapi).totalInAnyLocale() : null,
    )
    .setFirstCursor(async () => '0');

  federation
    // Who follows is the followers' business: the collection says how many, not who.
    .setFollowersDispatcher(ACTIVITYPUB_PATHS.followers, async (_ctx, identifier) =>
      identifier === handle ? { items: [] } : null,
    )
    .setCounter(async (_ctx, identifier) => (identifier === handle ? followerCount(strapi) : null));

  federation.setObjectDispatcher(Article, ACTIVITYPUB_PATHS.article, async (ctx, values) => {
    const release = await publicReleasesOf(strapi).release(values.documentId, values.locale);
    return release ? article(ctx, release) : null;
  });

  return {
    federation,
    context: () => federation.createContext(new URL(apiUrl), undefined),
    articleUri,
    article,
  };
}

export function newsroomFederationOf(strapi: Core.Strapi): NewsroomFederation {
  return perApp(strapi, 'activityPub', () => createNewsroomFederation(strapi));
}
