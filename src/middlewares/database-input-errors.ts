import type { Core } from '@strapi/strapi';
import { inputErrorFromDatabase } from '../platform/operations/database-errors';

const READS = new Set(['GET', 'HEAD']);

/**
 * On a read, turns PostgreSQL's refusal of a value or operator the client chose into Strapi's ValidationError,
 * which `strapi::errors` answers with a 400 and a message, instead of a 500. Logged as a warning, SQL included,
 * so that a server bug of that kind still shows. Writes keep Strapi's own handling.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: { method: string }, next: () => Promise<unknown>) => {
    try {
      await next();
    } catch (error) {
      const inputError = READS.has(ctx.method) ? inputErrorFromDatabase(error) : undefined;
      if (!inputError) throw error;
      strapi.log.warn(`A query PostgreSQL refused, answered 400: ${(error as Error).message}`);
      throw inputError;
    }
  };
