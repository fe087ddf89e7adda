/**
 * A job that works through what is due in the background (emails, deliveries), one pass at a time per instance: a
 * kick while a pass runs asks for one more pass after it; a stop lets the pass in hand finish (it sees `keepGoing()`
 * turn false and hands back what it has not started) and runs no more.
 */
export interface BackgroundWorker {
  /** Works through what is due, if this instance is not at it already. */
  kick(): void;
  /** Resolves when no pass is running. */
  idle(): Promise<void>;
  /** Finishes the pass in hand and starts no more (shutdown). */
  stop(): Promise<void>;
}

export function backgroundWorker(
  pass: (keepGoing: () => boolean) => Promise<void>,
  onError: (error: unknown) => void,
): BackgroundWorker {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  const keepGoing = () => !stopped;

  const run = async () => {
    do {
      again = false;
      await pass(keepGoing);
    } while (again && !stopped);
  };

  return {
    kick() {
      if (stopped) return;
      if (running) {
        again = true;
        return;
      }
      running = run()
        .catch(onError)
        .finally(() => {
          running = undefined;
        });
    },
    async idle() {
      while (running) await running;
    },
    async stop() {
      stopped = true;
      await running;
    },
  };
}

/**
 * What becomes of an outbox row after a temporary failure (a server unreachable, a 4xx): queued again after a
 * backoff that doubles from 30 seconds up to `maxDelaySeconds`, or failed for good after its last attempt.
 */
export function afterTemporaryFailure(
  raw: (sql: string, bindings: unknown[]) => unknown,
  row: { attempts: number },
  limits: { maxAttempts: number; maxDelaySeconds: number },
  message: string,
): { giveUp: boolean; change: Record<string, unknown> } {
  if (row.attempts >= limits.maxAttempts) return { giveUp: true, change: { state: 'failed', last_error: message } };
  const delay = Math.min(30 * 2 ** (row.attempts - 1), limits.maxDelaySeconds);
  return {
    giveUp: false,
    change: {
      state: 'queued',
      last_error: message,
      next_attempt_at: raw(`now() + make_interval(secs => ?)`, [delay]),
    },
  };
}
