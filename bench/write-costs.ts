/**
 * What a write costs now that it keeps the public read model in step (src/read-side/read-model/): measured inside an
 * app instance of the bench, on its data, after the read layers. Each figure is the median of a few runs (ms).
 */
import type { Core } from '@strapi/strapi';
import { PRESS_RELEASE_UID } from '../src/platform/content-model/content-type-uids';
import { paragraphsToBlocks } from '../src/platform/content-model/paragraph-blocks';
import { projectReleases } from '../src/read-side/read-model/release-projection';

export interface WriteCosts {
  publishOneMs: number;
  renameTopicMs: number;
  topicReleases: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

export async function measureWriteCosts(strapi: Core.Strapi, topicReleases = 1000, runs = 5): Promise<WriteCosts> {
  const releases = strapi.documents(PRESS_RELEASE_UID);
  // Publishing one release (a draft made for it), as the admin panel's Publish does.
  const publishTimes: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const draft = await releases.create({
      locale: 'ru',
      status: 'draft',
      data: { headline: `Замер публикации ${run} ${Date.now()}`, body: paragraphsToBlocks(['Текст.']) } as never,
    });
    publishTimes.push(await timed(() => releases.publish({ documentId: draft.documentId, locale: 'ru' })));
    await releases.delete({ documentId: draft.documentId, locale: '*' });
  }

  // Renaming a topic shown by `topicReleases` published releases: each is projected again in the write.
  const topics = strapi.documents('api::topic.topic');
  const topic = await topics.create({
    locale: 'ru',
    data: { name: 'Замер темы', slug: `zamer-temy-${Date.now()}` } as never,
  });
  const knex = strapi.db.connection;
  const topicRow = (await knex('topics').where({ document_id: topic.documentId }).first('id')) as { id: number };
  const rows = (await knex('press_releases')
    .select('id', 'document_id')
    .where({ locale: 'ru' })
    .whereNotNull('published_at')
    .orderBy('id')
    .limit(topicReleases)) as {
    id: number;
    document_id: string;
  }[];
  await knex('press_releases_topics_lnk').insert(
    rows.map((row) => ({ press_release_id: row.id, topic_id: topicRow.id, topic_ord: 99 })),
  );
  await projectReleases(
    strapi,
    rows.map((row) => row.document_id),
  ); // the links were written behind the app's back
  const renameTimes: number[] = [];
  for (let run = 0; run < Math.min(runs, 3); run += 1) {
    renameTimes.push(
      await timed(() =>
        topics.update({ documentId: topic.documentId, locale: 'ru', data: { name: `Замер темы ${run}` } as never }),
      ),
    );
  }
  await topics.delete({ documentId: topic.documentId, locale: 'ru' });
  return {
    publishOneMs: Math.round(median(publishTimes)),
    renameTopicMs: Math.round(median(renameTimes)),
    topicReleases: rows.length,
  };
}
