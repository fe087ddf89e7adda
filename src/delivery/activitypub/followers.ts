import type { Core } from '@strapi/strapi';

export const FOLLOWERS = 'newsroom_activitypub_followers';

export interface Follower {
  actorId: string;
  inbox: string;
  /** The follower's server's shared inbox: one delivery there reaches all its followers. */
  sharedInbox: string | null;
}

/** Records a follower (a second Follow from the same actor updates its inboxes). */
export async function addFollower(strapi: Core.Strapi, follower: Follower): Promise<void> {
  await strapi.db
    .connection(FOLLOWERS)
    .insert({ actor_id: follower.actorId, inbox: follower.inbox, shared_inbox: follower.sharedInbox })
    .onConflict('actor_id')
    .merge(['inbox', 'shared_inbox']);
}

export async function removeFollower(strapi: Core.Strapi, actorId: string): Promise<void> {
  await strapi.db.connection(FOLLOWERS).where({ actor_id: actorId }).del();
}

/** An inbox that answers 404 or 410 is gone: the followers delivered there are followers no more. */
export async function removeFollowersAt(strapi: Core.Strapi, inbox: string): Promise<void> {
  await strapi.db.connection(FOLLOWERS).where({ inbox }).orWhere({ shared_inbox: inbox }).del();
}

export async function followerCount(strapi: Core.Strapi): Promise<number> {
  const [row] = (await strapi.db.connection(FOLLOWERS).count({ total: '*' })) as { total: string | number }[];
  return Number(row.total);
}
