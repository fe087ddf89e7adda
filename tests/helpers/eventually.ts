/**
 * How long a test waits for something that should happen "soon" (a pub/sub message, a reconnection, a restart):
 * generous, so that a loaded machine only makes the test slower, never red. Speed is measured in `npm run bench`.
 */
export const GENEROUS_MS = 30_000;

/**
 * Polls until `check` returns a value (not undefined/false), or fails after `timeoutMs`. A check that throws counts
 * as "not yet" (a server still starting, say); the last error is in the failure's message.
 */
export async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  what: string,
  timeoutMs = GENEROUS_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline)
      throw new Error(`Not within ${timeoutMs} ms: ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Waits until the clock has passed `moment` (a date the test set, such as an embargo's end). */
export async function untilPast(moment: number): Promise<void> {
  while (Date.now() <= moment)
    await new Promise((resolve) => setTimeout(resolve, Math.max(1, moment + 1 - Date.now())));
}
