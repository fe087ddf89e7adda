import type { Core } from '@strapi/strapi';

/** Pagination and strict query parameters for every REST route. */
const apiConfig = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Api => ({
  rest: {
    defaultLimit: env.int('API_DEFAULT_PAGE_SIZE', 25),
    maxLimit: env.int('API_MAX_PAGE_SIZE', 100),
    withCount: true,
    strictParams: true,
  },
});

export default apiConfig;
