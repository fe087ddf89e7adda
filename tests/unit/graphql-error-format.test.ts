import { errors } from '@strapi/utils';
import { GraphQLError } from 'graphql';
import { formatGraphqlErrorForClients } from '../../src/read-side/graphql/graphql-error-format';

function resolverError(original: Error): GraphQLError {
  return new GraphQLError(original.message, { path: ['pressReleases'], originalError: original });
}

describe('GraphQL errors as clients see them', () => {
  it('hides the message of an unexpected error (it may carry SQL)', () => {
    const error = resolverError(new Error('select "t0".* from "public"."press_releases" - invalid byte sequence'));
    const formatted = formatGraphqlErrorForClients({ message: error.message, path: ['pressReleases'] }, error);
    expect(formatted).toEqual({
      message: 'Internal Server Error',
      path: ['pressReleases'],
      locations: undefined,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(formatted)).not.toContain('select');
  });

  it('answers a value PostgreSQL refuses (SQLSTATE class 22) as bad input, without the SQL', () => {
    const error = resolverError(
      Object.assign(new Error('select "t0".* from "public"."topics" - invalid input syntax for type integer: "x"'), {
        code: '22P02',
      }),
    );
    const formatted = formatGraphqlErrorForClients({ message: error.message, path: ['topics'] }, error);
    expect(formatted.extensions).toMatchObject({ code: 'BAD_USER_INPUT', error: { name: 'ValidationError' } });
    expect(formatted.message).toBe(
      'A value in the query does not fit the field it is compared with (integer): check the filters and pagination.',
    );
    expect(JSON.stringify(formatted)).not.toContain('select');
  });

  it("keeps Strapi's own errors readable, with the plugin's codes", () => {
    const validation = resolverError(new errors.ValidationError('Invalid key createdBy'));
    expect(formatGraphqlErrorForClients({ message: validation.message }, validation).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      error: { name: 'ValidationError', message: 'Invalid key createdBy' },
    });
    const forbidden = resolverError(new errors.ForbiddenError('Forbidden access'));
    expect(formatGraphqlErrorForClients({ message: forbidden.message }, forbidden).extensions?.code).toBe('FORBIDDEN');
    const notFound = resolverError(new errors.NotFoundError('Not Found'));
    expect(formatGraphqlErrorForClients({ message: notFound.message }, notFound).extensions?.code).toBe(
      'STRAPI_NOT_FOUND_ERROR',
    );
  });

  it('leaves syntax and validation errors of the document as Apollo wrote them', () => {
    const syntax = new GraphQLError('Syntax Error: Expected Name, found <EOF>.');
    const formatted = { message: syntax.message, extensions: { code: 'GRAPHQL_PARSE_FAILED' } };
    expect(formatGraphqlErrorForClients(formatted, syntax)).toBe(formatted);
  });
});
