import type { Core } from '@strapi/strapi';
import { activityPubMiddleware } from '../delivery/activitypub/activitypub-requests';

/** ActivityPub and WebFinger, when ACTIVITYPUB=on (src/delivery/activitypub). */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => activityPubMiddleware(strapi);
