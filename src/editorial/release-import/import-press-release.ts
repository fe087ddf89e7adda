import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { ParsedRelease } from '../release-text/parse-release-text';
import { paragraphsToBlocks } from '../../platform/content-model/paragraph-blocks';
import { PRESS_RELEASE_UID, SOURCE_UID } from '../../platform/content-model/content-type-uids';
import { assertKnownLocale } from '../../read-side/known-locales';
import { linkDocumentsInLocale, type LinkTargets } from './link-documents';
import { withVersionReason } from '../release-versions/version-reason';

export interface ImportOptions {
  locale: string;
  publish: boolean;
  /** documentId or slug (in any locale) of the release this text translates. */
  translationOf?: string;
  /** Topics and entities to link, by documentId (used by the seed; the CLI links none). */
  links?: LinkTargets;
}

export interface ImportResult {
  documentId: string;
  locale: string;
  slug: string;
  published: boolean;
}

export class ImportError extends errors.ValidationError {}

interface ExistingRelease {
  documentId: string;
  locale: string;
}

async function findReleaseToTranslate(strapi: Core.Strapi, ref: string): Promise<ExistingRelease> {
  if (ref.includes('\u0000') || ref.length > 500) {
    throw new ImportError(
      '--translation-of: expected a documentId or slug, not a NUL character or more than 500 characters.',
    );
  }
  const match = await strapi.db.query(PRESS_RELEASE_UID).findOne({
    select: ['documentId', 'locale'],
    where: { $or: [{ documentId: ref }, { slug: ref }] },
  });
  if (!match) {
    throw new ImportError(`--translation-of: no press release has the documentId or slug "${ref}".`);
  }
  return match as ExistingRelease;
}

async function sourceIdForSignature(strapi: Core.Strapi, signature: string | undefined): Promise<string | undefined> {
  if (!signature) return undefined;
  const existing = await strapi.documents(SOURCE_UID).findFirst({ filters: { shortName: signature } });
  if (existing) return existing.documentId;
  const created = await strapi.documents(SOURCE_UID).create({ data: { name: signature, shortName: signature } });
  return created.documentId;
}

/**
 * Writes one parsed release through the document service, inside one transaction: either the
 * release (and its publication) is stored completely, or nothing is.
 */
export async function importPressRelease(
  strapi: Core.Strapi,
  release: ParsedRelease,
  options: ImportOptions,
): Promise<ImportResult> {
  // The versions this keeps say they came from an import, not from an editor's save.
  return withVersionReason('import', () => writeImported(strapi, release, options));
}

async function writeImported(
  strapi: Core.Strapi,
  release: ParsedRelease,
  options: ImportOptions,
): Promise<ImportResult> {
  return strapi.db.transaction(async () => {
    await assertKnownLocale(strapi, options.locale);
    const documents = strapi.documents(PRESS_RELEASE_UID);
    const content = {
      kicker: release.kicker ?? null,
      headline: release.headline,
      body: paragraphsToBlocks(release.paragraphs),
    };

    let documentId: string;
    if (options.translationOf) {
      const original = await findReleaseToTranslate(strapi, options.translationOf);
      const already = await strapi.db.query(PRESS_RELEASE_UID).findOne({
        select: ['id'],
        where: { documentId: original.documentId, locale: options.locale },
      });
      if (already) {
        throw new ImportError(
          `The press release ${original.documentId} already has a "${options.locale}" translation; ` +
            `edit it in the admin panel instead.`,
        );
      }
      const shared = await linkDocumentsInLocale(strapi, original, options.locale, options.links);
      const updated = await documents.update({
        documentId: original.documentId,
        locale: options.locale,
        status: 'draft',
        data: { ...content, ...shared } as never,
      });
      if (!updated)
        throw new ImportError(`Could not add the "${options.locale}" translation to ${original.documentId}.`);
      documentId = updated.documentId;
    } else {
      const source = await sourceIdForSignature(strapi, release.signature);
      const links = await linkDocumentsInLocale(strapi, undefined, options.locale, options.links);
      const created = await documents.create({
        locale: options.locale,
        status: 'draft',
        data: { ...content, ...links, ...(source ? { source } : {}) } as never,
      });
      documentId = created.documentId;
    }

    if (options.publish) {
      await documents.publish({ documentId, locale: options.locale });
    }
    const stored = await documents.findOne({
      documentId,
      locale: options.locale,
      status: options.publish ? 'published' : 'draft',
      fields: ['slug'],
    });
    return { documentId, locale: options.locale, slug: String(stored?.slug ?? ''), published: options.publish };
  });
}
