import { ResponseCache } from '../../src/delivery/http-cache/response-cache';

const entry = { body: '{}', type: 'application/json', etag: '"x"', headers: {} };

describe('ResponseCache', () => {
  it('keeps entries for the TTL, and never past the next embargo end', () => {
    const cache = new ResponseCache({ enabled: true, ttlMs: 1000, maxEntries: 10 });
    cache.setEmbargoHorizon(500);
    cache.set('/a', entry, cache.generation, 0);
    expect(cache.get('/a', 499)).toBeDefined();
    expect(cache.get('/a', 500)).toBeUndefined();
  });

  it('drops a response computed before a write (clear) that finished after it', () => {
    const cache = new ResponseCache({ enabled: true, ttlMs: 1000, maxEntries: 10 });
    const generation = cache.generation;
    cache.clear();
    cache.set('/a', entry, generation, 0);
    expect(cache.get('/a', 1)).toBeUndefined();
  });

  it('evicts the least recently used entry beyond the limit', () => {
    const cache = new ResponseCache({ enabled: true, ttlMs: 1000, maxEntries: 2 });
    cache.set('/a', entry, 0, 0);
    cache.set('/b', entry, 0, 0);
    cache.get('/a', 1);
    cache.set('/c', entry, 0, 1);
    expect(cache.get('/b', 2)).toBeUndefined();
    expect(cache.get('/a', 2)).toBeDefined();
  });
});
