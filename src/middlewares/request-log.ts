import type { Core } from '@strapi/strapi';
import { requestLogMiddleware } from '../delivery/request-log/request-log';

/** The request log and request ids (src/delivery/request-log/), in place of Strapi's strapi::logger. */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => requestLogMiddleware(strapi);
