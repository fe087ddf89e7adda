import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Core } from '@strapi/strapi';
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { createPersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { api, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { createRelease, deleteRelease, type TestRelease } from '../helpers/content';

/** What one request of the client looked like on the wire, and what the server said. */
interface Exchange {
  method: string;
  url: URL;
  status: number;
  headers: Headers;
  body: string;
}

let app: Core.Strapi;
let base: string;
let release: TestRelease;
const HEADLINE = 'Zzgql Стандартный клиент читает релиз через GET';

beforeAll(async () => {
  app = await startNewsroom();
  const server = app.server.httpServer;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  release = await createRelease(app, { headline: HEADLINE });
});

afterAll(async () => {
  await deleteRelease(app, release.documentId);
  const server = app.server.httpServer;
  server.closeAllConnections(); // the client's keep-alive sockets
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await stopNewsroom(app);
});

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Apollo Client as its documentation sets it up for GET and persisted queries: `useGETForQueries` on the HTTP link and
 * the persisted-queries link with `useGETForHashedQueries`. Nothing else is set: no extra header. The fetch it is given
 * only records each exchange; the requests are the client's own.
 */
function stockClient(options: { persisted: boolean }) {
  const exchanges: Exchange[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    exchanges.push({
      method: init?.method ?? 'GET',
      url: new URL(String(input)),
      status: response.status,
      headers: response.headers,
      body: await response.clone().text(),
    });
    return response;
  };
  const http = new HttpLink({ uri: `${base}/graphql`, fetch: recordingFetch, useGETForQueries: true });
  const link = options.persisted
    ? ApolloLink.from([createPersistedQueryLink({ sha256, useGETForHashedQueries: true }), http])
    : http;
  const client = new ApolloClient({
    link,
    cache: new InMemoryCache(),
    defaultOptions: { query: { fetchPolicy: 'no-cache' } },
  });
  return { client, exchanges };
}

const RELEASE_BY_ID = gql`
  query ReleaseById($documentId: ID!) {
    pressRelease(documentId: $documentId, locale: "ru") {
      documentId
      headline
    }
  }
`;

const expectedData = () => ({
  pressRelease: { __typename: 'PressRelease', documentId: release.documentId, headline: HEADLINE },
});

function expectCacheable(exchange: Exchange): void {
  expect(exchange.status).toBe(200);
  expect(exchange.headers.get('cache-control')).toMatch(/^public, .*s-maxage=\d+/);
  expect(exchange.headers.get('etag')).toMatch(/^"/);
  expect(exchange.headers.get('surrogate-key')).toContain('releases');
}

describe('GraphQL for stock clients: GET and automatic persisted queries', () => {
  it('Apollo Client with useGETForQueries reads a release over GET, cacheable and cached', async () => {
    const first = stockClient({ persisted: false });
    const result = await first.client.query({ query: RELEASE_BY_ID, variables: { documentId: release.documentId } });
    expect(result.data).toEqual(expectedData());
    expect(first.exchanges.map((exchange) => exchange.method)).toEqual(['GET']);
    expect(first.exchanges[0].url.searchParams.get('query')).toContain('ReleaseById');
    expectCacheable(first.exchanges[0]);

    const again = stockClient({ persisted: false });
    await again.client.query({ query: RELEASE_BY_ID, variables: { documentId: release.documentId } });
    expect(again.exchanges[0].headers.get('x-cache')).toBe('hit');
    expect(again.exchanges[0].headers.get('etag')).toBe(first.exchanges[0].headers.get('etag'));
    // What a CDN does with the ETag it holds (fetch would add Cache-Control: no-cache to a conditional request).
    const { pathname, search } = first.exchanges[0].url;
    const revalidated = await api(app)
      .get(pathname + search)
      .set('content-type', 'application/json')
      .set('if-none-match', String(first.exchanges[0].headers.get('etag')));
    expect(revalidated.status).toBe(304);
  });

  it('persisted queries: a hash alone over GET; unknown once, registered, then served and cached', async () => {
    const first = stockClient({ persisted: true });
    const result = await first.client.query({ query: RELEASE_BY_ID, variables: { documentId: release.documentId } });
    expect(result.data).toEqual(expectedData());
    const [miss, registration] = first.exchanges;
    expect(first.exchanges).toHaveLength(2);
    expect(miss.method).toBe('GET');
    expect(miss.url.searchParams.has('query')).toBe(false);
    expect(JSON.parse(String(miss.url.searchParams.get('extensions'))).persistedQuery.sha256Hash).toMatch(
      /^[0-9a-f]{64}$/,
    );
    expect(JSON.parse(miss.body).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    // Never kept by a CDN or by our cache: the next client must get the answer once the query is registered.
    expect(miss.headers.get('cache-control')).not.toMatch(/public/);
    expect(registration.method).toBe('GET');
    expect(registration.url.searchParams.get('query')).toContain('ReleaseById');

    const second = stockClient({ persisted: true });
    await second.client.query({ query: RELEASE_BY_ID, variables: { documentId: release.documentId } });
    expect(second.exchanges).toHaveLength(1);
    const [byHash] = second.exchanges;
    expect(byHash.url.toString()).toBe(miss.url.toString());
    expectCacheable(byHash);
    expect(JSON.parse(byHash.body).data.pressRelease.headline).toBe(HEADLINE);

    const third = stockClient({ persisted: true });
    await third.client.query({ query: RELEASE_BY_ID, variables: { documentId: release.documentId } });
    expect(third.exchanges.map((exchange) => exchange.headers.get('x-cache'))).toEqual(['hit']);
  });

  it("keeps Apollo's CSRF prevention: a simple GET is refused, cached URL or not; no mutation over GET", async () => {
    const { client, exchanges } = stockClient({ persisted: false });
    await client.query({ query: RELEASE_BY_ID, variables: { documentId: release.documentId } });
    const cachedUrl = exchanges[0].url;
    const uncachedUrl = new URL(cachedUrl);
    uncachedUrl.searchParams.set('variables', JSON.stringify({ documentId: 'no-such-document' }));
    for (const url of [cachedUrl, uncachedUrl]) {
      // What a form, an <img> or a cross-site script can send without a preflight: no content type, no header.
      const simple = await fetch(url);
      expect(simple.status).toBe(400);
      expect(await simple.text()).toContain('Cross-Site Request Forgery');
      const formLike = await fetch(url, { headers: { 'content-type': 'text/plain' } });
      expect(formLike.status).toBe(400);
    }
    const preflighted = await fetch(cachedUrl, { headers: { 'apollo-require-preflight': 'true' } });
    expect(preflighted.status).toBe(200);

    const mutation = new URL(`${base}/graphql`);
    mutation.searchParams.set(
      'query',
      `mutation { deletePressRelease(documentId: "${release.documentId}") { documentId } }`,
    );
    const refused = await fetch(mutation, { headers: { 'content-type': 'application/json' } });
    expect(refused.status).toBe(405);
    const still = await app.documents('api::press-release.press-release').findOne({
      documentId: release.documentId,
      locale: 'ru',
      status: 'published',
    });
    expect(still?.headline).toBe(HEADLINE);
  });
});
