import type { Core } from '@strapi/strapi';
import { settings } from '../src/platform/settings/newsroom-settings';

const serverConfig = (): Core.Config.Server => {
  const config = settings();
  return {
    host: config.HOST,
    port: config.PORT,
    url: config.SERVER_URL,
    // Strapi 5 reads Koa's setting from proxy.koa (a bare boolean here is ignored): X-Forwarded-For names the client.
    proxy: { koa: config.IS_PROXIED },
    app: { keys: config.APP_KEYS },
    logger: {
      config: { level: config.LOG_LEVEL },
      updates: { enabled: false },
      startup: { enabled: config.LOG_STARTUP_BANNER },
    },
  };
};

export default serverConfig;
