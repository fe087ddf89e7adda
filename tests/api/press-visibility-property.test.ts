/**
 * A property of press access: over generated journalists (accredited, expired, suspended, revoked, waiting, never
 * asked; with an outlet or without) and releases (draft, published, unpublished; no embargo, one past, one to come;
 * shared with nobody, every accredited journalist, or chosen outlets and journalists), each journalist sees exactly
 * the releases the issue's rule allows, through the press API, the press portal and the private feed. The
 * expectation is this test's own reading of the rule, written from the issue, not a call of the app's.
 */
import type { Core } from '@strapi/strapi';
import fc from 'fast-check';
import { api, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { createRelease, deleteRelease, PRESS_RELEASE_UID } from '../helpers/content';
import { decideAccreditation } from '../../src/press-access/accreditations';
import { accreditationRequest, askForAccreditation, signedInJournalist } from '../helpers/journalists';
import { OUTLET_UID, PRESS_ACCREDITATION_UID } from '../../src/platform/content-model/content-type-uids';
import { issueSessionToken, SESSION_COOKIE } from '../../src/press-access/portal/portal-session';
import { privateFeedPath, replaceFeedToken } from '../../src/press-access/portal/private-feed';

type Standing = 'accredited' | 'expired' | 'suspended' | 'revoked' | 'requested' | 'never';
interface JournalistSpec {
  standing: Standing;
  outlet: 0 | 1 | null;
}
interface ReleaseSpec {
  state: 'draft' | 'published' | 'unpublished';
  embargo: 'none' | 'past' | 'future';
  access: 'none' | 'accredited' | 'selected';
  outlets: boolean[];
  journalists: boolean[];
}

const JOURNALISTS = 6;
const RELEASES = 10;
const SEED = Number(process.env.PRESS_SEED ?? Date.now() % 2 ** 31);
const journalistSpec = fc.record<JournalistSpec>({
  standing: fc.constantFrom<Standing>('accredited', 'expired', 'suspended', 'revoked', 'requested', 'never'),
  outlet: fc.constantFrom<0 | 1 | null>(0, 1, null),
});
const releaseSpec = fc.record<ReleaseSpec>({
  state: fc.constantFrom('draft', 'published', 'unpublished'),
  embargo: fc.constantFrom('none', 'past', 'future'),
  access: fc.constantFrom('none', 'accredited', 'selected'),
  outlets: fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }),
  journalists: fc.array(fc.boolean(), { minLength: JOURNALISTS, maxLength: JOURNALISTS }),
});
const [GENERATED_JOURNALISTS, GENERATED_RELEASES] = fc.sample(
  fc.tuple(
    fc.array(journalistSpec, { minLength: JOURNALISTS, maxLength: JOURNALISTS }),
    fc.array(releaseSpec, { minLength: RELEASES, maxLength: RELEASES }),
  ),
  { seed: SEED, numRuns: 1 },
)[0];
const none = (count: number) => Array.from({ length: count }, () => false);
/** Every way of sharing once, whatever the seed: to all, to an outlet, to one journalist, and after the lift. */
const FIXED_RELEASES: ReleaseSpec[] = [
  { state: 'published', embargo: 'future', access: 'accredited', outlets: none(2), journalists: none(JOURNALISTS) },
  { state: 'published', embargo: 'future', access: 'selected', outlets: [true, false], journalists: none(JOURNALISTS) },
  {
    state: 'published',
    embargo: 'future',
    access: 'selected',
    outlets: none(2),
    journalists: none(JOURNALISTS).map((_, i) => i === 1),
  },
  { state: 'published', embargo: 'past', access: 'selected', outlets: [false, true], journalists: none(JOURNALISTS) },
];
// Every standing at least once, whatever the seed.
const STANDINGS: Standing[] = ['accredited', 'accredited', 'expired', 'suspended', 'revoked', 'never'];
const JOURNALIST_SPECS = GENERATED_JOURNALISTS.map((spec, index) => ({ ...spec, standing: STANDINGS[index] }));

const DAY = 24 * 3600 * 1000;
const TAG = `Zzprop${SEED}`;

let app: Core.Strapi;
const outlets: number[] = [];
const journalists: { id: number; jwt: string; spec: JournalistSpec }[] = [];
const releases: { documentId: string; spec: ReleaseSpec }[] = [];

/** The issue's rule, read independently: published, and public now or shared with a journalist in force. */
function expectedFor(journalist: (typeof journalists)[number]) {
  const inForce = journalist.spec.standing === 'accredited';
  const sharedWith = (spec: ReleaseSpec) =>
    spec.access === 'accredited' ||
    (spec.access === 'selected' &&
      (spec.journalists[journalists.indexOf(journalist)] ||
        (journalist.spec.outlet !== null && spec.outlets[journalist.spec.outlet])));
  const readable = (spec: ReleaseSpec) =>
    spec.state === 'published' && (spec.embargo !== 'future' || (inForce && sharedWith(spec)));
  return {
    inForce,
    readable: releases.filter(({ spec }) => readable(spec)).map(({ documentId }) => documentId),
    listed: releases.filter(({ spec }) => readable(spec) && sharedWith(spec)).map(({ documentId }) => documentId),
  };
}

async function makeJournalist(spec: JournalistSpec, index: number): Promise<void> {
  const { id, email, jwt } = await signedInJournalist(app, `prop${index}-${SEED}`);
  journalists.push({ id, jwt, spec });
  if (spec.standing === 'never') return;
  const outletName = spec.outlet === null ? `Freelance ${TAG}` : `Outlet ${spec.outlet} ${TAG}`;
  const asked = await askForAccreditation(app, { id, email, jwt }, accreditationRequest(outletName));
  expect(asked.status).toBe(201);
  if (spec.standing === 'requested') return;
  const until = new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10);
  await decideAccreditation(app, { email, status: 'accredited', validUntil: until, by: 'property' });
  if (spec.standing === 'suspended') await decideAccreditation(app, { email, status: 'suspended', by: 'property' });
  if (spec.standing === 'revoked') {
    await decideAccreditation(app, { email, status: 'revoked', reason: 'property', by: 'property' });
  }
  if (spec.standing === 'expired') {
    // Its last day has passed: written as time would leave it (a decision cannot set a past day).
    const yesterday = new Date(Date.now() - DAY).toISOString().slice(0, 10);
    await app.db.query(PRESS_ACCREDITATION_UID).update({ where: { email }, data: { validUntil: yesterday } });
  }
}

async function makeRelease(spec: ReleaseSpec, index: number): Promise<void> {
  const { documentId } = await createRelease(app, { headline: `${TAG} ${index}`, publish: false });
  releases.push({ documentId, spec });
  const embargoUntil = { none: null, past: new Date(Date.now() - DAY), future: new Date(Date.now() + DAY) }[
    spec.embargo
  ];
  await app.documents(PRESS_RELEASE_UID).update({
    documentId,
    locale: 'ru',
    data: {
      embargoUntil,
      pressAccess: spec.access,
      pressOutlets: outlets.filter((_, i) => spec.outlets[i]),
      pressJournalists: journalists.filter((_, i) => spec.journalists[i]).map(({ id }) => id),
    } as never,
  });
  if (spec.state === 'draft') return;
  await app.documents(PRESS_RELEASE_UID).publish({ documentId, locale: 'ru' });
  if (spec.state === 'unpublished') await app.documents(PRESS_RELEASE_UID).unpublish({ documentId, locale: 'ru' });
}

beforeAll(async () => {
  app = await startNewsroom();
  console.log(`press access property: seed ${SEED} (PRESS_SEED=${SEED} replays it)`);
  for (const index of [0, 1]) {
    outlets.push(
      ((await app.db.query(OUTLET_UID).create({ data: { name: `Outlet ${index} ${TAG}` } })) as { id: number }).id,
    );
  }
  for (const [index, spec] of JOURNALIST_SPECS.entries()) await makeJournalist(spec, index);
  for (const [index, spec] of [...FIXED_RELEASES, ...GENERATED_RELEASES].entries()) await makeRelease(spec, index);
}, 120_000);

afterAll(async () => {
  for (const { documentId } of releases) await deleteRelease(app, documentId);
  await app.db
    .query(PRESS_ACCREDITATION_UID)
    .deleteMany({ where: { journalist: { id: journalists.map((j) => j.id) } } });
  await app.db.query('plugin::users-permissions.user').deleteMany({ where: { id: journalists.map((j) => j.id) } });
  await app.db.query(OUTLET_UID).deleteMany({ where: { id: outlets } });
  await stopNewsroom(app);
});

describe('each journalist sees exactly what the rule allows', () => {
  it('the generated corpus reaches every branch of the rule', () => {
    const listed = journalists.map((journalist) => expectedFor(journalist).listed.length);
    expect(listed.filter((count) => count > 0).length).toBeGreaterThanOrEqual(2);
    expect(new Set(journalists.map((journalist) => expectedFor(journalist).listed.join())).size).toBeGreaterThan(1);
  });

  it.each(JOURNALIST_SPECS.map((spec, index) => [index, spec.standing, spec.outlet] as const))(
    'journalist %i (%s, outlet %s): the list and each release',
    async (index) => {
      const journalist = journalists[index];
      const expected = expectedFor(journalist);
      const auth = { Authorization: `Bearer ${journalist.jwt}` };
      const list = await api(app).get('/api/press/releases').query({ locale: 'ru', pageSize: 100 }).set(auth);
      // The portal with the session its log-in would start (a JWT in its cookie), and the private feed.
      const session = { Cookie: `${SESSION_COOKIE}=${issueSessionToken(app, journalist.id)}` };
      const portal = await api(app).get('/press/').query({ locale: 'ru' }).set(session);
      expect(portal.status).toBe(200);
      const onPortal = [...portal.text.matchAll(/\/press\/releases\/(\w+)\?locale=ru/g)].map((match) => match[1]);
      const feed = await api(app).get(privateFeedPath(await replaceFeedToken(app, journalist.id)));
      if (!expected.inForce) {
        expect(list.status).toBe(403);
        expect(onPortal).toEqual([]);
        expect(feed.status).toBe(404);
        return;
      }
      const ourReleases = (documentIds: string[]) =>
        [
          ...new Set(documentIds.filter((documentId) => releases.some((release) => release.documentId === documentId))),
        ].sort();
      expect(ourReleases(onPortal)).toEqual([...expected.listed].sort());
      expect(feed.status).toBe(200);
      const inFeed = [...feed.text.matchAll(/<id>[^<]*\/press\/releases\/(\w+)\?locale=ru<\/id>/g)].map(
        (match) => match[1],
      );
      expect(ourReleases(inFeed)).toEqual([...expected.listed].sort());
      const ours = (list.body.data as { documentId: string }[])
        .map(({ documentId }) => documentId)
        .filter((documentId) => releases.some((release) => release.documentId === documentId));
      expect(ours.sort()).toEqual([...expected.listed].sort());
      for (const { documentId, spec } of releases) {
        const one = await api(app).get(`/api/press/releases/${documentId}`).query({ locale: 'ru' }).set(auth);
        const page = await api(app).get(`/press/releases/${documentId}`).query({ locale: 'ru' }).set(session);
        const status = expected.readable.includes(documentId) ? 200 : 404;
        expect({ documentId, spec, api: one.status, portal: page.status }).toEqual({
          documentId,
          spec,
          api: status,
          portal: status,
        });
      }
    },
  );
});
