/** What a counted answer tells its client: X-RateLimit-Reset is when the window ends, in whole Unix seconds. */
export function expectWindowEnd(headers: Record<string, unknown>, windowSeconds: number): void {
  const reset = String(headers['x-ratelimit-reset']);
  expect(reset).toMatch(/^\d+$/);
  const now = Date.now() / 1000;
  expect(Number(reset)).toBeGreaterThan(now - 1);
  expect(Number(reset)).toBeLessThanOrEqual(Math.ceil(now) + windowSeconds);
}
