interface UrlContext {
  path: string;
  querystring: string;
  status: number;
  body: unknown;
}

// A NUL character, raw or percent-encoded: no text field can hold one and PostgreSQL refuses it in a query.
// eslint-disable-next-line no-control-regex -- control characters are what this refuses
const NUL = /%00|\u0000/i;

/** Refuses URLs carrying a NUL character with a 400, before they reach a database query as a parameter. */
export default () => async (ctx: UrlContext, next: () => Promise<unknown>) => {
  if (NUL.test(ctx.path) || NUL.test(ctx.querystring)) {
    ctx.status = 400;
    ctx.body = {
      data: null,
      error: {
        status: 400,
        name: 'BadRequestError',
        message: 'The URL contains a NUL character (%00), which no field can hold.',
        details: {},
      },
    };
    return;
  }
  await next();
};
