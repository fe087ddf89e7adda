/**
 * One query at a time on each database connection, sent in the order it was asked for.
 *
 * Strapi 5.54's document service sends several of a transaction's queries at once (its id lookups, relation checks,
 * populates and publish each await a Promise.all: strapi/strapi#27645), and a transaction holds one connection.
 * node-postgres queues them on that connection itself, but deprecates doing so ("Calling client.query() when the
 * client is already executing a query", printed once per process) and pg@9 refuses such a query instead. This is the
 * external flow control its warning asks for: the same queries, in the same order, on the same connection.
 */

type Callback = (...results: unknown[]) => void;

/** The part of a node-postgres Client this uses. */
export interface QueryableConnection {
  query(...args: unknown[]): unknown;
}

const settled = (): undefined => undefined;

/** Replaces `connection.query` with one that waits for the connection's previous query before sending the next. */
export function oneQueryAtATime(connection: QueryableConnection): void {
  const send = connection.query.bind(connection);
  let previous: Promise<unknown> = Promise.resolve();

  connection.query = (...args: unknown[]): unknown => {
    const last = args.at(-1);
    if (typeof last === 'function') {
      // The callback form (knex's): the query is over when its callback is called.
      let finish: () => void = settled;
      const done = new Promise<void>((resolve) => (finish = resolve));
      const callback = last as Callback;
      const sendNow = () => {
        try {
          send(...args.slice(0, -1), (...results: unknown[]) => {
            finish();
            callback(...results);
          });
        } catch (error) {
          finish();
          callback(error);
        }
      };
      void previous.then(sendNow);
      previous = done;
      return undefined;
    }
    if (isSubmittable(args[0])) {
      // A stream or cursor reports its end by its own events: sent in turn, then left to node-postgres's order.
      const submittable = args[0];
      previous = previous.then(() => void send(...args)).then(settled, settled);
      return submittable;
    }
    // The promise form: over when its promise settles.
    const result = previous.then(() => send(...args));
    previous = result.then(settled, settled);
    return result;
  };
}

function isSubmittable(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { submit?: unknown }).submit === 'function';
}
