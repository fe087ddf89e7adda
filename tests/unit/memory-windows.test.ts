import { MemoryWindows } from '../../src/delivery/rate-limit/memory-windows';

describe('MemoryWindows (the rate limit counted in memory)', () => {
  const start = 1_800_000_000_000;

  it('counts each client in its own fixed window, as koa-ratelimit reports it', () => {
    const windows = new MemoryWindows(3, 60_000);
    const remaining = [0, 1, 2, 3, 4].map((i) => windows.count('a', start + i).remaining);
    // Left before each request: the fourth finds none.
    expect(remaining).toEqual([3, 2, 1, 0, 0]);
    expect(windows.count('b', start + 5)).toEqual({ remaining: 3, reset: (start + 60_005) / 1000, total: 3 });
    expect(windows.count('a', start + 6).reset).toBe((start + 60_000) / 1000);
  });

  it('starts a new window once the old one has ended', () => {
    const windows = new MemoryWindows(2, 1_000);
    for (let i = 0; i < 5; i += 1) windows.count('a', start);
    expect(windows.count('a', start + 999).remaining).toBe(0);
    expect(windows.count('a', start + 1_000)).toEqual({ remaining: 2, reset: (start + 2_000) / 1000, total: 2 });
  });

  it('drops the windows that have ended instead of keeping every client it saw', () => {
    const windows = new MemoryWindows(10, 1_000);
    for (let i = 0; i < 500; i += 1) windows.count(`10.0.${Math.trunc(i / 256)}.${i % 256}`, start + i);
    expect(windows.size).toBe(500);
    windows.count('10.9.9.9', start + 2_000);
    expect(windows.size).toBe(1);
  });
});
