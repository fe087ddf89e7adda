import type { Core } from '@strapi/strapi';
import { publicRateLimitOf } from '../delivery/rate-limit/public-rate-limit';

/** The public API's rate limit (src/delivery/rate-limit/public-rate-limit.ts), one per app instance. */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => publicRateLimitOf(strapi).middleware;
