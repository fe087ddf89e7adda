/**
 * The press portal under /press/: a journalist logs in with a form and a session cookie, signs up, reads the releases
 * shared with them (with the embargo banner in their time zone and in UTC), and keeps a private Atom feed. Forms are
 * refused without the token against cross-site requests, bad input gets a 4xx page, and nothing of /press is cached.
 * Real app, real PostgreSQL, real HTTP, real SMTP.
 */
import { PRESS_ACCESS_LOG } from '../../src/press-access/press-access-log';
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { xml2js, type ElementCompact } from 'xml-js';
import { api, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { PRESS_RELEASE_UID, createRelease, deleteRelease, publishWith } from '../helpers/content';
import { deleteUploads, makeUploadedImage } from '../helpers/media';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server';
import {
  accreditationRequest,
  askForAccreditation,
  JOURNALIST_PASSWORD as PASSWORD,
  signedInJournalist,
  type TestJournalist,
} from '../helpers/journalists';
import { decideAccreditation } from '../../src/press-access/accreditations';
import { EMBARGO_AGREEMENT } from '../../src/press-access/embargo-agreement';
import { PRESS_ACCREDITATION_UID } from '../../src/platform/content-model/content-type-uids';

const DAY = 24 * 3600 * 1000;
const dayFromNow = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
/** The embargo of the shared releases: tomorrow at 07:00 UTC, 10:00 in Nairobi (UTC+3, no summer time). */
const EMBARGO_END = new Date(`${dayFromNow(1)}T07:00:00.000Z`);
/** Each email may try to log in this many times in five minutes (Users & Permissions' limit, set for this file). */
const SIGN_IN_LIMIT = 8;

/** An accreditation request as the portal's form sends it, filled in as it should be. */
const ACCREDITATION_FORM = {
  outlet: 'Bad Input Weekly',
  position: 'Reporter',
  country: 'KE',
  languages: 'en, ru',
  timeZone: 'Africa/Nairobi',
  agreementVersion: EMBARGO_AGREEMENT.version,
  acceptAgreement: 'yes',
};
/** The sign-up form: an account and the request. */
const SIGN_UP = { email: 'portal-bad@press.example', password: 'Sign-up-passw0rd', ...ACCREDITATION_FORM };

let app: Core.Strapi;
let smtp: TestSmtpServer;
const savedEnv = { ...process.env };
const releases: string[] = [];
const uploads: number[] = [];
let photo: number;
let kamau: TestJournalist;
let otieno: TestJournalist;
const ids: Record<string, string> = {};

type Browser = ReturnType<typeof request.agent>;
const browser = (): Browser => request.agent(app.server.httpServer);
const csrfOf = (html: string): string => /name="_csrf" value="([^"]+)"/.exec(html)![1];
const bearer = (jwt: string) => ({ Authorization: `Bearer ${jwt}` });

/** Opens a page with a form and sends it filled, as a browser does; the answer to the post. */
async function submit(agent: Browser, page: string, action: string, fields: Record<string, string | string[]>) {
  const form = await agent.get(page);
  expect(form.status).toBe(200);
  return agent
    .post(action)
    .type('form')
    .send({ _csrf: csrfOf(form.text), ...fields });
}

async function loggedIn(email: string, password = PASSWORD): Promise<Browser> {
  const agent = browser();
  const res = await submit(agent, '/press/login', '/press/login', { email, password });
  expect(res.status).toBe(303);
  return agent;
}

/** A published release in Russian, embargoed until EMBARGO_END, shared as asked. */
async function sharedRelease(
  headline: string,
  press: { pressAccess: 'none' | 'accredited' | 'selected'; pressJournalists?: number[]; cover?: number },
  { publish = true } = {},
): Promise<string> {
  const { documentId } = await createRelease(app, { headline, paragraphs: [`${headline}: текст.`], publish: false });
  releases.push(documentId);
  const data = { embargoUntil: EMBARGO_END.toISOString(), ...press };
  if (publish) await publishWith(app, documentId, data);
  else await app.documents(PRESS_RELEASE_UID).update({ documentId, locale: 'ru', data: data as never });
  return documentId;
}

async function accredited(name: string): Promise<TestJournalist> {
  const journalist = await signedInJournalist(app, name);
  expect((await askForAccreditation(app, journalist, accreditationRequest(`${name} outlet`))).status).toBe(201);
  await decideAccreditation(app, {
    email: journalist.email,
    status: 'accredited',
    validUntil: dayFromNow(10),
    by: 't',
  });
  return journalist;
}

beforeAll(async () => {
  // A mailbox the mail server refuses, as a real one refuses an address that does not exist.
  smtp = await startSmtpServer({ refuses: (address) => address.startsWith('no-such-mailbox') });
  Object.assign(process.env, {
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Press office <press@newsroom.test>',
    JOURNALIST_SIGN_IN_LIMIT: String(SIGN_IN_LIMIT),
  });
  app = await startNewsroom();
  kamau = await accredited('portal-kamau');
  otieno = await accredited('portal-otieno');
  photo = await makeUploadedImage(app, 'portal-photo.png');
  uploads.push(photo);
  ids.everyone = await sharedRelease('Zzportal всем', { pressAccess: 'accredited', cover: photo });
  ids.otieno = await sharedRelease('Zzportal лично', { pressAccess: 'selected', pressJournalists: [otieno.id] });
  ids.none = await sharedRelease('Zzportal никому', { pressAccess: 'none' });
  ids.draft = await sharedRelease('Zzportal черновик', { pressAccess: 'accredited' }, { publish: false });
  ids.unpublished = await sharedRelease('Zzportal снят', { pressAccess: 'accredited' });
  await app.documents(PRESS_RELEASE_UID).unpublish({ documentId: ids.unpublished, locale: 'ru' });
});

afterAll(async () => {
  for (const documentId of releases) await deleteRelease(app, documentId);
  await deleteUploads(app, uploads);
  await stopNewsroom(app);
  await smtp.close();
  process.env = savedEnv;
});

describe('every portal answer', () => {
  it("has the reader pages' security headers, is never cached, and speaks the visitor's language", async () => {
    const ru = await api(app).get('/press/login').set('Accept-Language', 'ru-RU,ru;q=0.9,en;q=0.5');
    expect(ru.status).toBe(200);
    expect(ru.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(ru.headers['cache-control']).toBe('private, no-store');
    expect(ru.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(ru.headers['content-security-policy']).toContain("script-src 'self'");
    expect(ru.headers['x-frame-options']).toBe('DENY');
    expect(ru.headers['x-content-type-options']).toBe('nosniff');
    expect(ru.headers['referrer-policy']).toBe('no-referrer');
    expect(ru.text).toContain('<html lang="ru">');
    expect(ru.text).toContain('Вход на пресс-портал');
    // Asked twice: neither the response cache nor the front door answered (no X-Cache), both times.
    const again = await api(app).get('/press/login').set('Accept-Language', 'ru');
    expect([ru.headers['x-cache'], again.headers['x-cache']]).toEqual([undefined, undefined]);
    expect(again.headers['cache-control']).toBe('private, no-store');

    const agent = browser();
    const chosen = await agent.get('/press/login?lang=en').set('Accept-Language', 'ru');
    expect(chosen.text).toContain('<html lang="en">');
    // The choice is kept over the browser's language.
    expect((await agent.get('/press/sign-up').set('Accept-Language', 'ru')).text).toContain('Sign up for press');
    expect((await api(app).get('/press/login')).text).toContain('<html lang="en">');
  });

  it('sends an anonymous visitor of a private page to the log-in, and back after it', async () => {
    const page = `/press/releases/${ids.everyone}?locale=ru`;
    const res = await api(app).get(page);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/press/login?next=${encodeURIComponent(page)}`);
    const agent = browser();
    const form = await agent.get(res.headers.location);
    const logIn = await agent
      .post('/press/login')
      .type('form')
      .send({ _csrf: csrfOf(form.text), email: kamau.email, password: PASSWORD, next: page });
    expect(logIn.status).toBe(303);
    expect(logIn.headers.location).toBe(page);
    const offSite = await submit(browser(), '/press/login', '/press/login', {
      email: kamau.email,
      password: PASSWORD,
      next: '//evil.example/press/',
    });
    expect(offSite.status).toBe(400);
  });
});

describe('log-in and log-out', () => {
  it('starts a session in an HttpOnly, SameSite=Lax cookie, and ends it', async () => {
    const agent = browser();
    const wrong = await submit(agent, '/press/login', '/press/login', { email: kamau.email, password: 'nope-nope' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('Wrong email or password.');
    expect(String(wrong.headers['set-cookie'] ?? '')).not.toContain('newsroom_press_session=');

    const right = await submit(agent, '/press/login', '/press/login', { email: kamau.email, password: PASSWORD });
    expect(right.status).toBe(303);
    expect(right.headers.location).toBe('/press/');
    const session = (right.headers['set-cookie'] as unknown as string[]).find((c) =>
      c.startsWith('newsroom_press_session='),
    )!;
    expect(session).toMatch(/; path=\/press/);
    expect(session).toMatch(/; httponly/i);
    expect(session).toMatch(/; samesite=lax/i);
    expect(session).not.toMatch(/; secure/i); // the tests' site is http

    const home = await agent.get('/press/');
    expect(home.status).toBe(200);
    expect(home.text).toContain(`Signed in as ${kamau.email}`);
    expect(home.text).toContain(`You are accredited until ${dayFromNow(10)}`);
    expect(home.text).toContain('Zzportal всем');

    const jwt = session.split(';')[0].slice('newsroom_press_session='.length);
    const asBearer = () => api(app).get('/api/press/releases').set('Authorization', `Bearer ${jwt}`);
    expect((await asBearer()).status).toBe(200);

    const out = await agent
      .post('/press/logout')
      .type('form')
      .send({ _csrf: csrfOf(home.text) });
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe('/press/login');
    expect((await agent.get('/press/')).status).toBe(303);

    // A copy of the cookie taken before the log-out is refused after it: on the portal, and as a bearer token.
    expect((await api(app).get('/press/').set('Cookie', session.split(';')[0])).status).toBe(303);
    expect((await asBearer()).status).toBe(401);
    // A session of its own is not touched by another's log-out.
    const other = await loggedIn(kamau.email);
    expect((await other.get('/press/')).status).toBe(200);
  });

  it('refuses an account that is not a confirmed journalist', async () => {
    const unconfirmed = await signedInJournalist(app, 'portal-unconfirmed');
    await app.db
      .query('plugin::users-permissions.user')
      .update({ where: { id: unconfirmed.id }, data: { confirmed: false } });
    const res = await submit(browser(), '/press/login', '/press/login', {
      email: unconfirmed.email,
      password: PASSWORD,
    });
    expect(res.status).toBe(403);
    expect(res.text).toContain('Confirm your email address first');
  });

  it('is limited like the API sign-in: per address and email, then a 429 page', async () => {
    const agent = browser();
    const statuses: number[] = [];
    for (let attempt = 0; attempt <= SIGN_IN_LIMIT; attempt++) {
      const res = await submit(agent, '/press/login', '/press/login', {
        email: 'limit@press.example',
        password: 'wrong-wrong',
      });
      statuses.push(res.status);
      if (res.status === 429) expect(res.text).toContain('Too many attempts');
    }
    expect(statuses).toEqual([...Array(SIGN_IN_LIMIT).fill(400), 429]);
  });
});

describe('forms sent from elsewhere', () => {
  it('are refused with a 403 page: no token, a token of another browser, a token of another session', async () => {
    const attacker = browser();
    const attackerToken = csrfOf((await attacker.get('/press/login')).text);
    const victim = await loggedIn(otieno.email);
    const home = await victim.get('/press/account');
    const cases: Record<string, string | undefined>[] = [{}, { _csrf: attackerToken }, { _csrf: 'x'.repeat(43) }];
    for (const token of cases) {
      const res = await victim
        .post('/press/feed')
        .type('form')
        .send({ ...token, action: 'replace' });
      expect(res.status).toBe(403);
      expect(res.text).toContain('This form is out of date or was not sent from the press portal.');
    }
    // A token made before log-in does not carry over into the session.
    const before = browser();
    const anonymousToken = csrfOf((await before.get('/press/login')).text);
    await before
      .post('/press/login')
      .type('form')
      .send({ _csrf: anonymousToken, email: otieno.email, password: PASSWORD });
    const stale = await before.post('/press/logout').type('form').send({ _csrf: anonymousToken });
    expect(stale.status).toBe(403);
    // Nothing happened: the victim has no feed yet.
    expect(home.text).toContain('You have no private feed.');
    expect((await victim.get('/press/account')).text).toContain('You have no private feed.');
  });
});

describe('bad input', () => {
  const signUp = (fields: Record<string, string | string[]>) =>
    submit(browser(), '/press/sign-up', '/press/sign-up', fields);

  it('gets a 4xx page saying what to change, and leaves no account behind', async () => {
    const cases: [Record<string, string | string[]>, RegExp][] = [
      [{ ...SIGN_UP, acceptAgreement: '' }, /embargo agreement must be accepted/],
      [{ ...SIGN_UP, country: 'Kenya' }, /country/],
      [{ ...SIGN_UP, languages: 'english' }, /language code/],
      [{ ...SIGN_UP, timeZone: 'Mars/Olympus' }, /time zone/],
      [{ ...SIGN_UP, email: 'not-an-address' }, /email/],
      [{ ...SIGN_UP, role: 'editor' }, /role/],
      [{ ...SIGN_UP, email: ['a@press.example', 'b@press.example'] }, /email/],
      [{ ...SIGN_UP, agreementVersion: '2000-01-01' }, new RegExp(EMBARGO_AGREEMENT.version)],
    ];
    for (const [fields, problem] of cases) {
      const res = await signUp(fields);
      expect({ fields, status: res.status }).toEqual({ fields, status: 400 });
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.text).toMatch(problem);
      expect(res.text).toContain('value="Bad Input Weekly"'); // what was typed is kept
    }
    const made = await app.db.query('plugin::users-permissions.user').count({ where: { email: SIGN_UP.email } });
    expect(made).toBe(0);
  });

  it('gets a 4xx page on every other form and page too', async () => {
    const agent = await loggedIn(otieno.email);
    const token = csrfOf((await agent.get('/press/account')).text);
    const feed = await agent.post('/press/feed').type('form').send({ _csrf: token, action: 'explode' });
    expect(feed.status).toBe(400);
    const login = await agent
      .post('/press/login')
      .type('form')
      .send({ _csrf: token, email: 'x@y.z', password: ['a', 'b'] });
    expect(login.status).toBe(400);
    const json = await agent.post('/press/feed').send({ _csrf: token, action: { $ne: 1 } });
    expect(json.status).toBe(400);
    for (const path of [`/press/releases/${ids.everyone}?locale=xx`, '/press/?locale=xx', '/press/nothing-here']) {
      const res = await agent.get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
  });
});

describe('signing up on the portal', () => {
  it('makes the account and the accreditation request; the emailed link confirms it', async () => {
    const email = 'portal-new@press.example';
    const res = await submit(browser(), '/press/sign-up?lang=ru', '/press/sign-up', {
      ...SIGN_UP,
      email,
      outlet: 'Портал Ньюс',
      position: 'Корреспондент',
      country: 'ru',
      languages: 'ru',
      timeZone: 'Europe/Moscow',
    });
    expect(res.status).toBe(200);
    expect(res.text).toContain('Проверьте почту');
    const asked = await app.db.query(PRESS_ACCREDITATION_UID).findOne({ where: { email } });
    expect(asked).toMatchObject({ standing: 'requested', outletName: 'Портал Ньюс', country: 'RU', languages: 'ru' });
    expect(asked.agreementVersion).toBe(EMBARGO_AGREEMENT.version);

    const mail = await smtp.waitForMessage((m) => m.envelope.to.includes(email));
    const link = new URL(/https?:\/\/\S+?\?confirmation=[\w-]+/.exec(mail.parsed.text ?? '')![0]);
    const confirm = await api(app).get(link.pathname + link.search);
    expect(confirm.status).toBe(302);
    const confirmed = await api(app)
      .get(new URL(confirm.headers.location, 'http://x').pathname)
      .set('Accept-Language', 'ru');
    expect(confirmed.status).toBe(200);
    expect(confirmed.text).toContain('Адрес электронной почты подтверждён');

    const agent = await loggedIn(email, SIGN_UP.password);
    const home = await agent.get('/press/');
    expect(home.text).toContain('<html lang="ru">'); // the language of the accreditation
    expect(home.text).toContain('Ваша заявка ждёт решения пресс-службы.');
    expect(home.text).not.toContain('Zzportal');
  });

  it('leaves nothing when the confirmation email cannot be sent: a 503 page that says so, no account', async () => {
    const email = 'no-such-mailbox@press.example';
    const res = await submit(browser(), '/press/sign-up', '/press/sign-up', { ...SIGN_UP, email });
    expect(res.status).toBe(503);
    expect(res.text).toContain('The confirmation email could not be sent to this address, so no account was made.');
    expect(res.text).toContain(`value="${email}"`); // the form keeps what was typed
    const users = await app.db.query('plugin::users-permissions.user').count({ where: { email } });
    const requests = await app.db.query(PRESS_ACCREDITATION_UID).count({ where: { email } });
    expect({ users, requests }).toEqual({ users: 0, requests: 0 });
  });

  it('says when the address is taken', async () => {
    const res = await submit(browser(), '/press/sign-up', '/press/sign-up', { ...SIGN_UP, email: kamau.email });
    expect(res.status).toBe(400);
    expect(res.text).toContain('An account with this email address already exists');
  });

  it('lets a journalist choose a new password by the emailed link', async () => {
    const journalist = await signedInJournalist(app, 'portal-forgetful');
    const asked = await submit(browser(), '/press/reset-password', '/press/forgot-password', {
      email: journalist.email,
    });
    expect(asked.status).toBe(200);
    const mail = await smtp.waitForMessage((m) => m.envelope.to.includes(journalist.email));
    const link = new URL(/https?:\/\/\S+?\?code=\w+/.exec(mail.parsed.text ?? '')![0]);
    expect(link.pathname).toBe('/press/reset-password');
    const agent = browser();
    const choose = (code: string, password: string, passwordConfirmation: string) =>
      submit(agent, link.pathname + link.search, '/press/reset-password', { code, password, passwordConfirmation });
    const code = link.searchParams.get('code')!;
    const mismatch = await choose(code, 'New-passw0rd', 'Other-passw0rd');
    expect(mismatch.status).toBe(400);
    expect(mismatch.text).toContain('The two passwords differ.');
    const badCode = await choose('f'.repeat(128), 'New-passw0rd', 'New-passw0rd');
    expect(badCode.status).toBe(400);
    expect(badCode.text).toContain('This link is not valid any more');
    const done = await choose(code, 'New-passw0rd', 'New-passw0rd');
    expect(done.status).toBe(200);
    expect(done.text).toContain('Your new password is saved.');
    await loggedIn(journalist.email, 'New-passw0rd');
  });
});

describe('asking for accreditation on the portal', () => {
  it('takes the request of a journalist who has none, refuses a wrong one, and a second while accredited', async () => {
    const journalist = await signedInJournalist(app, 'portal-asking');
    const agent = await loggedIn(journalist.email);
    const request = ACCREDITATION_FORM;
    const wrong = await submit(agent, '/press/account', '/press/accreditation', { ...request, country: 'Kenya' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toMatch(/country: a two-letter country code/);
    const asked = await submit(agent, '/press/account', '/press/accreditation', request);
    expect(asked.status).toBe(303);
    expect(asked.headers.location).toBe('/press/account');
    expect((await agent.get('/press/account')).text).toContain('Your request is waiting for a decision');

    const accreditedAgent = await loggedIn(kamau.email);
    const account = await accreditedAgent.get('/press/account');
    expect(account.text).not.toContain('action="/press/accreditation"');
    const again = await accreditedAgent
      .post('/press/accreditation')
      .type('form')
      .send({ _csrf: csrfOf(account.text), ...request });
    expect(again.status).toBe(409);
    expect(again.text).toContain('Your accreditation is already accredited.');
  });
});

describe('a release on the portal', () => {
  it('has the embargo banner with the time in the journalist’s zone and in UTC, the text and the photo', async () => {
    const agent = await loggedIn(kamau.email);
    const pageReads = () =>
      app.db
        .connection(PRESS_ACCESS_LOG)
        .where({ journalist_id: kamau.id, document_id: ids.everyone, what: 'page', before_lift: true });
    const readBefore = (await pageReads()).length;
    const res = await agent.get(`/press/releases/${ids.everyone}?locale=ru`);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    const banner = /<div class="embargo-banner" role="alert">([\s\S]*?)<\/div>/.exec(res.text)![1];
    const at = (timeZone: string) =>
      new Intl.DateTimeFormat('en', { timeZone, dateStyle: 'long', timeStyle: 'short' }).format(EMBARGO_END);
    expect(banner).toContain('Under embargo until');
    expect(banner).toContain(`${at('Africa/Nairobi')} (Africa/Nairobi)`);
    expect(banner).toContain(`${at('UTC')} UTC`);
    expect(at('Africa/Nairobi')).toContain('10:00');
    expect(res.text).toContain('Zzportal всем: текст.');
    // Recorded in the press access log, as the press API's reads are (src/press-access/press-access-log.ts).
    expect(await pageReads()).toHaveLength(readBefore + 1);

    // The photo is linked as the press API's shape gives it (a link signed for this journalist while the embargo
    // holds, press-file-links.ts), at full resolution, and downloads; the same file as the press API's link.
    const shaped = await api(app)
      .get(`/api/press/releases/${ids.everyone}`)
      .query({ locale: 'ru' })
      .set(bearer(kamau.jwt));
    const viaApi = await api(app).get(new URL(shaped.body.data.cover.url, 'http://x').pathname);
    expect(viaApi.status).toBe(200);
    const href = /<a href="([^"]*\/api\/press\/files\/[^"]+)" download=""/.exec(res.text);
    expect(href).not.toBeNull();
    const file = await agent.get(new URL(href![1], 'http://x').pathname);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(file.body as Buffer, viaApi.body as Buffer)).toBe(0);
    // And the press kit, through the journalist's own signed link.
    const kit = /<a href="([^"]*\/api\/press\/kits\/[^"]+)" download="">The press kit/.exec(res.text);
    expect(kit).not.toBeNull();
    const zip = await agent.get(new URL(kit![1], 'http://x').pathname);
    expect({ status: zip.status, type: zip.headers['content-type'] }).toEqual({ status: 200, type: 'application/zip' });

    const ru = await agent.get(`/press/releases/${ids.everyone}?locale=ru&lang=ru`);
    expect(ru.text).toContain('Под эмбарго до');
    const inRussian = new Intl.DateTimeFormat('ru', { timeZone: 'UTC', dateStyle: 'long', timeStyle: 'short' });
    expect(ru.text).toContain(`${inRussian.format(EMBARGO_END)} UTC`);
  });

  it('is a 404 page when it is not shared with the journalist, a draft or unpublished', async () => {
    const agent = await loggedIn(kamau.email);
    for (const name of ['otieno', 'none', 'draft', 'unpublished']) {
      const res = await agent.get(`/press/releases/${ids[name]}?locale=ru`);
      expect({ name, status: res.status }).toEqual({ name, status: 404 });
      expect(res.text).not.toContain('Zzportal');
    }
    const list = await agent.get('/press/?locale=ru');
    expect(list.text).toContain('Zzportal всем');
    for (const hidden of ['лично', 'никому', 'черновик', 'снят']) expect(list.text).not.toContain(`Zzportal ${hidden}`);
    // Otieno sees the one shared with him alone.
    const his = await (await loggedIn(otieno.email)).get(`/press/releases/${ids.otieno}?locale=ru`);
    expect(his.status).toBe(200);
  });
});

/** The entries of an Atom document, after checking it is one. */
function atomEntries(xml: string): { id: string; title: string }[] {
  const document = xml2js(xml, { compact: true }) as ElementCompact;
  expect(document.feed._attributes.xmlns).toBe('http://www.w3.org/2005/Atom');
  expect(document.feed.id._text).toBeTruthy();
  return [document.feed.entry ?? []].flat().map((entry: ElementCompact) => ({
    id: entry.id._text as string,
    title: String(entry.title._cdata ?? entry.title._text),
  }));
}

describe('the private feed', () => {
  it('lists exactly the releases shared now; dies when replaced, removed or the accreditation revoked', async () => {
    const journalist = await accredited('portal-feed');
    const agent = await loggedIn(journalist.email);
    const account = await agent.get('/press/account');
    const made = await agent
      .post('/press/feed')
      .type('form')
      .send({ _csrf: csrfOf(account.text), action: 'replace' });
    expect(made.status).toBe(200);
    const url = new URL(/<p class="feed-url"><a href="([^"]+)"/.exec(made.text)![1]);
    expect(url.pathname).toMatch(/^\/press\/feed\/[A-Za-z0-9_-]{43}\.atom$/);

    const feed = await api(app).get(url.pathname);
    expect(feed.status).toBe(200);
    expect(feed.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(feed.headers['cache-control']).toBe('private, no-store');
    const entries = atomEntries(feed.text);
    // The same owner as the press API: its lists, in every language, are the feed's entries.
    const listed: string[] = [];
    for (const locale of ['ru', 'en', 'az']) {
      const page = await api(app)
        .get('/api/press/releases')
        .query({ locale, pageSize: 100 })
        .set(bearer(journalist.jwt));
      for (const release of page.body.data) listed.push(`/press/releases/${release.documentId}?locale=${locale}`);
    }
    expect(entries.map((entry) => new URL(entry.id).pathname + new URL(entry.id).search).sort()).toEqual(listed.sort());
    expect(listed).toContain(`/press/releases/${ids.everyone}?locale=ru`);
    const fedLog = await app.db.connection(PRESS_ACCESS_LOG).where({ journalist_id: journalist.id, what: 'feed' });
    expect(fedLog.map((row: { document_id: string }) => row.document_id)).toContain(ids.everyone);
    expect(entries.find((entry) => entry.id.includes(ids.everyone))!.title).toMatch(
      /^Embargo until .* UTC: Zzportal всем$/,
    );

    // Replaced: the old address is dead at once, the new one works.
    const again = await agent.get('/press/account');
    expect(again.text).toMatch(/Your feed address was made on/);
    const replaced = await agent
      .post('/press/feed')
      .type('form')
      .send({ _csrf: csrfOf(again.text), action: 'replace' });
    const newUrl = new URL(/<p class="feed-url"><a href="([^"]+)"/.exec(replaced.text)![1]);
    expect(newUrl.pathname).not.toBe(url.pathname);
    expect((await api(app).get(url.pathname)).status).toBe(404);
    expect((await api(app).get(newUrl.pathname)).status).toBe(200);

    // The accreditation revoked: dead at once; accredited again: alive again.
    await decideAccreditation(app, { email: journalist.email, status: 'revoked', reason: 'Leaked', by: 't' });
    expect((await api(app).get(newUrl.pathname)).status).toBe(404);
    await decideAccreditation(app, {
      email: journalist.email,
      status: 'accredited',
      validUntil: dayFromNow(3),
      by: 't',
    });
    expect((await api(app).get(newUrl.pathname)).status).toBe(200);

    // Removed from the portal: dead.
    const last = await agent.get('/press/account');
    const removed = await agent
      .post('/press/feed')
      .type('form')
      .send({ _csrf: csrfOf(last.text), action: 'revoke' });
    expect(removed.text).toContain('Your private feed is removed');
    expect((await api(app).get(newUrl.pathname)).status).toBe(404);
    for (const guess of ['/press/feed/x.atom', `/press/feed/${'A'.repeat(43)}.atom`, '/press/feed/.atom']) {
      expect((await api(app).get(guess)).status).toBe(404);
    }
  });
});

describe('an accreditation no longer in force', () => {
  it('shows where it stands and no release', async () => {
    const journalist = await accredited('portal-suspended');
    const agent = await loggedIn(journalist.email);
    expect((await agent.get(`/press/releases/${ids.everyone}?locale=ru`)).status).toBe(200);
    await decideAccreditation(app, { email: journalist.email, status: 'suspended', reason: 'Checking', by: 't' });
    const res = await agent.get(`/press/releases/${ids.everyone}?locale=ru`);
    expect(res.status).toBe(403);
    expect(res.text).not.toContain('Zzportal');
    const home = await agent.get('/press/');
    expect(home.text).toContain('Your accreditation is suspended.');
    expect(home.text).toContain('Reason: Checking');
    expect(home.text).not.toContain('Zzportal');
  });
});

describe('a release once its embargo lifts', () => {
  it('is marked released', async () => {
    await publishWith(app, ids.everyone, { embargoUntil: new Date(Date.now() - 1000).toISOString() });
    const res = await (await loggedIn(otieno.email)).get(`/press/releases/${ids.everyone}?locale=ru`);
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('embargo-banner');
    expect(res.text).toContain('<div class="released-banner"><p><strong>Released</strong>');
  });
});
