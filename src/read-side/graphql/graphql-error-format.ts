import { errors } from '@strapi/utils';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { inputErrorFromDatabase } from '../../platform/operations/database-errors';

/** Strapi's error name as a GraphQL code, as the GraphQL plugin spells it (NotFoundError → STRAPI_NOT_FOUND_ERROR). */
const strapiCode = (name: string) => `STRAPI_${name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;

function originalErrorOf(error: unknown): unknown {
  return error instanceof GraphQLError && error.path && error.originalError ? error.originalError : error;
}

function withCode(
  formatted: GraphQLFormattedError,
  code: string,
  original?: { name?: string; message?: string; details?: unknown },
): GraphQLFormattedError {
  const extensions: Record<string, unknown> = { ...formatted.extensions, code };
  if (original) extensions.error = { name: original.name, message: original.message, details: original.details };
  return { ...formatted, message: original?.message ?? formatted.message, extensions };
}

/**
 * Apollo's formatError for the GraphQL endpoint. It maps Strapi's errors to codes as the plugin does, but an
 * unexpected error (a database error, a bug) reaches the client as a bare "Internal Server Error": the
 * plugin's own formatter adds the original message, which can carry SQL, to `extensions.error`.
 */
export function formatGraphqlErrorForClients(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = originalErrorOf(error);
  if (!(original instanceof Error) || original === error) return formatted;
  if (original instanceof errors.ForbiddenError || original instanceof errors.UnauthorizedError)
    return withCode(formatted, 'FORBIDDEN', original);
  if (original instanceof errors.ValidationError) return withCode(formatted, 'BAD_USER_INPUT', original);
  if (original instanceof errors.ApplicationError || original instanceof errors.HttpError)
    return withCode(formatted, strapiCode(original.name), original);
  if (original instanceof GraphQLError) return formatted;
  const inputError = inputErrorFromDatabase(original);
  if (inputError) return withCode(formatted, 'BAD_USER_INPUT', inputError);
  (globalThis as { strapi?: { log: { error(value: unknown): void } } }).strapi?.log.error(original);
  return {
    message: 'Internal Server Error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
