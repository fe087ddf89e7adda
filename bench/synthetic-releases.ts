import type { Core } from '@strapi/strapi';
import { paragraphsToBlocks } from '../src/release-text/paragraph-blocks';

const WORDS = ['прокуратура', 'сотрудничество', 'делегация', 'визит', 'соглашение', 'министерство', 'конференция', 'климат', 'безопасность', 'экономика', 'регион', 'развитие', 'инвестиции', 'форум', 'переговоры', 'партнёрство'];

/** Deterministic text: the same N releases on every run, so runs compare. */
function sentence(seed: number, length: number): string {
  const words = Array.from({ length }, (_, i) => WORDS[(seed * 7 + i * 13) % WORDS.length]);
  return `${words.join(' ')}.`.replace(/^./, (c) => c.toUpperCase());
}

export async function createSyntheticReleases(strapi: Core.Strapi, count: number): Promise<void> {
  const existing = await strapi.db.query('api::press-release.press-release').count({ where: { headline: { $startsWith: 'Синтетический релиз' } } });
  const topics = (await strapi.db.query('api::topic.topic').findMany({ where: { locale: 'ru' } })) as { documentId: string }[];
  const entities = (await strapi.db.query('api::entity.entity').findMany({ where: { locale: 'ru' } })) as { documentId: string }[];
  for (let i = existing / 2; i < count; i += 1) {
    const pick = <T>(list: T[], n: number) => Array.from({ length: n }, (_, k) => list[(i + k * 3) % list.length]);
    const created = await strapi.documents('api::press-release.press-release').create({
      locale: 'ru',
      data: {
        kicker: 'Новости',
        headline: `Синтетический релиз ${i + 1}: ${sentence(i, 5)}`,
        lead: sentence(i + 1, 12),
        body: paragraphsToBlocks([sentence(i, 40), sentence(i + 2, 40), sentence(i + 3, 40), sentence(i + 4, 40)]),
        topics: { set: pick(topics, 3).map((t) => ({ documentId: t.documentId, locale: 'ru' })) },
        entities: { set: pick(entities, 5).map((e) => ({ documentId: e.documentId, locale: 'ru' })) },
      } as never,
    });
    await strapi.documents('api::press-release.press-release').publish({ documentId: created.documentId, locale: 'ru' });
  }
}
