import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GENEROUS_MS } from './eventually';

export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A local HTTP endpoint that records what it is sent (a CDN's purge API, a frontend's webhook): each request is
 * answered by `answer`, which may delay or fail it (200 by default).
 */
export async function startReceiver() {
  const received: Received[] = [];
  let answer: (request: Received, res: ServerResponse) => void | Promise<void> = (_request, res) => {
    res.writeHead(200).end('ok');
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const request = { method: String(req.method), url: String(req.url), headers: req.headers, body };
      received.push(request);
      void answer(request, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    answerWith(handler: typeof answer) {
      answer = handler;
    },
    /** The first request `match` accepts, waited for (polling) up to a generous limit. */
    async waitFor(match: (request: Received) => boolean, timeoutMs = GENEROUS_MS): Promise<Received> {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const found = received.find(match);
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error(`no matching request; received: ${JSON.stringify(received.map((r) => r.body))}`);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
