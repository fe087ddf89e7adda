import { inputErrorFromDatabase } from '../operations/database-errors';

/**
 * Turns a PostgreSQL data exception raised by a request's own values into Strapi's ValidationError, which
 * `strapi::errors` answers with a 400 and a message, instead of a 500.
 */
export default () => async (_ctx: unknown, next: () => Promise<unknown>) => {
  try {
    await next();
  } catch (error) {
    throw inputErrorFromDatabase(error) ?? error;
  }
};
