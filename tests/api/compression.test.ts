/**
 * Compression of public answers, read as a CDN or a browser on a slow link reads them: raw bytes over real HTTP (no
 * client that decompresses on its own), each encoding decoded by Node's zlib and compared with the identity.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { Core } from '@strapi/strapi';
import { startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { bakuNairobiId } from '../helpers/content';

type Raw = { status: number; headers: http.IncomingHttpHeaders; bytes: Buffer };

let app: Core.Strapi;
let port: number;
beforeAll(async () => {
  app = await startNewsroom();
  const server = app.server.httpServer;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await stopNewsroom(app);
});

function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path, method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, bytes: Buffer.concat(chunks) }),
      );
    });
    request.on('error', reject);
    request.end();
  });
}

const DECODE: Record<string, (bytes: Buffer) => Buffer> = { br: brotliDecompressSync, gzip: gunzipSync };
const LIST = '/api/press-releases?locale=ru&pagination[pageSize]=25';

describe('compressed public answers', () => {
  it.each([
    ['the release list', LIST],
    ['a feed', '/feeds/ru/rss.xml'],
    ['the sitemap index', '/sitemaps/releases-1.xml'],
    ['a GraphQL GET', '/graphql?query=%7BpressReleases(locale%3A%22ru%22)%7Bheadline%20lead%20body%7D%7D'],
  ])('%s: brotli and gzip that decode to the identity, each its own ETag, Vary, and 304', async (_name, path) => {
    const headers: Record<string, string> = path.startsWith('/graphql') ? { 'apollo-require-preflight': 'true' } : {};
    const identity = await get(path, { ...headers, 'accept-encoding': 'identity' });
    expect(identity.status).toBe(200);
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.headers.vary).toMatch(/Accept-Encoding/i);
    const tags = new Set([identity.headers.etag]);
    for (const encoding of ['br', 'gzip']) {
      // Twice: computed, then from the response cache, which keeps the compressed bytes.
      for (const round of ['miss', 'hit']) {
        const encoded = await get(path, { ...headers, 'accept-encoding': encoding });
        expect({ round, status: encoded.status, encoding: encoded.headers['content-encoding'] }).toEqual({
          round,
          status: 200,
          encoding,
        });
        expect(encoded.headers.vary).toMatch(/Accept-Encoding/i);
        expect(DECODE[encoding](encoded.bytes).equals(identity.bytes)).toBe(true);
        expect(Number(encoded.headers['content-length'])).toBe(encoded.bytes.length);
        tags.add(encoded.headers.etag);
        const revalidated = await get(path, {
          ...headers,
          'accept-encoding': encoding,
          'if-none-match': String(encoded.headers.etag),
        });
        expect(revalidated.status).toBe(304);
      }
    }
    expect(tags.size).toBe(3);
  });

  it('prefers brotli when a browser takes both, and honours q-values', async () => {
    expect((await get(LIST, { 'accept-encoding': 'gzip, deflate, br' })).headers['content-encoding']).toBe('br');
    expect((await get(LIST, { 'accept-encoding': 'br;q=0.1, gzip' })).headers['content-encoding']).toBe('gzip');
    expect((await get(LIST, { 'accept-encoding': 'br;q=0, gzip;q=0' })).headers['content-encoding']).toBeUndefined();
  });

  it('leaves a small answer, and a HEAD, as they are', async () => {
    const id = await bakuNairobiId(app);
    const small = await get(`/api/press-releases/${id}/related?locale=ru`, { 'accept-encoding': 'br' });
    expect(small.status).toBe(200);
    expect(small.bytes.length).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();
    const head = await get(LIST, { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.bytes.length).toBe(0);
  });
});
