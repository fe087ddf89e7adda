/**
 * A real surrogate-key cache in front (issue 30): Varnish, with the VCL the repository ships (deploy/varnish), in front
 * of two instances over one database, purged by the service (CDN_PURGE_KIND=varnish). Through Varnish: a publish, an
 * unpublish, a correction, a topic rename and an embargo's end each show once the service has purged (waited for,
 * well inside the answers' s-maxage, so no expiry can pass for a purge); Varnish is asked whether it holds an
 * embargoed or draft release, or a private answer, and never does; a herd of requests on a cold URL reaches the
 * service once.
 */
import type { Core } from '@strapi/strapi';
import { createRelease, deleteRelease, PRESS_RELEASE_UID, publishWith } from '../helpers/content';
import { freePort, listen } from '../helpers/browser';
import { eventually, untilPast } from '../helpers/eventually';
import { startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { startNewsroomProcess, type NewsroomProcess } from '../helpers/newsroom-process';
import { describeWithVarnish, startVarnish, type TestVarnish } from '../helpers/varnish';
import { superAdminToken } from '../helpers/editor';
import { redisForInstances, describeWithRedis } from '../helpers/redis';

const saved = { ...process.env };

// Instances behind one cache share their response cache through Redis, as docs/operators.md has several instances do:
// an instance that kept its own copy would fill Varnish again with what a purge just dropped.
describeWithRedis('Varnish in front of two instances (sharing the response cache in Redis)', () =>
  describeWithVarnish('Varnish in front of two instances', varnishInFront),
);

function varnishInFront() {
  let app: Core.Strapi;
  let other: NewsroomProcess;
  let varnish: TestVarnish;
  let redis: ReturnType<typeof redisForInstances> | undefined;
  const releases: string[] = [];

  const through = async (pathAndQuery: string, headers: Record<string, string> = {}) => {
    const answer = await fetch(`${varnish.url}${pathAndQuery}`, { headers });
    return { status: answer.status, cache: answer.headers.get('x-cache'), text: await answer.text() };
  };
  const list = '/api/press-releases?locale=ru&pagination[pageSize]=100';
  /** Until Varnish's answer for the path (after the purge: a fetch from either instance) passes the check. */
  const shows = (pathAndQuery: string, check: (answer: { status: number; text: string }) => boolean, what: string) =>
    eventually(async () => check(await through(pathAndQuery)), what);

  beforeAll(async () => {
    const varnishPort = await freePort();
    const appPort = await freePort();
    redis = redisForInstances(`varnish-${process.pid}`);
    const settings = {
      ...redis.settings,
      CDN_PURGE_URL: `http://127.0.0.1:${varnishPort}/`,
      CDN_PURGE_KIND: 'varnish',
      // Long enough that nothing in this file expires: what changes in Varnish, a purge changed.
      CACHE_S_MAXAGE: '600',
      GO_LIVE_POLL_SECONDS: '1',
    };
    Object.assign(process.env, settings, { SERVER_URL: `http://127.0.0.1:${appPort}` });
    app = await startNewsroom();
    const appUrl = await listen(app, appPort);
    other = await startNewsroomProcess(settings);
    varnish = await startVarnish([appUrl, other.url], varnishPort);
  }, 180_000);
  afterAll(async () => {
    for (const documentId of releases) await deleteRelease(app, documentId);
    // The instances first: each sends the purges it holds before it stops.
    await other?.stop();
    await stopNewsroom(app);
    await varnish?.stop();
    await redis?.cleanUp();
    process.env = saved;
  });

  it('keeps a public answer, and a publish shows in it once purged', async () => {
    expect((await through(list)).status).toBe(200);
    const hit = await through(list);
    expect(hit.cache).toBe('HIT');
    expect(await varnish.holds(list)).toBe(true);
    const headline = 'Zzvarnish Опубликован';
    const { documentId } = await createRelease(app, { headline });
    releases.push(documentId);
    await shows(list, ({ text }) => text.includes(headline), 'the list with the new release');
  });

  it('shows an unpublish and a correction once purged', async () => {
    const headline = 'Zzvarnish До исправления';
    const { documentId } = await createRelease(app, { headline });
    releases.push(documentId);
    const one = `/api/press-releases/${documentId}?locale=ru`;
    await shows(one, ({ status }) => status === 200, 'the release');
    await through(list);
    expect(await varnish.holds(one)).toBe(true);

    await publishWith(app, documentId, { headline: 'Zzvarnish После исправления' });
    await shows(one, ({ text }) => text.includes('Zzvarnish После исправления'), 'the corrected release');
    await shows(list, ({ text }) => text.includes('Zzvarnish После исправления') && !text.includes(headline), 'list');

    await app.documents(PRESS_RELEASE_UID).unpublish({ documentId, locale: 'ru' });
    await shows(one, ({ status }) => status === 404, 'the unpublished release gone');
    await shows(list, ({ text }) => !text.includes('Zzvarnish После исправления'), 'the list without it');
  });

  it("shows a topic's new name in the releases that show it, once purged", async () => {
    const story = (await app.db
      .connection('newsroom_public_releases')
      .where({ locale: 'ru' })
      .whereRaw('cardinality(topic_ids) > 0')
      .first('document_id', 'topic_ids')) as { document_id: string; topic_ids: string[] };
    const one = `/api/press-releases/${story.document_id}?locale=ru`;
    await through(one);
    expect(await varnish.holds(one)).toBe(true);
    const topicId = story.topic_ids[0];
    const topic = (await app.documents('api::topic.topic').findOne({
      documentId: topicId,
      locale: 'ru',
      status: 'published',
    })) as unknown as { name: string };
    const rename = (name: string) =>
      app.documents('api::topic.topic').update({
        documentId: topicId,
        locale: 'ru',
        status: 'published',
        data: { name } as never,
      });
    try {
      await rename(`${topic.name} Zzvarnish`);
      await shows(one, ({ text }) => text.includes(`${topic.name} Zzvarnish`), 'the release with the renamed topic');
    } finally {
      await rename(topic.name);
    }
  });

  it('never holds an embargoed or draft release, and shows the embargo lifting once purged', async () => {
    const draft = await createRelease(app, { headline: 'Zzvarnish Черновик', publish: false });
    const embargoed = await createRelease(app, { headline: 'Zzvarnish Под эмбарго', publish: false });
    releases.push(draft.documentId, embargoed.documentId);
    const ends = Date.now() + 5000;
    await publishWith(app, embargoed.documentId, { embargoUntil: new Date(ends).toISOString() });
    await through(list);
    for (const { documentId } of [draft, embargoed]) {
      const one = `/api/press-releases/${documentId}?locale=ru`;
      const answer = await through(one);
      expect(answer.status).toBe(404);
      expect(answer.text).not.toContain('Zzvarnish');
      // Neither the release nor its 404 (sent without Cache-Control: not kept, so not there when it goes live).
      expect(await varnish.holds(one)).toBe(false);
    }
    expect((await through(list)).text).not.toContain('Zzvarnish Под эмбарго');
    await untilPast(ends);
    await shows(list, ({ text }) => text.includes('Zzvarnish Под эмбарго'), 'the list once the embargo ended');
    const one = `/api/press-releases/${embargoed.documentId}?locale=ru`;
    await shows(one, ({ status }) => status === 200, 'the release once the embargo ended');
    expect((await through(`/api/press-releases/${draft.documentId}?locale=ru`)).status).toBe(404);
  });

  it('never holds a private answer', async () => {
    const token = await superAdminToken(app, 'varnish.admin@newsroom.test');
    const admin = '/content-manager/collection-types/api::press-release.press-release?page=1&pageSize=1';
    expect((await through(admin, { authorization: `Bearer ${token}` })).status).toBe(200);
    expect(await varnish.holds(admin)).toBe(false);
    const preview = '/api/preview/press-releases/nope?token=forged';
    await through(preview);
    expect(await varnish.holds(preview)).toBe(false);
  });

  it('sends one request to the service for a herd on a cold URL', async () => {
    const cold = '/api/press-releases?locale=en&pagination[pageSize]=37';
    const fetchesBefore = await varnish.settledCounter('MAIN.backend_req');
    const answers = await Promise.all(Array.from({ length: 50 }, () => through(cold)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(50).fill(200));
    expect(new Set(answers.map((answer) => answer.text)).size).toBe(1);
    // Health probes are not requests of this count: one fetch from the service, forty-nine answers from it.
    expect((await varnish.settledCounter('MAIN.backend_req')) - fetchesBefore).toBe(1);
  });
}
