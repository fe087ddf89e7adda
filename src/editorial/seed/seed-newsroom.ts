import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { ENTITY_UID, PRESS_RELEASE_UID, SOURCE_UID, TOPIC_UID } from '../../platform/content-model/content-type-uids';
import { DEFAULT_LOCALE } from '../../platform/content-model/locales';
import { parseReleaseText } from '../release-text/parse-release-text';
import { importPressRelease } from '../release-import/import-press-release';

type Localized = Record<string, string>;

interface SeedManifest {
  sources: { name: string; shortName: string; url?: string }[];
  topics: { key: string; name: Localized }[];
  entities: { key: string; kind: string; name: Localized; uri?: string }[];
  releases: {
    file: string;
    locale: string;
    publish: boolean;
    topics?: string[];
    entities?: string[];
    translations?: { file: string; locale: string; publish: boolean }[];
  }[];
}

export interface SeedReport {
  createdReleases: string[];
  skippedReleases: string[];
}

type LocalizedUid = typeof TOPIC_UID | typeof ENTITY_UID;

/** Finds a localized document by its default-locale name, creating it and its translations when missing. */
async function ensureLocalizedDocument(
  strapi: Core.Strapi,
  uid: LocalizedUid,
  name: Localized,
  shared: Record<string, unknown>,
): Promise<string> {
  const defaultName = name[DEFAULT_LOCALE];
  if (!defaultName) throw new Error(`Seed manifest: ${uid} needs a "${DEFAULT_LOCALE}" name.`);
  const existing = await strapi.db.query(uid).findOne({
    select: ['documentId'],
    where: { name: defaultName, locale: DEFAULT_LOCALE },
  });
  const documentId =
    (existing?.documentId as string | undefined) ??
    (await strapi.documents(uid).create({ locale: DEFAULT_LOCALE, data: { name: defaultName, ...shared } as never }))
      .documentId;
  for (const [locale, localName] of Object.entries(name)) {
    if (locale === DEFAULT_LOCALE) continue;
    const translated = await strapi.db.query(uid).findOne({ select: ['id'], where: { documentId, locale } });
    if (!translated) {
      await strapi.documents(uid).update({ documentId, locale, data: { name: localName, ...shared } as never });
    }
  }
  return documentId;
}

async function findReleaseByHeadline(strapi: Core.Strapi, headline: string, locale: string) {
  return (await strapi.db.query(PRESS_RELEASE_UID).findOne({
    select: ['documentId'],
    where: { headline, locale },
  })) as { documentId: string } | null;
}

async function hasLocale(strapi: Core.Strapi, documentId: string, locale: string): Promise<boolean> {
  return (await strapi.db.query(PRESS_RELEASE_UID).findOne({ select: ['id'], where: { documentId, locale } })) !== null;
}

async function readRelease(seedsDir: string, file: string) {
  return parseReleaseText(await readFile(path.join(seedsDir, file), 'utf8'));
}

function pick(keys: string[] | undefined, ids: Map<string, string>, what: string): string[] {
  return (keys ?? []).map((key) => {
    const id = ids.get(key);
    if (!id) throw new Error(`Seed manifest: unknown ${what} "${key}".`);
    return id;
  });
}

/**
 * Loads the seed releases (database/seeds/newsroom.json) through the same importer users run.
 * Idempotent: a release whose headline already exists in its locale is left as it is, so editors'
 * later changes survive restarts; a missing translation is added to the existing document.
 */
export async function seedNewsroom(strapi: Core.Strapi, seedsDir: string): Promise<SeedReport> {
  const manifest = JSON.parse(await readFile(path.join(seedsDir, 'newsroom.json'), 'utf8')) as SeedManifest;
  const report: SeedReport = { createdReleases: [], skippedReleases: [] };

  for (const source of manifest.sources) {
    const found = await strapi.db.query(SOURCE_UID).findOne({ where: { shortName: source.shortName } });
    if (!found) await strapi.documents(SOURCE_UID).create({ data: source as never });
  }
  const topicIds = new Map<string, string>();
  for (const topic of manifest.topics) {
    topicIds.set(topic.key, await ensureLocalizedDocument(strapi, TOPIC_UID, topic.name, {}));
  }
  const entityIds = new Map<string, string>();
  for (const entity of manifest.entities) {
    const shared = { kind: entity.kind, ...(entity.uri ? { uri: entity.uri } : {}) };
    entityIds.set(entity.key, await ensureLocalizedDocument(strapi, ENTITY_UID, entity.name, shared));
  }

  for (const entry of manifest.releases) {
    const original = await readRelease(seedsDir, entry.file);
    let documentId = (await findReleaseByHeadline(strapi, original.headline, entry.locale))?.documentId;
    const links = {
      topics: pick(entry.topics, topicIds, 'topic'),
      entities: pick(entry.entities, entityIds, 'entity'),
    };
    if (documentId) {
      report.skippedReleases.push(`${entry.file}`);
    } else {
      documentId = (await importPressRelease(strapi, original, { locale: entry.locale, publish: entry.publish, links }))
        .documentId;
      report.createdReleases.push(entry.file);
    }
    for (const translation of entry.translations ?? []) {
      if (await hasLocale(strapi, documentId, translation.locale)) {
        report.skippedReleases.push(translation.file);
        continue;
      }
      const parsed = await readRelease(seedsDir, translation.file);
      await importPressRelease(strapi, parsed, {
        locale: translation.locale,
        publish: translation.publish,
        translationOf: documentId,
        links,
      });
      report.createdReleases.push(translation.file);
    }
  }
  return report;
}

export function seedsDirectory(strapi: Core.Strapi): string {
  return path.join(strapi.dirs.app.root, 'database', 'seeds');
}
