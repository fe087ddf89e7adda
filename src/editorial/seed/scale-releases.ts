/**
 * Synthetic press releases at scale (`npm run seed:scale -- --count N`), written with set-based SQL.
 *
 * The rows are exactly what Strapi 5 itself stores for a release created and published through the
 * document service (checked against one): per locale (ru, en, az) a draft row (published_at NULL) and a
 * published row sharing the document_id; each row linked to the topic and entity rows of its own locale
 * (topics and entities have no draft and publish, so one row per locale) and to the source. The public read
 * model's rows are then projected by the read model itself (src/read-side/read-model/), as at any start.
 *
 * Deterministic: release n always gets the same document id, text, slugs, links and dates, so the same N
 * releases come out of every run, a rerun adds nothing and a bigger N adds the difference. Everything it
 * writes is recognisable by its document ids (see SCALE_ID_PATTERNS) and removed by removeScaleReleases.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { NEWSROOM_LOCALES } from '../../platform/content-model/locales';
import { slugifyHeadline } from '../slugs/slugify-headline';
import { bringReadModelInStep } from '../../read-side/read-model/read-model-rebuild';

/** Upper bound of --count: ids have room for more, but publication dates stay in the past up to here. */
export const SCALE_MAX_COUNT = 1_000_000;
export const SCALE_DEFAULT_BATCH = 2_000;
export const SCALE_DEFAULT_CONCURRENCY = 2;

/** Distinct texts per locale (release n gets text n mod this; headline numbers and slugs stay unique). */
const TEXT_VARIANTS = 241;
const TOPIC_COUNT = 12;
const ENTITY_COUNT = 30;
/** Offsets chosen so a release's topics (entities) are distinct: 0, 5 mod 12 and 0, 7, 14 mod 30. */
const TOPIC_OFFSETS = [0, 5];
const ENTITY_OFFSETS = [0, 7, 14];
const ENTITY_KINDS = ['person', 'organisation', 'place', 'event'] as const;

/** Strapi document ids are 24 lowercase letters and digits; ours carry a readable prefix and a number. */
const RELEASE_PREFIX = 'scale'; // + 19 digits
const TOPIC_PREFIX = 'scaletopic'; // + 14 digits
const ENTITY_PREFIX = 'scaleentity'; // + 13 digits
const SOURCE_DOCUMENT_ID = 'scalesource0000000000001';

function documentId(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(24 - prefix.length, '0')}`;
}

export const scaleReleaseDocumentId = (n: number): string => documentId(RELEASE_PREFIX, n);

/** Regular expressions (PostgreSQL syntax) matching the document ids this module writes, and only those. */
export const SCALE_ID_PATTERNS = {
  release: `^${RELEASE_PREFIX}[0-9]{${24 - RELEASE_PREFIX.length}}$`,
  topic: `^${TOPIC_PREFIX}[0-9]{${24 - TOPIC_PREFIX.length}}$`,
  entity: `^${ENTITY_PREFIX}[0-9]{${24 - ENTITY_PREFIX.length}}$`,
  source: `^${SOURCE_DOCUMENT_ID}$`,
} as const;

type Locale = (typeof NEWSROOM_LOCALES)[number]['code'];

interface LocaleVocabulary {
  /** Headline prefix, followed by the release number: "Сводка 17: …". */
  title: string;
  kickers: string[];
  datelines: string[];
  /**
   * Words of the synthetic text. Few on purpose: nearly every release contains each of them, the worst case
   * for search (e.g. «прокуроров», as in the first release we carry).
   */
  words: string[];
  topics: string[];
}

const VOCABULARY: Record<Locale, LocaleVocabulary> = {
  ru: {
    title: 'Сводка',
    kickers: ['Новости', 'Анонс', 'Заявление', 'Итоги'],
    datelines: ['Баку', 'Найроби', 'Москва', 'Женева'],
    words: [
      'прокуроров',
      'сотрудничество',
      'делегация',
      'визит',
      'соглашение',
      'министерство',
      'конференция',
      'климат',
      'безопасность',
      'экономика',
      'регион',
      'развитие',
      'инвестиции',
      'форум',
      'переговоры',
      'партнёрство',
      'торговля',
      'энергетика',
      'образование',
      'здравоохранение',
      'транспорт',
      'культура',
      'туризм',
      'наука',
    ],
    topics: [
      'Экономика',
      'Энергетика',
      'Безопасность',
      'Климат',
      'Образование',
      'Здравоохранение',
      'Транспорт',
      'Культура',
      'Туризм',
      'Наука',
      'Торговля',
      'Правосудие',
    ],
  },
  en: {
    title: 'Briefing',
    kickers: ['News', 'Announcement', 'Statement', 'Results'],
    datelines: ['Baku', 'Nairobi', 'Moscow', 'Geneva'],
    words: [
      'prosecutors',
      'cooperation',
      'delegation',
      'visit',
      'agreement',
      'ministry',
      'conference',
      'climate',
      'security',
      'economy',
      'region',
      'development',
      'investment',
      'forum',
      'negotiations',
      'partnership',
      'trade',
      'energy',
      'education',
      'healthcare',
      'transport',
      'culture',
      'tourism',
      'science',
    ],
    topics: [
      'Economy',
      'Energy',
      'Security',
      'Climate',
      'Education',
      'Healthcare',
      'Transport',
      'Culture',
      'Tourism',
      'Science',
      'Trade',
      'Justice',
    ],
  },
  az: {
    title: 'İcmal',
    kickers: ['Xəbərlər', 'Elan', 'Bəyanat', 'Yekunlar'],
    datelines: ['Bakı', 'Nayrobi', 'Moskva', 'Cenevrə'],
    words: [
      'prokurorlar',
      'əməkdaşlıq',
      'nümayəndəlik',
      'səfər',
      'saziş',
      'nazirlik',
      'konfrans',
      'iqlim',
      'təhlükəsizlik',
      'iqtisadiyyat',
      'region',
      'inkişaf',
      'investisiya',
      'forum',
      'danışıqlar',
      'tərəfdaşlıq',
      'ticarət',
      'enerji',
      'təhsil',
      'səhiyyə',
      'nəqliyyat',
      'mədəniyyət',
      'turizm',
      'elm',
    ],
    topics: [
      'İqtisadiyyat',
      'Enerji',
      'Təhlükəsizlik',
      'İqlim',
      'Təhsil',
      'Səhiyyə',
      'Nəqliyyat',
      'Mədəniyyət',
      'Turizm',
      'Elm',
      'Ticarət',
      'Ədalət',
    ],
  },
};

/** Entity names: "Организация 7" style, one per number, in each language. */
const ENTITY_LABELS: Record<Locale, Record<(typeof ENTITY_KINDS)[number], string>> = {
  ru: { person: 'Эксперт', organisation: 'Организация', place: 'Город', event: 'Саммит' },
  en: { person: 'Expert', organisation: 'Organisation', place: 'City', event: 'Summit' },
  az: { person: 'Ekspert', organisation: 'Təşkilat', place: 'Şəhər', event: 'Sammit' },
};

export interface ScaleLoadOptions {
  /** Releases written per transaction. */
  batchSize?: number;
  /** Batches written at once, each on its own connection. */
  concurrency?: number;
  onProgress?: (progress: { processed: number; created: number; count: number }) => void;
}

export interface ScaleLoadReport {
  count: number;
  created: number;
  alreadyPresent: number;
  seconds: number;
}

/** The per-locale text material as one JSON parameter (slugs transliterated by the app's own slugify). */
function vocabularyParameter(): string {
  return JSON.stringify(
    NEWSROOM_LOCALES.map(({ code }, index) => {
      const v = VOCABULARY[code];
      return {
        locale: code,
        ord: index,
        title: v.title,
        title_slug: slugifyHeadline(v.title),
        kickers: v.kickers,
        datelines: v.datelines,
        words: v.words,
        word_slugs: v.words.map(slugifyHeadline),
      };
    }),
  );
}

/** Synthetic topics, entities and the source, in every locale (a few dozen rows, idempotent). */
async function ensureScaleTaxonomy(trx: Knex.Transaction, now: string): Promise<void> {
  const topics = NEWSROOM_LOCALES.flatMap(({ code }) =>
    VOCABULARY[code].topics.slice(0, TOPIC_COUNT).map((name, k) => ({
      document_id: documentId(TOPIC_PREFIX, k + 1),
      locale: code,
      name,
      slug: `${slugifyHeadline(name)}-scale`,
    })),
  );
  const entities = NEWSROOM_LOCALES.flatMap(({ code }) =>
    Array.from({ length: ENTITY_COUNT }, (_, k) => {
      const kind = ENTITY_KINDS[k % ENTITY_KINDS.length];
      return {
        document_id: documentId(ENTITY_PREFIX, k + 1),
        locale: code,
        name: `${ENTITY_LABELS[code][kind]} ${k + 1}`,
        kind,
      };
    }),
  );
  // Topics and entities have no draft and publish: Strapi keeps one row per locale, published_at set.
  await trx.raw(
    `INSERT INTO topics (document_id, locale, name, slug, created_at, updated_at, published_at)
     SELECT r.document_id, r.locale, r.name, r.slug, :now, :now, :now
     FROM jsonb_to_recordset(:rows::jsonb) AS r(document_id text, locale text, name text, slug text)
     WHERE NOT EXISTS (SELECT 1 FROM topics t WHERE t.document_id = r.document_id AND t.locale = r.locale)`,
    { rows: JSON.stringify(topics), now },
  );
  await trx.raw(
    `INSERT INTO entities (document_id, locale, name, kind, created_at, updated_at, published_at)
     SELECT r.document_id, r.locale, r.name, r.kind, :now, :now, :now
     FROM jsonb_to_recordset(:rows::jsonb) AS r(document_id text, locale text, name text, kind text)
     WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.document_id = r.document_id AND e.locale = r.locale)`,
    { rows: JSON.stringify(entities), now },
  );
  // Sources are not localized: one row, locale NULL.
  await trx.raw(
    `INSERT INTO sources (document_id, name, short_name, created_at, updated_at, published_at)
     SELECT :id, 'Synthetic releases (npm run seed:scale)', 'SCALE', :now, :now, :now
     WHERE NOT EXISTS (SELECT 1 FROM sources WHERE document_id = :id)`,
    { id: SOURCE_DOCUMENT_ID, now },
  );
}

/**
 * One statement writes a whole batch: the missing releases among numbers [from, to], each in every
 * locale as a draft and a published row (content computed once per locale, so both rows are equal, as
 * right after a publish), and their topic, entity and source links.
 */
const BATCH_SQL = `
WITH vocab AS MATERIALIZED (
  SELECT v.locale, v.ord, v.title, v.title_slug,
         ARRAY(SELECT jsonb_array_elements_text(v.kickers)) AS kickers,
         ARRAY(SELECT jsonb_array_elements_text(v.datelines)) AS datelines,
         ARRAY(SELECT jsonb_array_elements_text(v.words)) AS words,
         ARRAY(SELECT jsonb_array_elements_text(v.word_slugs)) AS word_slugs
  FROM jsonb_to_recordset(:vocabulary::jsonb)
       AS v(locale text, ord int, title text, title_slug text, kickers jsonb, datelines jsonb, words jsonb,
            word_slugs jsonb)
),
scale_topics AS MATERIALIZED (
  SELECT id, locale, substr(document_id, length(:topicPrefix) + 1)::int AS k
  FROM topics WHERE document_id ~ :topicPattern
),
scale_entities AS MATERIALIZED (
  SELECT id, locale, substr(document_id, length(:entityPrefix) + 1)::int AS k
  FROM entities WHERE document_id ~ :entityPattern
),
docs AS (
  SELECT n, :releasePrefix || lpad(n::text, 24 - length(:releasePrefix), '0') AS document_id
  FROM generate_series(:from::bigint, :to::bigint) AS n
  WHERE NOT EXISTS (
    SELECT 1 FROM press_releases p
    WHERE p.document_id = :releasePrefix || lpad(n::text, 24 - length(:releasePrefix), '0')
  )
),
-- The text of the releases comes in a few hundred variants per locale (release n gets variant n mod that),
-- built once per batch: words picked by a multiplicative hash of (variant, position, part).
texts AS MATERIALIZED (
  SELECT v.locale, m, h.words AS headline_words, h.slug AS slug_words, l.sentence AS lead, b.body
  FROM vocab v
  CROSS JOIN generate_series(0, :textVariants::int - 1) AS m
  CROSS JOIN LATERAL (
    SELECT string_agg(v.words[1 + w.k], ' ' ORDER BY i) AS words,
           string_agg(v.word_slugs[1 + w.k], '-' ORDER BY i) AS slug
    FROM generate_series(0, 3) AS i
    CROSS JOIN LATERAL (SELECT ((m * 7919 + i * 104729) * 2654435761) % 4294967291 % cardinality(v.words) AS k) w
  ) h
  CROSS JOIN LATERAL (
    SELECT initcap(left(s, 1)) || substr(s, 2) || '.' AS sentence
    FROM (SELECT string_agg(v.words[1 + ((m * 7919 + i * 104729 + 7) * 2654435761) % 4294967291
                                    % cardinality(v.words)], ' ' ORDER BY i) AS s
          FROM generate_series(0, 11) AS i) x
  ) l
  CROSS JOIN LATERAL (
    SELECT jsonb_agg(jsonb_build_object('type', 'paragraph', 'children',
             jsonb_build_array(jsonb_build_object('type', 'text', 'text', para))) ORDER BY p) AS body
    FROM (
      SELECT p, initcap(left(s, 1)) || substr(s, 2) || '.' AS para
      FROM generate_series(0, 2) AS p
      CROSS JOIN LATERAL (
        SELECT string_agg(v.words[1 + ((m * 7919 + i * 104729 + (p + 1) * 1299709) * 2654435761) % 4294967291
                                  % cardinality(v.words)], ' ' ORDER BY i) AS s
        FROM generate_series(0, 29) AS i
      ) w
    ) paragraphs
  ) b
),
content AS (
  SELECT d.n, d.document_id, v.locale, v.ord,
         v.title || ' ' || d.n || ': ' || t.headline_words AS headline,
         v.title_slug || '-' || d.n || '-' || t.slug_words AS slug,
         v.kickers[1 + d.n % cardinality(v.kickers)] AS kicker,
         v.datelines[1 + d.n % cardinality(v.datelines)] AS dateline,
         t.lead,
         t.body,
         -- One release a minute from 2023-01-01 (UTC), the locales a few seconds apart: all in the past.
         timestamp '2023-01-01 00:00:00' + d.n * interval '1 minute' + v.ord * interval '3 seconds' AS published_at
  FROM docs d
  CROSS JOIN vocab v
  JOIN texts t ON t.locale = v.locale AND t.m = d.n % :textVariants::int
),
inserted AS (
  INSERT INTO press_releases
    (document_id, locale, kicker, headline, slug, lead, body, dateline, issued_at, created_at, updated_at, published_at)
  SELECT c.document_id, c.locale, c.kicker, c.headline, c.slug, c.lead, c.body, c.dateline,
         c.published_at::date,
         c.published_at - interval '10 minutes', c.published_at - interval '10 minutes',
         CASE WHEN s.published THEN c.published_at END
  FROM content c
  CROSS JOIN (VALUES (false), (true)) AS s(published)
  -- Draft first, then its published copy, locale by locale: the id order Strapi's create + publish gives.
  ORDER BY c.n, c.ord, s.published
  RETURNING id, document_id, locale, kicker, headline, lead, body, published_at, embargo_until
),
numbered AS (
  SELECT i.*, substr(i.document_id, length(:releasePrefix) + 1)::bigint AS n FROM inserted i
),
-- Which topics (entities) a row links to: numbers k of the synthetic ones, looked up by (locale, k).
topic_targets AS MATERIALIZED (
  SELECT r.id, r.locale, o.ord, 1 + (r.n + o.offset_by) % :topicCount::int AS k
  FROM numbered r CROSS JOIN unnest(:topicOffsets::int[]) WITH ORDINALITY AS o(offset_by, ord)
),
entity_targets AS MATERIALIZED (
  SELECT r.id, r.locale, o.ord, 1 + (r.n * 3 + o.offset_by) % :entityCount::int AS k
  FROM numbered r CROSS JOIN unnest(:entityOffsets::int[]) WITH ORDINALITY AS o(offset_by, ord)
),
topic_links AS (
  INSERT INTO press_releases_topics_lnk (press_release_id, topic_id, topic_ord)
  SELECT x.id, t.id, x.ord
  FROM topic_targets x JOIN scale_topics t ON t.locale = x.locale AND t.k = x.k
  RETURNING 1
),
entity_links AS (
  INSERT INTO press_releases_entities_lnk (press_release_id, entity_id, entity_ord)
  SELECT x.id, e.id, x.ord
  FROM entity_targets x JOIN scale_entities e ON e.locale = x.locale AND e.k = x.k
  RETURNING 1
),
source_links AS (
  INSERT INTO press_releases_source_lnk (press_release_id, source_id)
  SELECT r.id, s.id FROM numbered r JOIN sources s ON s.document_id = :sourceDocumentId
  RETURNING 1
)
SELECT (SELECT count(DISTINCT document_id) FROM inserted) AS documents,
       (SELECT count(*) FROM topic_links) AS topic_links,
       (SELECT count(*) FROM entity_links) AS entity_links,
       (SELECT count(*) FROM source_links) AS source_links`;

export function assertScaleCount(count: number): void {
  if (!Number.isSafeInteger(count) || count < 1 || count > SCALE_MAX_COUNT) {
    throw new RangeError(`the count must be a whole number from 1 to ${SCALE_MAX_COUNT.toLocaleString('en')}.`);
  }
}

/** The locales the synthetic releases are written in must exist (the app creates them at start). */
async function assertLocales(knex: Knex): Promise<void> {
  const result = await knex.raw('SELECT code FROM i18n_locale');
  const present = new Set((result.rows as { code: string }[]).map((row) => row.code));
  const missing = NEWSROOM_LOCALES.map((l) => l.code).filter((code) => !present.has(code));
  if (missing.length > 0)
    throw new Error(`locale(s) ${missing.join(', ')} missing: start the app once to create them.`);
}

/** The tables a load writes to (VACUUMed afterwards). */
const SCALE_TABLES = [
  'press_releases',
  'press_releases_topics_lnk',
  'press_releases_entities_lnk',
  'press_releases_source_lnk',
  'newsroom_public_releases',
];

function batchBindings(from: number, to: number, vocabulary: string): Record<string, string | number> {
  return {
    from,
    to,
    vocabulary,
    releasePrefix: RELEASE_PREFIX,
    topicPrefix: TOPIC_PREFIX,
    topicPattern: SCALE_ID_PATTERNS.topic,
    entityPrefix: ENTITY_PREFIX,
    entityPattern: SCALE_ID_PATTERNS.entity,
    sourceDocumentId: SOURCE_DOCUMENT_ID,
    topicCount: TOPIC_COUNT,
    entityCount: ENTITY_COUNT,
    topicOffsets: `{${TOPIC_OFFSETS.join(',')}}`,
    entityOffsets: `{${ENTITY_OFFSETS.join(',')}}`,
    textVariants: TEXT_VARIANTS,
  };
}

/** For tuning: the statement of one batch with its bindings (EXPLAIN it in a rolled-back transaction). */
export function scaleBatchStatement(
  from: number,
  to: number,
): { sql: string; bindings: Record<string, string | number> } {
  return { sql: BATCH_SQL, bindings: batchBindings(from, to, vocabularyParameter()) };
}

async function writeBatch(knex: Knex, from: number, to: number, vocabulary: string): Promise<number> {
  return knex.transaction(async (trx) => {
    // The planner cannot estimate CTE row counts, guesses high and would JIT-compile each batch (≈2 s).
    await trx.raw('SET LOCAL jit = off');
    await trx.raw("SET LOCAL work_mem = '64MB'");
    const result = await trx.raw(BATCH_SQL, batchBindings(from, to, vocabulary));
    return Number((result.rows[0] as { documents: string }).documents);
  });
}

/**
 * Makes sure synthetic releases 1…count exist (published, in ru, en and az). Each batch is one
 * transaction, so an interrupted run leaves whole releases and the next run completes it; batches run on
 * `concurrency` connections at once (PostgreSQL does the work: one backend per core is what helps).
 */
export async function loadScaleReleases(
  strapi: Core.Strapi,
  count: number,
  options: ScaleLoadOptions = {},
): Promise<ScaleLoadReport> {
  assertScaleCount(count);
  const batchSize = options.batchSize ?? SCALE_DEFAULT_BATCH;
  const concurrency = Math.max(1, options.concurrency ?? SCALE_DEFAULT_CONCURRENCY);
  const knex = strapi.db.connection;
  const started = Date.now();
  await assertLocales(knex);
  await knex.transaction((trx) => ensureScaleTaxonomy(trx, '2023-01-01 00:00:00'));

  const vocabulary = vocabularyParameter();
  const ranges: [number, number][] = [];
  for (let from = 1; from <= count; from += batchSize) ranges.push([from, Math.min(count, from + batchSize - 1)]);
  let created = 0;
  let processed = 0;
  let next = 0;
  const worker = async () => {
    while (next < ranges.length) {
      const [from, to] = ranges[next++];
      const written = await writeBatch(knex, from, to, vocabulary);
      created += written;
      processed += to - from + 1;
      options.onProgress?.({ processed, created, count });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, ranges.length) }, worker));
  // The new rows (and those of an interrupted earlier run) reach the public through the read model.
  const projected = await bringReadModelInStep(strapi);

  // What autovacuum would do some time later, at once: statistics for the planner, and the visibility map
  // without which the list's count cannot be an index-only scan (≈ 0.7 s instead of 0.05 s at 100,000).
  if (created > 0 || projected > 0) await knex.raw(`VACUUM (ANALYZE) ${SCALE_TABLES.join(', ')}`);
  return { count, created, alreadyPresent: count - created, seconds: (Date.now() - started) / 1000 };
}

export interface ScaleRemoveReport {
  releases: number;
}

/** Deletes every synthetic release (all locales, both versions, links, public rows), topic, entity and the source. */
export async function removeScaleReleases(strapi: Core.Strapi): Promise<ScaleRemoveReport> {
  const report = await strapi.db.connection.transaction(async (trx) => {
    const counted = await trx.raw('SELECT count(DISTINCT document_id) AS n FROM press_releases WHERE document_id ~ ?', [
      SCALE_ID_PATTERNS.release,
    ]);
    // Link rows go with their release, topic, entity or source (ON DELETE CASCADE).
    await trx.raw('DELETE FROM press_releases WHERE document_id ~ ?', [SCALE_ID_PATTERNS.release]);
    await trx.raw('DELETE FROM topics WHERE document_id ~ ?', [SCALE_ID_PATTERNS.topic]);
    await trx.raw('DELETE FROM entities WHERE document_id ~ ?', [SCALE_ID_PATTERNS.entity]);
    await trx.raw('DELETE FROM sources WHERE document_id ~ ?', [SCALE_ID_PATTERNS.source]);
    return { releases: Number((counted.rows[0] as { n: string }).n) };
  });
  await bringReadModelInStep(strapi); // removes their public rows
  return report;
}
