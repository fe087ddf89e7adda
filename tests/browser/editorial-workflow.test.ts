import type { Core } from '@strapi/strapi';
import type { Browser, Page } from 'playwright-core';
import { ensureEditorAccount } from '../../src/editorial/newsroom-setup/editor-role';
import { stageMovesOf } from '../../src/editorial/review-workflow/review-history';
import {
  describeInBrowser,
  launchChromium,
  logInToAdminPanel,
  screenshotPath,
  startNewsroomWithAdminPanel,
} from '../helpers/browser';
import { PRESS_RELEASE_UID } from '../helpers/content';
import { eventually } from '../helpers/eventually';
import { api, stopNewsroom } from '../helpers/newsroom-app';
import { ensureSuperAdmin } from '../helpers/super-admin';

const AUTHOR = {
  email: 'flow.author@newsroom.test',
  password: 'Flow-Author-Passw0rd',
  firstname: 'Alla',
  lastname: 'Author',
  role: 'author' as const,
};
const EDITOR = {
  email: 'flow.editor@newsroom.test',
  password: 'Flow-Editor-Passw0rd',
  firstname: 'Emil',
  lastname: 'Editor',
  role: 'editor' as const,
};
const SUPER = { email: 'flow.super@newsroom.test', password: 'Flow-Super-Passw0rd', firstname: 'S', lastname: 'Admin' };
const FIRST = 'Zzflow Баку и Найроби договорились о сотрудничестве';
const CHANGED = 'Zzflow Баку и Найроби подписали соглашение';
const CORRECTED = 'Zzflow Баку и Найроби подписали соглашение о сотрудничестве';
const LEAD = 'Стороны обсудили совместную борьбу с преступностью.';
const CORRECTION = 'В первой версии неверно указано, что соглашение подписано.';

type Stage = 'draft' | 'in_review' | 'approved';

/**
 * The editorial workflow end to end, in the admin panel, as an Author and an Editor (a super admin reads the audit
 * trail): write and submit, approve and publish, a change taken back to review, a correction republished, the
 * version history restoring the first version, and every step in the audit trail with who did it.
 */
describeInBrowser('the editorial workflow of a release, in Chromium', () => {
  let app: Core.Strapi;
  let baseUrl: string;
  let browser: Browser;
  let author: Page;
  let editor: Page;
  let superAdmin: Page;
  let documentId: string;

  const editUrl = () =>
    `${baseUrl}/admin/content-manager/collection-types/${PRESS_RELEASE_UID}/${documentId}?plugins[i18n][locale]=ru`;
  const listUrl = (stage: Stage) =>
    `${baseUrl}/admin/content-manager/collection-types/${PRESS_RELEASE_UID}?plugins[i18n][locale]=ru` +
    `&filters[$and][0][reviewStage][$eq]=${stage}`;
  const draft = async () =>
    (await app.db.query(PRESS_RELEASE_UID).findOne({
      select: ['headline', 'reviewStage', 'correction'],
      where: { documentId, locale: 'ru', publishedAt: null },
    })) as { headline: string; reviewStage: Stage; correction: string | null };
  const untilStage = (stage: Stage) =>
    eventually(async () => (await draft()).reviewStage === stage, `the draft's review stage is ${stage}`);
  /** The public version, as any reader gets it (null when there is none). */
  const published = async () => {
    const response = await fetch(`${baseUrl}/api/press-releases/${documentId}?locale=ru`);
    if (response.status === 404) return null;
    return ((await response.json()) as { data: { headline: string; correction: string | null; correctedAt: string } })
      .data;
  };
  const untilPublished = (headline: string) =>
    eventually(async () => (await published())?.headline === headline, `"${headline}" is public`);

  async function openPanel(account: { email: string; password: string }): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    await logInToAdminPanel(page, baseUrl, account);
    return page;
  }

  async function openEditView(page: Page) {
    await page.goto(editUrl());
    await page.locator('input[name="headline"]').waitFor();
  }

  async function chooseStage(page: Page, name: string) {
    await page.getByRole('combobox', { name: 'Review stage' }).click();
    await page.getByRole('option', { name, exact: true }).click();
  }

  /** The edit view's review history panel, its moves newest first as "from>to by name". */
  async function shownMoves(page: Page, count: number): Promise<string[]> {
    const moves = page.getByTestId('review-history-move');
    await eventually(async () => (await moves.count()) === count, `${count} moves in the review history panel`);
    return moves.evaluateAll((items) =>
      items.map((item) => `${item.getAttribute('data-from')}>${item.getAttribute('data-to')} ${item.textContent}`),
    );
  }

  beforeAll(async () => {
    ({ app, baseUrl } = await startNewsroomWithAdminPanel());
    await Promise.all([
      ensureEditorAccount(app, AUTHOR),
      ensureEditorAccount(app, EDITOR),
      ensureSuperAdmin(app, SUPER),
    ]);
    browser = await launchChromium();
    [author, editor, superAdmin] = await Promise.all([openPanel(AUTHOR), openPanel(EDITOR), openPanel(SUPER)]);
  }, 360_000);

  afterAll(async () => {
    await browser?.close();
    if (documentId) await app.documents(PRESS_RELEASE_UID).delete({ documentId, locale: '*' });
    await stopNewsroom(app);
  });

  it('an Author writes a release and submits it for review, and cannot publish it', async () => {
    await author.goto(
      `${baseUrl}/admin/content-manager/collection-types/${PRESS_RELEASE_UID}/create?plugins[i18n][locale]=ru`,
    );
    await author.fill('input[name="headline"]', FIRST);
    await author.fill('textarea[name="lead"]', LEAD);
    await author.getByRole('button', { name: 'Save' }).click();
    await author.waitForURL(/press-release\.press-release\/(?!create)[a-z0-9]+/);
    documentId = /press-release\.press-release\/([a-z0-9]+)/.exec(author.url())![1];
    expect(await author.getByRole('button', { name: 'Publish' }).isDisabled()).toBe(true);
    await author.getByText('The review stage has not been changed yet.', { exact: true }).waitFor();

    await chooseStage(author, 'In review');
    await author.getByRole('button', { name: 'Save' }).click();
    await untilStage('in_review');
    expect(await shownMoves(author, 1)).toEqual([expect.stringMatching(/^draft>in_review Draft → In review.*Alla/)]);
    expect(await author.getByRole('button', { name: 'Publish' }).isDisabled()).toBe(true);
  });

  it('an Editor finds it in review in the list, approves it and publishes it', async () => {
    await editor.goto(
      `${baseUrl}/admin/content-manager/collection-types/${PRESS_RELEASE_UID}?plugins[i18n][locale]=ru`,
    );
    await editor.locator('th', { hasText: 'Review stage' }).waitFor();
    // The list's filter offers the stages by their names.
    await editor.getByRole('button', { name: 'Filters', exact: true }).click();
    await editor.getByRole('combobox', { name: 'Select field' }).click();
    await editor.getByRole('option', { name: 'Review stage', exact: true }).click();
    await editor.getByRole('combobox', { name: 'Select filter' }).click();
    await editor.getByRole('option', { name: 'is', exact: true }).click();
    await editor.getByRole('combobox', { name: 'Review stage' }).click();
    await editor.getByRole('option', { name: 'In review', exact: true }).click();
    await editor.getByRole('button', { name: 'Add filter' }).click();
    await editor.waitForURL(/reviewStage\]\[\$eq\]=in_review/);
    // The applied filter names the stage too, not its stored value.
    await editor.getByText('Review stage is In review', { exact: true }).waitFor();
    const row = editor.getByRole('row', { name: new RegExp(FIRST) });
    await row.waitFor();
    // The stage by its name, not its stored value.
    await row.getByText('In review', { exact: true }).waitFor();
    expect(await row.textContent()).not.toContain('in_review');

    await row.getByText(FIRST).click();
    await editor.waitForURL(new RegExp(documentId));
    await editor.locator('input[name="headline"]').waitFor();
    await chooseStage(editor, 'Approved');
    await editor.getByRole('button', { name: 'Save' }).click();
    await untilStage('approved');
    expect(await shownMoves(editor, 2)).toEqual([
      expect.stringMatching(/^in_review>approved In review → Approved.*Emil/),
      expect.stringMatching(/^draft>in_review .*Alla/),
    ]);
    await editor.getByRole('button', { name: 'Publish' }).click();
    await untilPublished(FIRST);

    // Approved, it is out of the list of releases in review.
    await editor.goto(listUrl('in_review'));
    await editor.getByText('No content found', { exact: false }).first().waitFor();
  });

  it('an Author changes the published release: it goes back to review, and the Author cannot publish it', async () => {
    await openEditView(author);
    await author.fill('input[name="headline"]', CHANGED);
    await author.getByRole('button', { name: 'Save' }).click();
    await eventually(async () => (await draft()).headline === CHANGED, 'the change is saved');
    await untilStage('in_review');
    expect((await shownMoves(author, 3))[0]).toMatch(/^approved>in_review Approved → In review.*Alla/);
    expect(await author.getByRole('button', { name: 'Publish' }).isDisabled()).toBe(true);

    // Past the panel, straight to the admin API with the Author's own log-in: refused too.
    const login = await api(app).post('/admin/login').send({ email: AUTHOR.email, password: AUTHOR.password });
    const publish = await api(app)
      .post(`/content-manager/collection-types/${PRESS_RELEASE_UID}/${documentId}/actions/publish?locale=ru`)
      .set('authorization', `Bearer ${login.body.data.token}`)
      .send({});
    expect(publish.status).toBe(403);
    expect((await published())?.headline).toBe(FIRST);
    await author.screenshot({ path: screenshotPath('workflow-1-review-history-panel') });
  });

  it('an Editor is told the change needs approving, corrects the release and publishes it again', async () => {
    await openEditView(editor);
    expect(await editor.inputValue('input[name="headline"]')).toBe(CHANGED);
    await editor.getByRole('button', { name: 'Publish' }).click();
    await editor.getByRole('alert').getByText('it was changed after its approval', { exact: false }).waitFor();
    expect((await published())?.headline).toBe(FIRST);

    // The correction's date is the server's: no input for it in the edit view.
    await editor.locator('textarea[name="correction"]').waitFor();
    expect(await editor.locator('[name="correctedAt"]').count()).toBe(0);
    expect(await editor.getByText('Corrected at', { exact: true }).count()).toBe(0);

    await editor.fill('input[name="headline"]', CORRECTED);
    await editor.fill('textarea[name="correction"]', CORRECTION);
    await chooseStage(editor, 'Approved');
    await editor.getByRole('button', { name: 'Save' }).click();
    await untilStage('approved');
    await editor.getByRole('button', { name: 'Publish' }).click();
    await untilPublished(CORRECTED);
    const release = await published();
    expect(release).toMatchObject({ correction: CORRECTION, correctedAt: expect.any(String) });
  });

  it('the history shows both published versions with the change marked, and restores the first', async () => {
    await editor.getByRole('button', { name: 'More actions', exact: true }).click();
    await editor.getByRole('menuitem', { name: 'Version history' }).click();
    const versions = editor.getByTestId('release-history-version');
    await versions.first().waitFor();
    const reasons = await versions.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-reason')));
    expect(reasons.filter((reason) => reason === 'publish')).toHaveLength(2);

    await versions.nth(reasons.lastIndexOf('publish')).getByRole('button').click(); // the first publish
    const field = (name: string) => editor.locator(`[data-testid="release-history-field"][data-field="${name}"]`);
    await field('headline').waitFor();
    expect(await field('headline').getAttribute('data-changed')).toBe('true');
    expect(await field('correction').getAttribute('data-changed')).toBe('true');
    expect(await field('lead').getAttribute('data-changed')).toBe('false');
    await expect(field('headline').innerText()).resolves.toContain(FIRST);

    await editor.getByRole('button', { name: 'Restore into the draft' }).click();
    await editor.waitForFunction(
      (expected) => (document.querySelector('input[name="headline"]') as HTMLInputElement | null)?.value === expected,
      FIRST,
    );
    expect(await draft()).toMatchObject({ headline: FIRST, correction: null });
    expect((await published())?.headline).toBe(CORRECTED); // a restore publishes nothing
  });

  it('shows the review history and stage names in Russian to an editor who chose it', async () => {
    await editor.evaluate(() => localStorage.setItem('strapi-admin-language', 'ru'));
    await openEditView(editor);
    await editor.getByText('История этапов проверки', { exact: true }).waitFor();
    await editor.getByTestId('review-history').getByText('Одобрен → На проверке').first().waitFor();
    await editor.goto(listUrl((await draft()).reviewStage));
    await editor
      .getByRole('row', { name: new RegExp(FIRST) })
      .getByText(/^(На проверке|Одобрен)$/)
      .waitFor();
    // The applied filter too: the field and the stage by their Russian names.
    await editor.getByText(/^Этап проверки равно (На проверке|Одобрен)$/).waitFor();
    await editor.evaluate(() => localStorage.removeItem('strapi-admin-language'));
  });

  it('the audit trail lists every step with who took it', async () => {
    const moves = await stageMovesOf(app, documentId, 'ru');
    expect(moves.map((move) => `${move.from_stage}>${move.to_stage} ${move.actor_email}`)).toEqual([
      `draft>in_review ${AUTHOR.email}`,
      `in_review>approved ${EDITOR.email}`,
      `approved>in_review ${AUTHOR.email}`,
      `in_review>approved ${EDITOR.email}`,
      `approved>in_review ${EDITOR.email}`, // the restore changed the approved content
    ]);

    await superAdmin.getByRole('link', { name: 'Audit trail' }).click();
    await superAdmin.fill('input[name="documentId"]', documentId);
    await superAdmin.getByRole('button', { name: 'Apply filters' }).click();
    const rows = superAdmin.locator('tr[data-audit-action]');
    await eventually(
      async () => (await rows.count()) > 0 && (await rows.allTextContents()).every((row) => row.includes(documentId)),
      'the trail of this release',
    );
    const steps = await rows.evaluateAll((trs) =>
      trs.map((tr) => {
        const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '');
        return `${tr.getAttribute('data-audit-action')} ${cells[1]} ${cells[5].split(' ')[0]}`;
      }),
    );
    await superAdmin.screenshot({ path: screenshotPath('workflow-2-audit-trail') });
    // Oldest first, as the story went.
    expect(steps.reverse()).toEqual([
      `content.create ${AUTHOR.email} success`,
      `content.stage-change ${AUTHOR.email} success`,
      `content.update ${AUTHOR.email} success`,
      `content.stage-change ${EDITOR.email} success`,
      `content.update ${EDITOR.email} success`,
      `content.publish ${EDITOR.email} success`,
      `content.stage-change ${AUTHOR.email} success`,
      `content.update ${AUTHOR.email} success`,
      `content.publish ${AUTHOR.email} refused`,
      `content.publish ${EDITOR.email} refused`,
      `content.stage-change ${EDITOR.email} success`,
      `content.update ${EDITOR.email} success`,
      `content.publish ${EDITOR.email} success`,
      `content.stage-change ${EDITOR.email} success`,
      `content.restore ${EDITOR.email} success`,
    ]);
  });
});
