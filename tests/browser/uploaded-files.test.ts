import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeInBrowser, launchChromium, listen } from '../helpers/browser';
import { startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { deleteUploads, makeImage, UPLOADS_DIR, uploadAsAdmin } from '../helpers/media';
import { editorToken } from '../helpers/editor';

/** What a hostile upload's script would do: call home (a request we can see) and mark the window. */
const payload = (tag: string) => `window.__ran = (window.__ran || []).concat('${tag}'); fetch('/pwned/${tag}');`;
const page = (tag: string) => `<!doctype html><html><body><script>${payload(tag)}</script></body></html>`;

describeInBrowser('uploaded files in Chromium: no script of them runs', () => {
  let app: Core.Strapi;
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let tab: Page;
  const callsHome: string[] = [];
  const uploadedIds: number[] = [];
  const legacyFiles = {
    'legacy-page.html': page('legacy-page'),
    'legacy-steal.js': payload('legacy-script'),
    'legacy-logo.svg':
      `<svg xmlns="http://www.w3.org/2000/svg" onload="${payload('legacy-svg-onload')}">` +
      `<script>${payload('legacy-svg')}</script></svg>`,
  };
  let pdfUrl: string;
  let pngUrl: string;

  beforeAll(async () => {
    app = await startNewsroom();
    baseUrl = await listen(app);
    const token = await editorToken(app, 'uploaded.files.browser@newsroom.test');
    // Let in, by content: a PDF that is also an HTML page, and a PNG with a page after its image data.
    const pdf = await uploadAsAdmin(app, token, [
      { name: 'kit.pdf', type: 'application/pdf', content: `%PDF-1.4\n${page('pdf')}\n%%EOF\n` },
    ]);
    const png = await uploadAsAdmin(app, token, [
      {
        name: 'photo.png',
        type: 'image/png',
        content: Buffer.concat([await makeImage('png'), Buffer.from(page('png'))]),
      },
    ]);
    for (const response of [pdf, png]) {
      expect(response.status).toBe(201);
      uploadedIds.push(response.body[0].id);
    }
    [pdfUrl, pngUrl] = [pdf.body[0].url, png.body[0].url];
    // Stored before the library checked content (or restored from an old backup).
    for (const [name, content] of Object.entries(legacyFiles)) writeFileSync(path.join(UPLOADS_DIR, name), content);

    browser = await launchChromium();
    context = await browser.newContext({ acceptDownloads: true });
    context.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/pwned/')) callsHome.push(request.url());
    });
    tab = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    for (const name of Object.keys(legacyFiles)) rmSync(path.join(UPLOADS_DIR, name), { force: true });
    await deleteUploads(app, uploadedIds);
    await stopNewsroom(app);
  });

  /** Opens a URL as a page and says whether Chromium showed it or saved it as a download. */
  async function open(url: string): Promise<'download' | 'page'> {
    const download = tab.waitForEvent('download', { timeout: 10_000 }).then(
      () => 'download' as const,
      () => undefined,
    );
    const navigation = tab.goto(`${baseUrl}${url}`).then(
      () => 'page' as const,
      () => undefined,
    );
    const outcome = (await Promise.race([download, navigation])) ?? (await download) ?? (await navigation);
    if (!outcome) throw new Error(`Chromium neither showed nor downloaded ${url}`);
    return outcome;
  }

  it('shows an accepted photo as an image, and the page hidden in it does not run', async () => {
    expect(await open(pngUrl)).toBe('page');
    expect(await tab.evaluate(() => document.contentType)).toBe('image/png');
    expect(await tab.evaluate(() => (document.querySelector('img') as HTMLImageElement | null)?.naturalWidth)).toBe(64);
    expect(await tab.evaluate(() => (window as { __ran?: string[] }).__ran)).toBeUndefined();
  });

  it('downloads a PDF that is also a page instead of showing it', async () => {
    expect(await open(pdfUrl)).toBe('download');
  });

  it('downloads a page, a script and an SVG stored before the check instead of showing them', async () => {
    for (const name of Object.keys(legacyFiles))
      expect({ name, outcome: await open(`/uploads/${name}`) }).toEqual({ name, outcome: 'download' });
  });

  it(
    'does not run an uploaded script or image as a script ' + 'on a page of this origin (whose CSP allows self)',
    async () => {
      await tab.goto(`${baseUrl}/`);
      const ran = await tab.evaluate(
        async (sources: string[]) => {
          const outcomes = await Promise.all(
            sources.map(
              (src) =>
                new Promise<string>((resolve) => {
                  const script = document.createElement('script');
                  script.src = src;
                  script.onload = () => resolve(`${src}: loaded`);
                  script.onerror = () => resolve(`${src}: refused`);
                  document.head.append(script);
                }),
            ),
          );
          return { outcomes, ran: (window as { __ran?: string[] }).__ran ?? [] };
        },
        ['/uploads/legacy-steal.js', pngUrl],
      );
      expect(ran).toEqual({ outcomes: ['/uploads/legacy-steal.js: refused', `${pngUrl}: refused`], ran: [] });
    },
  );

  it('never let any of those files call home', async () => {
    expect(callsHome).toEqual([]);
  });
});
