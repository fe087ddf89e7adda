import type { Core } from '@strapi/strapi';
import { isDatabaseConnectionError } from './database-errors';

const INSTALLED = Symbol.for('newsroom.backgroundDatabaseFailures');

/**
 * Strapi runs some work after a write has committed without awaiting it (the entry.* events that feed
 * webhooks and the cache: strapi/strapi's document-service events.js). If the database goes away at that
 * moment, the rejection is unhandled, and Node ends the process. A lost connection there is logged and the
 * app keeps serving; any other unhandled rejection still ends the process, as Node would.
 */
export function surviveBackgroundDatabaseFailures(strapi: Core.Strapi): void {
  const holder = process as unknown as { [INSTALLED]?: boolean };
  if (holder[INSTALLED]) return;
  holder[INSTALLED] = true;
  process.on('unhandledRejection', (reason) => {
    if (isDatabaseConnectionError(reason)) {
      strapi.log.warn(`A background task lost its database connection: ${(reason as Error).message}`);
      return;
    }
    throw reason;
  });
}
