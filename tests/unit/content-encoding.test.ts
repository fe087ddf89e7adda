import { chosenEncoding } from '../../src/delivery/http-cache/content-encoding';

describe('chosenEncoding (Accept-Encoding, RFC 9110)', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['identity', undefined],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0.1, gzip', 'gzip'],
    ['gzip;q=0.5, br;q=0.5', 'br'],
    ['br;q=0, gzip;q=0', undefined],
    ['*', 'br'],
    ['*;q=0.2, gzip', 'gzip'],
    ['br;q=0, *', 'gzip'],
    ['identity;q=1, br;q=0.5', undefined],
    ['identity;q=0', undefined],
    ['BR', 'br'],
    ['br;q=nonsense, gzip;q=0.3', 'gzip'],
    ['deflate', undefined],
  ])('%p → %p', (header, expected) => {
    expect(chosenEncoding(header)).toBe(expected);
  });
});

describe('chosenEncoding remembers the values it has read', () => {
  it('answers a value seen before as the first time, however many distinct values came in between', () => {
    expect(chosenEncoding('br;q=0, gzip')).toBe('gzip');
    for (let i = 1; i <= 600; i += 1) expect(chosenEncoding(`x-${i}, gzip;q=0.${i}`)).toBe('gzip');
    expect(chosenEncoding('br;q=0, gzip')).toBe('gzip');
    expect(chosenEncoding('identity;q=1, br;q=0.5')).toBeUndefined();
    expect(chosenEncoding('identity;q=1, br;q=0.5')).toBeUndefined();
  });
});
