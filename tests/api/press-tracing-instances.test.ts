/**
 * Press access across app instances sharing Redis: instance A runs in this process (the Editor's writes and decisions
 * go through it), instance B is a separate process reached over HTTP. A revocation decided on A holds on B from the
 * next request; a release published under embargo on A hides its photo's public URL on B.
 */
import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { api, startNewsroom, stopNewsroom } from '../helpers/newsroom-app';
import { createRelease, deleteRelease, PRESS_RELEASE_UID } from '../helpers/content';
import { editorToken } from '../helpers/editor';
import { eventually } from '../helpers/eventually';
import { accreditationRequest, signedInJournalist, type TestJournalist } from '../helpers/journalists';
import { deleteUploads, makeImage, uploadAsAdmin } from '../helpers/media';
import { startNewsroomProcess, type NewsroomProcess } from '../helpers/newsroom-process';
import { describeWithRedis, redisForInstances } from '../helpers/redis';
import { decideAccreditation } from '../../src/press-access/accreditations';

const RUN = randomBytes(4).toString('hex');
const DAY = 24 * 3600 * 1000;
const bearer = (jwt: string) => ({ Authorization: `Bearer ${jwt}` });

describeWithRedis('press access in two app instances sharing Redis', () => {
  let a: Core.Strapi;
  let b: NewsroomProcess | undefined;
  let redis: ReturnType<typeof redisForInstances> | undefined;
  let journalist: TestJournalist;
  let documentId: string | undefined;
  let photo: { id: number; url: string } | undefined;
  const savedEnv = { ...process.env };
  const onB = (path: string) => request(b!.url).get(path);

  beforeAll(async () => {
    redis = redisForInstances(RUN);
    const shared = { ...redis.settings, PRESS_LINK_SECRET: `instances-${RUN}` };
    Object.assign(process.env, shared);
    a = await startNewsroom();
    b = await startNewsroomProcess(shared);
    journalist = await signedInJournalist(a, `instances-${RUN}`);
    await api(a).post('/api/press/accreditation').set(bearer(journalist.jwt)).send(accreditationRequest('Two Wires'));
    const validUntil = new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10);
    await decideAccreditation(a, { email: journalist.email, status: 'accredited', validUntil, by: 'test' });
    const editor = await editorToken(a, 'instances-editor@newsroom.test');
    const content = await makeImage('png', 300, 200);
    const uploaded = await uploadAsAdmin(a, editor, [
      { name: 'two-instances.png', type: 'image/png', content, alternativeText: 'x' },
    ]);
    photo = uploaded.body[0];
  });

  afterAll(async () => {
    if (documentId && a) await deleteRelease(a, documentId).catch(() => undefined);
    if (photo && a) await deleteUploads(a, [photo.id]);
    await b?.stop();
    if (a) await stopNewsroom(a);
    process.env = savedEnv;
    await redis?.cleanUp();
  });

  it('hides a photo on B once A publishes its release under embargo, though B had served it', async () => {
    expect((await onB(photo!.url)).status).toBe(200);
    documentId = (await createRelease(a, { headline: 'Zzinstances', publish: false })).documentId;
    const data = {
      cover: photo!.id,
      embargoUntil: new Date(Date.now() + DAY).toISOString(),
      pressAccess: 'selected',
      pressJournalists: [journalist.id],
    };
    await a.documents(PRESS_RELEASE_UID).update({ documentId, locale: 'ru', data: data as never });
    await a.documents(PRESS_RELEASE_UID).publish({ documentId, locale: 'ru' });
    await eventually(async () => (await onB(photo!.url)).status === 404, 'the photo hidden on B');
  });

  it('refuses on B, from the next request, a link and a JWT call of a journalist revoked on A', async () => {
    const read = await onB(`/api/press/releases/${documentId}?locale=ru`).set(bearer(journalist.jwt));
    expect(read.status).toBe(200);
    const link = read.body.data.cover.url as string;
    expect((await onB(link)).status).toBe(200);
    await decideAccreditation(a, { email: journalist.email, status: 'revoked', reason: 'Leak', by: 'test' });
    expect((await onB(link)).status).toBe(403);
    expect((await onB(`/api/press/releases/${documentId}?locale=ru`).set(bearer(journalist.jwt))).status).toBe(403);
  });
});
