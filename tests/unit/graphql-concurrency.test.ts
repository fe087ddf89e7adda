import { createGate } from '../../src/middlewares/graphql-concurrency';

/** A piece of work that finishes when the test says so, recording how many ran at its start. */
function controllable(log: { running: number; peak: number; order: number[] }, id: number) {
  let finish!: () => void;
  let fail!: (error: Error) => void;
  const work = () => {
    log.running += 1;
    log.peak = Math.max(log.peak, log.running);
    log.order.push(id);
    return new Promise<number>((resolve, reject) => {
      finish = () => {
        log.running -= 1;
        resolve(id);
      };
      fail = (error) => {
        log.running -= 1;
        reject(error);
      };
    });
  };
  return { work, finish: () => finish(), fail: (error: Error) => fail(error) };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('the GraphQL concurrency gate', () => {
  it('runs at most its limit at once, the others in the order they came, each as soon as a slot frees', async () => {
    const gate = createGate(2);
    const log = { running: 0, peak: 0, order: [] as number[] };
    const jobs = [1, 2, 3, 4, 5].map((id) => controllable(log, id));
    const results = jobs.map((job) => gate(job.work));
    const firstOutcome = results[0].then(String, (error: Error) => error.message);
    await tick();
    expect(log.order).toEqual([1, 2]);
    jobs[1].finish();
    await tick();
    expect(log.order).toEqual([1, 2, 3]);
    jobs[0].fail(new Error('a failed operation frees its slot too'));
    await tick();
    expect(log.order).toEqual([1, 2, 3, 4]);
    for (const job of jobs.slice(2)) {
      job.finish();
      await tick();
    }
    expect(await firstOutcome).toBe('a failed operation frees its slot too');
    expect(await Promise.all(results.slice(1))).toEqual([2, 3, 4, 5]);
    expect(log.peak).toBe(2);
    // All slots are free again: two start at once.
    const more = [6, 7].map((id) => controllable(log, id));
    const again = more.map((job) => gate(job.work));
    await tick();
    expect(log.order.slice(-2)).toEqual([6, 7]);
    more.forEach((job) => job.finish());
    expect(await Promise.all(again)).toEqual([6, 7]);
  });
});
