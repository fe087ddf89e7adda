import type { Core } from '@strapi/strapi';
import { publicSearch } from '../../../channels/search/public-search';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /api/search?q=&locale=&page=&pageSize= — ranked published releases with a highlighted snippet. */
  async find(ctx: { query: Record<string, unknown>; body: unknown }) {
    ctx.body = await publicSearch(strapi, ctx.query);
  },
});
