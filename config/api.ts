import type { Core } from '@strapi/strapi';
import { settings } from '../src/platform/settings/newsroom-settings';

/** Pagination and strict query parameters for every REST route. */
const apiConfig = (): Core.Config.Api => ({
  rest: {
    defaultLimit: settings().API_DEFAULT_PAGE_SIZE,
    maxLimit: settings().API_MAX_PAGE_SIZE,
    withCount: true,
    strictParams: true,
  },
});

export default apiConfig;
