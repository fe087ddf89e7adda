/**
 * Press access: a journalist asks for accreditation, an Editor decides, and an accredited journalist reads the
 * published releases shared with them before their embargo lifts, through the press API, while the public sees
 * nothing of them. Real app, real PostgreSQL, real HTTP.
 */
import type { Core } from '@strapi/strapi';
import { api, graphql, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { validateNinjs } from '../helpers/ninjs-schema';
import { newsmlSchemaErrors } from '../helpers/newsml-schema';
import { unzip, wholeBody } from '../helpers/zip';
import { PRESS_ACCESS_LOG } from '../../src/press-access/press-access-log';
import { PRESS_RELEASE_UID, createRelease, deleteRelease, publishWith } from '../helpers/content';
import { editorToken } from '../helpers/editor';
import { auditEntriesSince } from '../helpers/audit-entries';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server';
import { npmRun } from '../helpers/npm-scripts';
import { accreditationRequest, JOURNALIST_PASSWORD as PASSWORD, signedInJournalist } from '../helpers/journalists';
import { AUDIT_EVENTS } from '../../src/editorial/audit-trail/audit-event';
import { EMBARGO_AGREEMENT } from '../../src/press-access/embargo-agreement';
import { JOURNALIST_ACTIONS, JOURNALIST_ROLE_TYPE } from '../../src/press-access/journalist-role';
import { decideAccreditation } from '../../src/press-access/accreditations';
import { PRESS_STORAGE } from '../../src/read-side/visibility';
import { OUTLET_UID, PRESS_ACCREDITATION_UID } from '../../src/platform/content-model/content-type-uids';
import { goLiveOf } from '../../src/delivery/go-live/go-live-scheduler';

const CM = `/content-manager/collection-types/${PRESS_ACCREDITATION_UID}`;
const DAY = 24 * 3600 * 1000;
const dayFromNow = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

let app: Core.Strapi;
let smtp: TestSmtpServer;
const savedEnv = { ...process.env };
let firstAuditId: number;
let editor: string;
let author: string;
const releases: string[] = [];

const journalist = (name: string) => signedInJournalist(app, name);
const asking = (outlet: string) => accreditationRequest(outlet);

const bearer = (jwt: string) => ({ Authorization: `Bearer ${jwt}` });

/** A published release under embargo until tomorrow, shared as asked. */
async function embargoedRelease(
  headline: string,
  press: {
    pressAccess: 'none' | 'accredited' | 'selected';
    pressOutlets?: number[];
    pressJournalists?: number[];
    pressNoticeWithText?: boolean;
  },
  { publish = true, embargoUntil = new Date(Date.now() + DAY).toISOString() } = {},
): Promise<string> {
  const { documentId } = await createRelease(app, { headline, paragraphs: [`${headline}: текст.`], publish: false });
  releases.push(documentId);
  await app.documents(PRESS_RELEASE_UID).update({
    documentId,
    locale: 'ru',
    data: { embargoUntil, ...press } as never,
  });
  if (publish) await app.documents(PRESS_RELEASE_UID).publish({ documentId, locale: 'ru' });
  return documentId;
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  Object.assign(process.env, { SMTP_URL: smtp.url, MAIL_FROM: 'Press office <press@newsroom.test>' });
  app = await startNewsroom();
  // A bigint: the driver gives it as a string.
  const [{ max }] = (await app.db.connection(AUDIT_EVENTS).max({ max: 'id' })) as { max: string | null }[];
  firstAuditId = Number(max ?? 0) + 1;
  editor = await editorToken(app, 'press-editor@newsroom.test');
  author = await editorToken(app, 'press-author@newsroom.test', 'author');
});

afterAll(async () => {
  for (const documentId of releases) await deleteRelease(app, documentId);
  await stopNewsroom(app);
  await smtp.close();
  process.env = savedEnv;
});

const mailTo = (address: string, subject: RegExp) =>
  smtp.waitForMessage((mail) => mail.envelope.to.includes(address) && subject.test(mail.parsed.subject ?? ''));

describe('the press fields as Strapi stores them', () => {
  it('match the column and link tables visibility.ts reads', () => {
    const attributes = app.db.metadata.get(PRESS_RELEASE_UID).attributes as unknown as Record<
      string,
      {
        columnName?: string;
        joinTable?: { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } };
      }
    >;
    expect(app.db.metadata.get(PRESS_RELEASE_UID).tableName).toBe(PRESS_STORAGE.releases);
    expect(attributes.pressAccess.columnName).toBe(PRESS_STORAGE.access);
    for (const [field, link] of [
      ['pressOutlets', PRESS_STORAGE.outlets],
      ['pressJournalists', PRESS_STORAGE.journalists],
    ] as const) {
      const joinTable = attributes[field].joinTable!;
      expect([joinTable.name, joinTable.joinColumn.name, joinTable.inverseJoinColumn.name]).toEqual([
        link.table,
        link.release,
        link.target,
      ]);
    }
  });
});

describe('the public schema', () => {
  it('has no press field, outlet or accreditation: GraphQL types and REST routes are as before', async () => {
    const schema = await graphql(app, '{ __schema { types { name fields { name } } } }');
    expect(schema.status).toBe(200);
    const types = schema.body.data.__schema.types as { name: string; fields: { name: string }[] | null }[];
    expect(types.map((type) => type.name).filter((name) => /outlet|accreditation/i.test(name))).toEqual([]);
    const release = types.find((type) => type.name === 'PressRelease')!;
    expect(release.fields!.map((field) => field.name)).toEqual(expect.arrayContaining(['headline', 'embargoUntil']));
    expect(release.fields!.map((field) => field.name).filter((name) => name.startsWith('press'))).toEqual([]);
    for (const path of ['/api/outlets', '/api/press-accreditations']) {
      expect((await api(app).get(path)).status).toBe(404);
    }
  });
});

describe('the Journalist role', () => {
  it('may do exactly what the app grants it', async () => {
    const rows = (await app.db.query('plugin::users-permissions.permission').findMany({
      select: ['action'],
      where: { role: { type: JOURNALIST_ROLE_TYPE } },
    })) as { action: string }[];
    expect(rows.map((row) => row.action).sort()).toEqual([...JOURNALIST_ACTIONS].sort());
  });

  it('reaches no admin route and no user record with its JWT', async () => {
    const { jwt } = await journalist('role-check');
    for (const path of ['/admin/users/me', '/content-manager/collection-types/api::press-release.press-release']) {
      expect((await api(app).get(path).set(bearer(jwt))).status).toBe(401);
    }
    expect((await api(app).get('/api/users').set(bearer(jwt))).status).toBe(403);
    expect((await api(app).get('/api/users/me').set(bearer(jwt))).status).toBe(200);
  });
});

describe('sign-up', () => {
  it('makes an unconfirmed journalist, who confirms by the emailed link and then signs in', async () => {
    const email = 'njeri@press.example';
    const register = await api(app)
      .post('/api/auth/local/register')
      .send({ username: 'njeri', email, password: PASSWORD });
    expect(register.status).toBe(200);
    const mail = await mailTo(email, /Confirm your address/);
    expect(mail.parsed.from?.value).toEqual([{ name: 'Press office', address: 'press@newsroom.test' }]);
    const link = /https?:\/\/\S+?\?confirmation=[\w-]+/.exec(mail.parsed.text ?? '')![0];
    const before = await api(app).post('/api/auth/local').send({ identifier: email, password: PASSWORD });
    expect(before.body.error.message).toMatch(/not confirmed/);
    const confirm = await api(app).get(new URL(link).pathname + new URL(link).search);
    expect(confirm.status).toBe(302);
    expect(confirm.headers.location).toMatch(/\/press\/confirmed$/);
    const signIn = await api(app).post('/api/auth/local').send({ identifier: email, password: PASSWORD });
    expect(signIn.status).toBe(200);
    expect(signIn.body.user).not.toHaveProperty('role');
    const me = await api(app).get('/api/press/accreditation').set(bearer(signIn.body.jwt));
    expect(me.body.data).toBeNull();
  });
});

describe('sign-in', () => {
  it('is rate-limited per client address at JOURNALIST_SIGN_IN_LIMIT attempts, a right password included', async () => {
    const key = 'plugin::users-permissions.ratelimit';
    const configured = app.config.get(key) as { max: number };
    expect(configured.max).toBe(Number(process.env.JOURNALIST_SIGN_IN_LIMIT));
    const { email } = await signedInJournalist(app, 'limited');
    const attempt = (password: string) => api(app).post('/api/auth/local').send({ identifier: email, password });
    // The window counts every attempt from this address in this file: its headers say how many are left.
    const first = await attempt('wrong-Passw0rd');
    expect(first.status).toBe(400);
    expect(first.headers['x-ratelimit-limit']).toBe(String(configured.max));
    const used = configured.max - Number(first.headers['x-ratelimit-remaining']);
    // Users-permissions reads its limit at each request: two attempts more, as a lower limit would allow.
    app.config.set(key, { ...configured, max: used + 2 });
    try {
      expect((await attempt('wrong-Passw0rd')).status).toBe(400);
      expect((await attempt('wrong-Passw0rd')).status).toBe(400);
      const refused = await attempt(PASSWORD);
      expect(refused.status).toBe(429);
      expect(refused.body.error.message).toMatch(/too many requests/i);
    } finally {
      app.config.set(key, configured);
    }
  });
});

describe('accreditation', () => {
  it('refuses a request that is missing or wrong, saying what', async () => {
    const { jwt } = await journalist('bad-input');
    const post = (body: unknown) =>
      api(app)
        .post('/api/press/accreditation')
        .set(bearer(jwt))
        .send(body as object);
    const cases: [unknown, RegExp][] = [
      [{}, /data/],
      [{ data: { ...asking('X').data, acceptAgreement: false } }, /embargo agreement must be accepted/],
      [{ data: { ...asking('X').data, country: 'Kenya' } }, /country/],
      [{ data: { ...asking('X').data, languages: [] } }, /languages/],
      [{ data: { ...asking('X').data, timeZone: 'Mars/Olympus' } }, /time zone/],
      [{ data: { ...asking('X').data, role: 'editor' } }, /role/],
      [{ data: { ...asking('X').data, agreementVersion: '2000-01-01' } }, new RegExp(EMBARGO_AGREEMENT.version)],
    ];
    for (const [body, message] of cases) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    }
    expect((await api(app).get('/api/press/accreditation').set(bearer(jwt))).body.data).toBeNull();
  });

  it('is asked by a journalist, decided by an Editor (not an Author), and recorded', async () => {
    const { jwt, email } = await journalist('kamau');
    expect((await api(app).post('/api/press/accreditation').send(asking('Daily Nation'))).status).toBe(403);
    const asked = await api(app).post('/api/press/accreditation').set(bearer(jwt)).send(asking('Daily Nation'));
    expect(asked.status).toBe(201);
    expect(asked.headers['cache-control']).toBe('private, no-store');
    expect(asked.body.data).toMatchObject({ status: 'requested', country: 'KE', languages: ['en', 'ru'] });
    expect((await api(app).get('/api/press/releases').set(bearer(jwt))).body.error.message).toMatch(
      /Your accreditation is requested/,
    );

    const record = (await app.db.query(PRESS_ACCREDITATION_UID).findOne({ where: { email } })) as {
      documentId: string;
    };
    const decide = (token: string, data: Record<string, unknown>) =>
      api(app).put(`${CM}/${record.documentId}`).set('Authorization', `Bearer ${token}`).send(data);
    expect((await decide(author, { standing: 'accredited', validUntil: dayFromNow(30) })).status).toBe(403);
    const noDate = await decide(editor, { standing: 'accredited', validUntil: null });
    expect(noDate.status).toBe(400);
    expect(noDate.body.error.message).toMatch(/last day/);
    const noReason = await decide(editor, { standing: 'refused', reason: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toMatch(/refusal needs a reason/);
    const accredited = await decide(editor, { standing: 'accredited', validUntil: dayFromNow(30), position: 'Editor' });
    expect(accredited.status).toBe(200);
    const mine = await api(app).get('/api/press/accreditation').set(bearer(jwt));
    // The Editor's decision; what the journalist declared stays theirs.
    expect(mine.body.data).toMatchObject({
      status: 'accredited',
      validUntil: dayFromNow(30),
      position: 'Correspondent',
    });
    expect((await api(app).post('/api/press/accreditation').set(bearer(jwt)).send(asking('X'))).status).toBe(409);

    const entries = await auditEntriesSince(app, firstAuditId, { subject_id: email });
    expect(entries.map((entry) => [entry.action, entry.outcome])).toEqual([
      ['press.accreditation-request', 'success'],
      ['press.accreditation-accredited', 'success'],
    ]);
    expect(entries[1].actor_email).toBe('press-editor@newsroom.test');
    // Told in the first of their languages notices are written in (they read en, then ru).
    const notice = await mailTo(email, /accreditation is granted/);
    expect(notice.parsed.text).toContain(dayFromNow(30));
  });
});

describe("the Editor's list of accreditation requests", () => {
  it('shows who asked, the outlet, the decision and until when, newest first', async () => {
    const res = await api(app)
      .get(`/content-manager/content-types/${PRESS_ACCREDITATION_UID}/configuration`)
      .set('Authorization', `Bearer ${editor}`);
    expect(res.status).toBe(200);
    const { settings, layouts } = res.body.data.contentType;
    expect(layouts.list).toEqual(['email', 'outletName', 'outlet', 'standing', 'validUntil', 'createdAt']);
    expect(settings).toMatchObject({ mainField: 'email', defaultSortBy: 'createdAt', defaultSortOrder: 'DESC' });
    const list = await api(app).get(CM).query({ sort: 'createdAt:DESC' }).set('Authorization', `Bearer ${editor}`);
    expect(list.status).toBe(200);
    expect((await api(app).get(CM).set('Authorization', `Bearer ${author}`)).status).toBe(403);
  });
});

describe('npm run accredit', () => {
  it('decides as the admin panel does, with the same checks, and says what it did', async () => {
    const { jwt, email } = await journalist('mwangi');
    await api(app).post('/api/press/accreditation').set(bearer(jwt)).send(asking('Citizen TV'));
    const usage = await npmRun('accredit', ['--email', email, '--until', 'soon'], process.env.DATABASE_URL!);
    expect(usage.code).toBe(2);
    expect(usage.output).toMatch(/--until is a date/);
    const refused = await npmRun('accredit', ['--email', email, '--revoke'], process.env.DATABASE_URL!);
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/revocation needs a reason/);
    const accredited = await npmRun(
      'accredit',
      ['--email', email, '--until', dayFromNow(20)],
      process.env.DATABASE_URL!,
    );
    expect(accredited).toMatchObject({ code: 0 });
    expect(accredited.output).toContain(`${email}: accredited until ${dayFromNow(20)}.`);
    expect((await api(app).get('/api/press/accreditation').set(bearer(jwt))).body.data.status).toBe('accredited');
    const [entry] = await auditEntriesSince(app, firstAuditId, {
      subject_id: email,
      action: 'press.accreditation-accredited',
    });
    expect(entry.actor_name).toBe('operator (npm run accredit)');
    expect((await mailTo(email, /accreditation is granted/)).parsed.text).toContain(dayFromNow(20));
    // Two app starts in child processes (the usage error stops before one): slow on a busy machine.
  }, 300_000);
});

describe('releases shared under embargo', () => {
  let outlet: number;
  let kamau: { id: number; jwt: string; email: string };
  let other: { id: number; jwt: string; email: string };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    outlet = (
      (await app.db.query(OUTLET_UID).create({ data: { name: 'The Standard', country: 'KE' } })) as { id: number }
    ).id;
    kamau = await journalist('wanjiru');
    other = await journalist('otieno');
    await api(app).post('/api/press/accreditation').set(bearer(kamau.jwt)).send(asking('The Standard'));
    await api(app).post('/api/press/accreditation').set(bearer(other.jwt)).send(asking('Freelance'));
    for (const who of [kamau, other]) {
      await decideAccreditation(app, {
        email: who.email,
        status: 'accredited',
        validUntil: dayFromNow(10),
        by: 'test',
      });
    }
    ids.everyone = await embargoedRelease('Zzpress всем аккредитованным', { pressAccess: 'accredited' });
    ids.outlet = await embargoedRelease('Zzpress изданию', { pressAccess: 'selected', pressOutlets: [outlet] });
    ids.person = await embargoedRelease('Zzpress лично', {
      pressAccess: 'selected',
      pressJournalists: [other.id],
      pressNoticeWithText: true,
    });
    ids.none = await embargoedRelease('Zzpress никому', { pressAccess: 'none' });
    ids.draft = await embargoedRelease('Zzpress черновик', { pressAccess: 'accredited' }, { publish: false });
  });

  const listed = async (jwt: string) => {
    const res = await api(app).get('/api/press/releases').query({ locale: 'ru' }).set(bearer(jwt));
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    return (res.body.data as { documentId: string; embargoed: boolean }[]).map((release) => release.documentId);
  };

  it('lists for each journalist exactly the published releases shared with them', async () => {
    expect((await listed(kamau.jwt)).sort()).toEqual([ids.everyone, ids.outlet].sort());
    expect((await listed(other.jwt)).sort()).toEqual([ids.everyone, ids.person].sort());
  });

  it('tells each journalist by email, once, of each release shared with them: headline, time, link', async () => {
    const shared = await mailTo(kamau.email, /Under embargo until .*Zzpress изданию/);
    // Their time zone (Nairobi, UTC+3) and UTC, in their first language (English).
    expect(shared.parsed.subject).toMatch(/\(Africa\/Nairobi\), .* UTC: Zzpress изданию$/);
    expect(shared.parsed.text).toContain(`/press/releases/${ids.outlet}?locale=ru`);
    expect(shared.parsed.text).not.toContain('Zzpress изданию: текст.');
    await mailTo(kamau.email, /Zzpress всем аккредитованным/);
    // This release says its notice may carry its text.
    expect((await mailTo(other.email, /Zzpress лично/)).parsed.text).toContain('Zzpress лично: текст.');
    await goLiveOf(app).settled();
    const toKamau = smtp.messages.filter((mail) => mail.envelope.to.includes(kamau.email));
    expect(toKamau.map((mail) => mail.parsed.subject).filter((subject) => /Zzpress/.test(subject ?? ''))).toHaveLength(
      2,
    );
  });

  it('gives one release in full to a journalist it is shared with, and a 404 otherwise', async () => {
    const one = await api(app).get(`/api/press/releases/${ids.outlet}`).query({ locale: 'ru' }).set(bearer(kamau.jwt));
    expect(one.status).toBe(200);
    expect(one.body.data).toMatchObject({ headline: 'Zzpress изданию', embargoed: true });
    expect(one.body.data.embargoUntil).toBeTruthy();
    for (const id of [ids.person, ids.none, ids.draft, 'nosuchdocumentid0000000']) {
      const res = await api(app).get(`/api/press/releases/${id}`).query({ locale: 'ru' }).set(bearer(kamau.jwt));
      expect(res.status).toBe(404);
    }
  });

  it('gives it as IPTC ninjs 3.1 with embargoedUntil', async () => {
    const res = await api(app)
      .get(`/api/press/releases/${ids.outlet}/ninjs`)
      .query({ locale: 'ru' })
      .set(bearer(kamau.jwt));
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(validateNinjs(res.body) ? [] : validateNinjs.errors).toEqual([]);
    expect(res.body).toMatchObject({ headlines: [{ role: 'main', value: 'Zzpress изданию' }] });
    expect(new Date(res.body.embargoedUntil).getTime()).toBeGreaterThan(Date.now());
    expect(res.body.uri).toContain(`/api/press/releases/${ids.outlet}/ninjs`);
    const notShared = await api(app)
      .get(`/api/press/releases/${ids.person}/ninjs`)
      .query({ locale: 'ru' })
      .set(bearer(kamau.jwt));
    expect(notShared.status).toBe(404);
  });

  it('gives a journalist the press kit under embargo by their own signed link, recorded; the public none', async () => {
    const one = await api(app).get(`/api/press/releases/${ids.outlet}`).query({ locale: 'ru' }).set(bearer(kamau.jwt));
    const link = one.body.data.pressKit as string;
    expect(link).toMatch(/^\/api\/press\/kits\/[\w-]+\.[\w-]{43}$/);
    const kit = await api(app).get(link).buffer(true).parse(wholeBody);
    expect(kit.status).toBe(200);
    expect(kit.headers).toMatchObject({ 'content-type': 'application/zip', 'cache-control': 'private, no-store' });
    const entries = await unzip(kit.body as Buffer);
    const manifest = JSON.parse(entries.get('manifest.json')!.toString());
    expect(manifest.locales).toEqual([
      expect.objectContaining({ locale: 'ru', headline: 'Zzpress изданию', embargoedUntil: expect.any(String) }),
    ]);
    const base = manifest.locales[0].files[0].replace(/\.txt$/, '');
    const newsml = entries.get(`${base}.newsml.xml`)!.toString();
    expect(newsmlSchemaErrors(newsml)).toBe('');
    expect(newsml).toMatch(/<embargoed>[^<]+<\/embargoed>/);
    const ninjs = JSON.parse(entries.get(`${base}.ninjs.json`)!.toString());
    expect(validateNinjs(ninjs) ? [] : validateNinjs.errors).toEqual([]);
    expect(new Date(ninjs.embargoedUntil).getTime()).toBeGreaterThan(Date.now());
    expect(entries.get(`${base}.txt`)!.toString()).toContain('Zzpress изданию: текст.');

    const [entry] = await app.db
      .connection(PRESS_ACCESS_LOG)
      .where({ document_id: ids.outlet, what: 'kit', journalist_id: kamau.id })
      .select('before_lift', 'locale');
    expect(entry).toEqual({ before_lift: true, locale: 'ru' });

    // Nobody else: not the public, not another journalist's log-in, not the file route; nor a release not shared.
    expect((await api(app).get(`/api/press-releases/${ids.outlet}/press-kit.zip`)).status).toBe(404);
    expect((await api(app).get(link).set(bearer(other.jwt))).status).toBe(403);
    expect((await api(app).get(link.replace('/kits/', '/files/'))).status).toBe(400);
    const otherLink = (
      await api(app).get(`/api/press/releases/${ids.person}`).query({ locale: 'ru' }).set(bearer(other.jwt))
    ).body.data.pressKit as string;
    expect((await api(app).get(otherLink).set(bearer(kamau.jwt))).status).toBe(403);
  });

  it('shows the public nothing of them', async () => {
    const list = await api(app).get('/api/press-releases').query({ locale: 'ru' });
    expect(list.text).not.toContain('Zzpress');
    expect((await api(app).get(`/api/press-releases/${ids.everyone}`).query({ locale: 'ru' })).status).toBe(404);
    // A journalist's JWT on the public API gets the public's answer.
    const signedIn = await api(app).get('/api/press-releases').query({ locale: 'ru' }).set(bearer(kamau.jwt));
    expect(signedIn.text).not.toContain('Zzpress');
  });

  it('refuses bad queries with a 400', async () => {
    for (const query of [{ locale: 'xx' }, { page: '0' }, { pageSize: '1000' }, { sort: 'headline' }]) {
      const res = await api(app).get('/api/press/releases').query(query).set(bearer(kamau.jwt));
      expect(res.status).toBe(400);
    }
  });

  it('stops at once when the accreditation is suspended, and again when it is revoked', async () => {
    await decideAccreditation(app, { email: kamau.email, status: 'suspended', by: 'test' });
    const suspended = await api(app).get('/api/press/releases').set(bearer(kamau.jwt));
    expect(suspended.status).toBe(403);
    expect(suspended.body.error.message).toMatch(/suspended/);
    await expect(decideAccreditation(app, { email: kamau.email, status: 'revoked', by: 'test' })).rejects.toThrow(
      /revocation needs a reason/,
    );
    await decideAccreditation(app, { email: kamau.email, status: 'revoked', reason: 'Broke the embargo', by: 'test' });
    expect((await mailTo(kamau.email, /revoked/)).parsed.text).toContain('Reason: Broke the embargo');
    expect((await api(app).get(`/api/press/releases/${ids.everyone}`).set(bearer(kamau.jwt))).status).toBe(403);
    await decideAccreditation(app, {
      email: kamau.email,
      status: 'accredited',
      validUntil: dayFromNow(10),
      by: 'test',
    });
    expect(await listed(kamau.jwt)).toContain(ids.everyone);
  });

  it('shows a release as released once its embargo lifts, to the journalist and the public alike', async () => {
    await publishWith(app, ids.outlet, { embargoUntil: new Date(Date.now() - 1000).toISOString() });
    const one = await api(app).get(`/api/press/releases/${ids.outlet}`).query({ locale: 'ru' }).set(bearer(kamau.jwt));
    expect(one.body.data).toMatchObject({ embargoed: false });
    expect((await api(app).get(`/api/press-releases/${ids.outlet}`).query({ locale: 'ru' })).status).toBe(200);
    const list = await api(app).get('/api/press/releases').query({ locale: 'ru' }).set(bearer(kamau.jwt));
    const order = (list.body.data as { documentId: string; embargoed: boolean }[]).map((r) => r.embargoed);
    expect(order).toEqual([...order].sort((a, b) => Number(b) - Number(a))); // still under embargo first
    const released = await mailTo(kamau.email, /Released: Zzpress изданию/);
    expect(released.parsed.text).toContain('it is public now');
  });
});
