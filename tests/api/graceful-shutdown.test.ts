import http from 'node:http';
import { startNewsroomProcess } from '../helpers/newsroom-process';

interface Answer {
  status: number;
  body: string;
}

/** A GET on a connection of its own; `sent` resolves once the whole request has been written to it. */
function get(url: string): { sent: Promise<void>; answer: Promise<Answer> } {
  let markSent: () => void = () => undefined;
  const sent = new Promise<void>((resolve) => (markSent = resolve));
  const answer = new Promise<Answer>((resolve, reject) => {
    const req = http.get(url, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('finish', markSent);
    req.on('error', reject);
  });
  return { sent, answer };
}

describe('graceful shutdown', () => {
  it('on SIGTERM, turns readiness to 503, finishes the requests in flight, refuses new ones and exits 0', async () => {
    // Uncached, so that every request does its full work while the signal arrives.
    const server = await startNewsroomProcess({ RESPONSE_CACHE: 'off', LOG_LEVEL: 'error' });
    expect((await fetch(`${server.url}/api/press-releases?locale=ru`)).status).toBe(200); // warm
    const requests = Array.from({ length: 30 }, (_, i) => get(`${server.url}/api/press-releases?locale=${['ru', 'en'][i % 2]}&pagination[page]=${i}`));
    await Promise.all(requests.map((request) => request.sent));
    await Promise.race(requests.map((request) => request.answer)); // the server is busy with the others
    await new Promise((resolve) => setTimeout(resolve, 200)); // every request has been read by now
    const exitCode = server.signal('SIGTERM');
    // Readiness turns 503 at once, so that load balancers stop sending traffic.
    let readiness = 0;
    for (let tries = 0; tries < 40 && readiness !== 503; tries += 1) {
      readiness = (await get(`${server.url}/api/ready`).answer).status;
      if (readiness !== 503) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(readiness).toBe(503);

    const answers = await Promise.allSettled(requests.map((request) => request.answer));
    const outcomes = answers.map((answer) => (answer.status === 'fulfilled' ? answer.value.status : String(answer.reason)));
    expect(outcomes).toEqual(Array(30).fill(200));
    for (const answer of answers) if (answer.status === 'fulfilled') expect(JSON.parse(answer.value.body).meta.pagination).toBeDefined();
    expect(await exitCode).toBe(0);
    await expect(get(`${server.url}/api/press-releases?locale=ru`).answer).rejects.toThrow(/ECONNREFUSED/);
  });
});
