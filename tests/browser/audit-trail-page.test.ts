import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Core } from '@strapi/strapi';
import type { Browser, Page } from 'playwright-core';
import { ensureEditorAccount } from '../../src/editorial/newsroom-setup/editor-role';
import {
  describeInBrowser,
  launchChromium,
  logInToAdminPanel,
  screenshotPath,
  startNewsroomWithAdminPanel,
} from '../helpers/browser';
import { editorToken } from '../helpers/editor';
import { api, stopNewsroom } from '../helpers/newsroom-app';
import { ensureSuperAdmin } from '../helpers/super-admin';

const SUPER = {
  email: 'audit.page.super@newsroom.test',
  password: 'Audit-Page-Passw0rd',
  firstname: 'Page',
  lastname: 'Super',
};
const EDITOR = { email: 'audit.page.editor@newsroom.test', password: 'Audit-Page-Editor-Passw0rd' };

describeInBrowser('the audit trail page, in Chromium', () => {
  let app: Core.Strapi;
  let baseUrl: string;
  let browser: Browser;

  async function logIn(account: { email: string; password: string }): Promise<Page> {
    const page = await (
      await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true })
    ).newPage();
    await logInToAdminPanel(page, baseUrl, account);
    return page;
  }

  beforeAll(async () => {
    ({ app, baseUrl } = await startNewsroomWithAdminPanel());
    await ensureSuperAdmin(app, SUPER);
    await ensureEditorAccount(app, EDITOR);
    browser = await launchChromium();
  }, 360_000);

  afterAll(async () => {
    await browser?.close();
    await stopNewsroom(app);
  });

  it('shows a super admin the trail, filters it and exports it', async () => {
    const page = await logIn(SUPER);
    await page.getByRole('link', { name: 'Audit trail' }).click();
    await page.waitForURL(/\/admin\/audit-trail/);
    const ownLogIn = page.locator('tr[data-audit-action="auth.login"]', { hasText: SUPER.email });
    await ownLogIn.first().waitFor();
    await page.screenshot({ path: screenshotPath('audit-trail-1-list') });

    await page.fill('input[name="action"]', 'auth');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForFunction(() =>
      [...document.querySelectorAll('tr[data-audit-action]')].every((row) =>
        row.getAttribute('data-audit-action')?.startsWith('auth.'),
      ),
    );

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const file = await download.path();
    const rows = JSON.parse(
      execFileSync('python3', ['-c', 'import csv,json,sys; print(json.dumps(list(csv.DictReader(sys.stdin))))'], {
        input: readFileSync(file),
      }).toString(),
    ) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.action.startsWith('auth.'))).toBe(true);
    expect(rows.map((row) => row.actor_email)).toContain(SUPER.email);
  });

  it('names a release by its headline, also once the release is deleted, its documentId beside it', async () => {
    const writer = await editorToken(app, 'audit.page.writer@newsroom.test');
    const headline = 'Zzaudit: релиз, который удалят';
    const cm = '/content-manager/collection-types/api::press-release.press-release';
    const created = await api(app)
      .post(cm)
      .query({ locale: 'ru' })
      .set('authorization', `Bearer ${writer}`)
      .send({ headline, body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Текст.' }] }] });
    expect(created.status).toBe(201);
    const documentId = created.body.data.documentId as string;
    const deleted = await api(app)
      .delete(`${cm}/${documentId}`)
      .query({ locale: 'ru' })
      .set('authorization', `Bearer ${writer}`);
    expect(deleted.status).toBe(200);

    const page = await logIn(SUPER);
    await page.goto(`${baseUrl}/admin/audit-trail`);
    await page.fill('input[name="documentId"]', documentId);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    for (const action of ['content.create', 'content.delete']) {
      const row = page.locator(`tr[data-audit-action="${action}"][data-audit-subject-id="${documentId}"]`);
      await row.getByText(headline, { exact: true }).waitFor();
      expect(await row.getByText(`${documentId} · ru`, { exact: true }).count()).toBe(1);
      const raw = `api::press-release.press-release · ${documentId} · ru`;
      expect(await row.locator(`[title="${raw}"]`).count()).toBe(1);
      expect(await row.getByText(raw).count()).toBe(0);
    }
    await page.screenshot({ path: screenshotPath('audit-trail-3-headline') });
  });

  it('speaks Russian to a super admin who chose it', async () => {
    const page = await logIn(SUPER);
    await page.evaluate(() => localStorage.setItem('strapi-admin-language', 'ru'));
    await page.goto(`${baseUrl}/admin/audit-trail`);
    await page.getByRole('heading', { name: 'Журнал действий' }).waitFor();
    await page.getByRole('button', { name: 'Выгрузить CSV' }).waitFor();
    await page.screenshot({ path: screenshotPath('audit-trail-2-ru') });
  });

  it('is not offered to an editor, and shows them nothing', async () => {
    const page = await logIn(EDITOR);
    expect(await page.getByRole('link', { name: 'Audit trail' }).count()).toBe(0);
    await page.goto(`${baseUrl}/admin/audit-trail`);
    await page.getByText('Only super admins read the audit trail.').waitFor();
    expect(await page.locator('tr[data-audit-action]').count()).toBe(0);
  });
});
