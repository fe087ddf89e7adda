import { requestIdFor } from '../../src/delivery/request-log/request-id';
import { logsRequests } from '../../src/delivery/request-log/request-log';
import { requestLogLine, type AnsweredRequest } from '../../src/delivery/request-log/request-log-line';
import { loggedTarget } from '../../src/delivery/request-log/request-target';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('what the request log shows of a target', () => {
  it('splits the path from the query, and keeps a query without secrets as sent', () => {
    expect(loggedTarget('/api/press-releases')).toEqual({ path: '/api/press-releases', query: '' });
    expect(loggedTarget('/api/press-releases?locale=ru&pagination[page]=2')).toEqual({
      path: '/api/press-releases',
      query: 'locale=ru&pagination[page]=2',
    });
    expect(loggedTarget('/search?q=%D0%91%D0%B0%D0%BA%D1%83').query).toBe('q=%D0%91%D0%B0%D0%BA%D1%83');
  });

  it('redacts the value of every parameter named like a secret, however its name is written', () => {
    const cases: [string, string][] = [
      ['documentId=a&locale=ru&token=p.s', 'documentId=a&locale=ru&token=[redacted]'],
      ['TOKEN=p.s', 'TOKEN=[redacted]'],
      ['%74oken=p.s&locale=ru', '%74oken=[redacted]&locale=ru'],
      ['access_token=x&code=y&confirmation=z', 'access_token=[redacted]&code=[redacted]&confirmation=[redacted]'],
      ['password=x&api-key=y&loginToken=z', 'password=[redacted]&api-key=[redacted]&loginToken=[redacted]'],
      ['a=1&token=&b=2', 'a=1&token=[redacted]&b=2'],
      ['%zz=1&token=t', '%zz=1&token=[redacted]'],
    ];
    for (const [query, logged] of cases) expect(loggedTarget(`/x?${query}`).query).toBe(logged);
  });

  it("never shows a journalist's signed download link: its token is redacted from the path", () => {
    const token = 'WzEsMiwiIiwiYWJjIiwicnUiLDE3MDBd.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXI';
    expect(loggedTarget(`/api/press/files/${token}`)).toEqual({ path: '/api/press/files/[redacted]', query: '' });
    expect(loggedTarget(`/api/press/files/${token}?download=1`).path).toBe('/api/press/files/[redacted]');
    expect(JSON.stringify(loggedTarget(`/api/press/files/${token}`))).not.toContain(token.slice(0, 8));
    expect(loggedTarget('/api/press/releases').path).toBe('/api/press/releases');
  });

  it("redacts the secret a journalist's private feed carries in its path", () => {
    const token = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde';
    expect(loggedTarget(`/press/feed/${token}.atom`)).toEqual({ path: '/press/feed/[redacted].atom', query: '' });
    expect(loggedTarget(`/press/feed/${token}.atom?lang=ru`)).toEqual({
      path: '/press/feed/[redacted].atom',
      query: 'lang=ru',
    });
    expect(loggedTarget(`/press/feed/${token}`).path).toBe('/press/feed/[redacted]');
    expect(loggedTarget('/press/releases/abc?locale=ru').path).toBe('/press/releases/abc');
  });
});

describe('request ids', () => {
  it('keeps a sane id from a trusted proxy, and makes one otherwise', () => {
    expect(requestIdFor('edge-1.2', true)).toBe('edge-1.2');
    expect(requestIdFor('edge-1.2', false)).toMatch(UUID);
    for (const insane of ['', 'x'.repeat(201), 'two words', 'ünicode', 'tab\there', undefined, ['a', 'b']])
      expect(requestIdFor(insane, true)).toMatch(UUID);
    expect(requestIdFor('x'.repeat(200), true)).toBe('x'.repeat(200));
    expect(requestIdFor(undefined, false)).not.toBe(requestIdFor(undefined, false));
  });

  it('logs requests at the levels where Strapi logged them', () => {
    expect(
      ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'].filter((level) => logsRequests(level as never)),
    ).toEqual(['http', 'verbose', 'debug', 'silly']);
  });
});

describe('a request log line', () => {
  const answered: AnsweredRequest = {
    method: 'GET',
    url: '/api/press-releases?locale=ru',
    status: 200,
    durationMs: 1.23456,
    bytes: 8798,
    requestId: 'edge-1',
    cache: 'hit',
    via: 'front-door',
  };
  const parsed = (line: string) => {
    expect(line.endsWith('}\n')).toBe(true);
    expect(line.indexOf('\n')).toBe(line.length - 1);
    return JSON.parse(line) as Record<string, unknown>;
  };

  it('is one line of JSON with the fields in order', () => {
    const line = requestLogLine(answered, '2026-12-07T09:14:02.481Z');
    expect(Object.entries(parsed(line))).toEqual([
      ['level', 'http'],
      ['time', '2026-12-07T09:14:02.481Z'],
      ['method', 'GET'],
      ['path', '/api/press-releases'],
      ['query', 'locale=ru'],
      ['status', 200],
      ['duration_ms', 1.23],
      ['bytes', 8798],
      ['request_id', 'edge-1'],
      ['cache', 'hit'],
      ['via', 'front-door'],
    ]);
  });

  it('stays one valid line whatever the request held: quotes, backslashes, control and non-ASCII characters', () => {
    const odd = '/a"b\\c\u0001\u2028é\ud800?q="x"\n';
    const line = requestLogLine({ ...answered, url: odd, requestId: 'id"\\', bytes: null, aborted: true }, 't');
    expect(parsed(line)).toMatchObject({
      path: '/a"b\\c\u0001\u2028é\ud800',
      query: 'q="x"\n',
      request_id: 'id"\\',
      bytes: null,
      aborted: true,
    });
    expect(parsed(requestLogLine({ ...answered, url: '/plain' }, 't'))).not.toHaveProperty('query');
  });
});
