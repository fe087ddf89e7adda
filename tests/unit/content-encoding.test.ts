import { chosenEncoding } from '../../src/http-cache/content-encoding';

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
