import { oneQueryAtATime, type QueryableConnection } from '../../src/platform/operations/one-query-at-a-time';

type Callback = (error: Error | null, result?: unknown) => void;

/**
 * A connection that holds each query until the test answers it, and counts how many it was sent at once (what
 * node-postgres deprecates: a query sent while another is still running on the same client).
 */
function heldConnection() {
  const pending: { text: string; callback: Callback }[] = [];
  const sent: string[] = [];
  let mostAtOnce = 0;
  const connection: QueryableConnection = {
    query(...args: unknown[]) {
      const text = String(args[0]);
      if (text === 'bad') throw new TypeError('Client was passed a null or undefined query');
      sent.push(text);
      if (typeof args.at(-1) === 'function') {
        pending.push({ text, callback: args.at(-1) as Callback });
        mostAtOnce = Math.max(mostAtOnce, pending.length);
        return undefined;
      }
      return new Promise((resolve, reject) => {
        pending.push({ text, callback: (error, result) => (error ? reject(error) : resolve(result)) });
        mostAtOnce = Math.max(mostAtOnce, pending.length);
      });
    },
  };
  const answerNext = async (error: Error | null = null) => {
    await flush();
    const query = pending.shift();
    if (!query) throw new Error('no query is waiting for an answer');
    query.callback(error, error ? undefined : `rows of ${query.text}`);
    await flush();
  };
  return { connection, sent, pending, answerNext, mostAtOnce: () => mostAtOnce };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

function callbackQuery(connection: QueryableConnection, text: string) {
  return new Promise((resolve, reject) =>
    connection.query(text, [], (error: Error | null, result: unknown) => (error ? reject(error) : resolve(result))),
  );
}

describe('one query at a time on a connection', () => {
  it('sends queries asked for at once one after the other, in order, each with its own answer', async () => {
    const held = heldConnection();
    oneQueryAtATime(held.connection);
    const answers = Promise.all(['a', 'b', 'c'].map((text) => callbackQuery(held.connection, text)));
    await flush();
    expect(held.sent).toEqual(['a']);
    await held.answerNext();
    expect(held.sent).toEqual(['a', 'b']);
    await held.answerNext();
    await held.answerNext();
    expect(await answers).toEqual(['rows of a', 'rows of b', 'rows of c']);
    expect(held.mostAtOnce()).toBe(1);
  });

  it('keeps the order across the callback and the promise forms', async () => {
    const held = heldConnection();
    oneQueryAtATime(held.connection);
    const first = callbackQuery(held.connection, 'first');
    const second = held.connection.query('second') as Promise<unknown>;
    const third = callbackQuery(held.connection, 'third');
    for (let i = 0; i < 3; i += 1) await held.answerNext();
    expect(await Promise.all([first, second, third])).toEqual(['rows of first', 'rows of second', 'rows of third']);
    expect(held.sent).toEqual(['first', 'second', 'third']);
    expect(held.mostAtOnce()).toBe(1);
  });

  it('goes on after a failed query, and reports a query the driver refuses to its caller', async () => {
    const held = heldConnection();
    oneQueryAtATime(held.connection);
    const outcome = (query: Promise<unknown>) => query.then(String, (error: Error) => `error: ${error.message}`);
    const failing = outcome(callbackQuery(held.connection, 'fails'));
    const refused = outcome(callbackQuery(held.connection, 'bad'));
    const rejected = outcome(held.connection.query('rejects') as Promise<unknown>);
    const after = outcome(callbackQuery(held.connection, 'after'));
    await held.answerNext(new Error('syntax error'));
    await held.answerNext(new Error('deadlock detected'));
    await held.answerNext();
    expect(await Promise.all([failing, refused, rejected, after])).toEqual([
      'error: syntax error',
      'error: Client was passed a null or undefined query',
      'error: deadlock detected',
      'rows of after',
    ]);
    expect(held.sent).toEqual(['fails', 'rejects', 'after']);
  });

  it('passes a stream or cursor (a submittable) back to its caller at once and sends it in turn', async () => {
    const held = heldConnection();
    oneQueryAtATime(held.connection);
    const before = callbackQuery(held.connection, 'before');
    const cursor = { submit: () => undefined, toString: () => 'cursor' };
    expect(held.connection.query(cursor)).toBe(cursor);
    await flush();
    expect(held.sent).toEqual(['before']);
    await held.answerNext();
    await before;
    expect(held.sent).toEqual(['before', 'cursor']);
  });
});
