import type { Core } from '@strapi/strapi';

const serverConfig = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  url: env('SERVER_URL', ''),
  proxy: env.bool('IS_PROXIED', false),
  app: {
    keys: env.array('APP_KEYS', []),
  },
  logger: {
    config: { level: env('LOG_LEVEL', 'http') },
    updates: { enabled: false },
    startup: { enabled: env.bool('LOG_STARTUP_BANNER', true) },
  },
});

export default serverConfig;
