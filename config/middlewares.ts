import type { Core } from '@strapi/strapi';

const middlewares: Core.Config.Middlewares = [
  'strapi::logger',
  'global::public-http-cache',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  'strapi::session',
  'global::graphql-published-only',
  'strapi::favicon',
  'strapi::public',
];

export default middlewares;
