import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { acceptedTypesOf } from '../editorial/media-library/accepted-types';
import { servedUploadHeaders } from '../editorial/media-library/served-upload-headers';
import { pressKitOfReleases } from '../channels/press-kit/press-kit';
import { NEWSROOM_LOCALES } from '../platform/content-model/locales';
import {
  PRESS_KIT_GRANT,
  pressLinkKey,
  PressFileLinkError,
  verifyPressFileToken,
  type PressFileGrant,
} from '../read-side/read-model/press-file-links';
import { sharedReleasesOf } from '../read-side/read-model/shared-releases';
import { accreditationInForce, publicNow } from '../read-side/visibility';
import { journalistOfRequest, type SignedInUser } from './journalist-audience';
import { recordPressAccess } from './press-access-log';
import { localUploadFile } from '../platform/content-model/stored-uploads';

/**
 * GET /api/press/files/:token: a file of a release under embargo, for the journalist its link was signed for
 * (src/read-side/read-model/press-file-links.ts). The link is the key (an <img> sends no JWT), and every use asks
 * again: the journalist's account and accreditation as they are now, and visibility.ts whether they may still see the
 * release that showed the file; a revocation or a removed grant holds from the next request, in every instance (all of
 * it is read from the database, nothing kept). A JWT sent with the link must be its journalist's. Each download is
 * recorded in the press access log.
 */

interface FileContext {
  params: { token?: string };
  request: { ip?: string; header: Record<string, string | string[] | undefined> };
  status: number;
  body: unknown;
  type: string;
  length: number;
  set(field: string, value: string): void;
  redirect(url: string): void;
}

interface StoredVersion {
  url: string;
  mime?: string | null;
  name?: string | null;
  hash?: string | null;
  ext?: string | null;
}
type StoredFile = StoredVersion & { id: number; provider?: string; formats?: Record<string, StoredVersion> | null };

interface UploadProvider {
  isPrivate?(): boolean | Promise<boolean>;
  getSignedUrl?(file: StoredVersion): Promise<{ url: string }>;
}

const REFUSALS: Record<PressFileLinkError['refusal'], () => Error> = {
  malformed: () => new errors.ValidationError('This is not a download link.'),
  forged: () => new errors.PolicyError('This download link is not valid.'),
  expired: () => new errors.PolicyError('This download link has expired: open the release again for a new one.'),
};

export function pressFiles(strapi: Core.Strapi) {
  const key = pressLinkKey();

  const grantOf = (token: string | undefined): PressFileGrant => {
    try {
      return verifyPressFileToken(key, token ?? '');
    } catch (error) {
      if (error instanceof PressFileLinkError) throw REFUSALS[error.refusal]();
      throw error;
    }
  };

  /** The link's journalist as they are now: an account, not blocked, a Journalist, accredited. */
  const journalistNow = async (grant: PressFileGrant) => {
    const user = (await strapi.db.query('plugin::users-permissions.user').findOne({
      where: { id: grant.journalistId },
      populate: { role: { select: ['type'] } },
    })) as (SignedInUser & { blocked?: boolean }) | null;
    if (!user || user.blocked) throw new errors.PolicyError('This download link is no longer valid.');
    const found = await journalistOfRequest(strapi, user);
    if (!accreditationInForce(found.audience.accreditation, publicNow()))
      throw new errors.PolicyError('Your accreditation is not in force.');
    return found;
  };

  /** A JWT sent with the link must be the link's journalist's (a link passed on is used by its holder's own). */
  const assertSameJournalist = async (ctx: FileContext, grant: PressFileGrant) => {
    if (!ctx.request.header.authorization) return;
    const jwt = strapi.plugin('users-permissions').service('jwt') as {
      getToken(ctx: unknown): Promise<{ id?: unknown } | null>;
    };
    const signedIn = await jwt.getToken(ctx).catch(() => null);
    if (!signedIn || signedIn.id !== grant.journalistId)
      throw new errors.PolicyError('This download link was made for another journalist.');
  };

  const send = async (ctx: FileContext, file: StoredFile, version: StoredVersion) => {
    ctx.set('Cache-Control', 'private, no-store');
    const { provider } = strapi.config.get('plugin::upload') as { provider?: string };
    if (file.provider === 'local' && provider === 'local') {
      const onDisk = localUploadFile(strapi, version.url);
      const size = await stat(onDisk).then(
        (found) => found.size,
        () => null,
      );
      if (size === null) throw new errors.NotFoundError('Not found');
      const type = version.mime ?? 'application/octet-stream';
      ctx.set('Referrer-Policy', 'no-referrer');
      for (const [field, value] of Object.entries(
        servedUploadHeaders(type, path.basename(onDisk), acceptedTypesOf(strapi)),
      ))
        ctx.set(field, value);
      ctx.length = size;
      ctx.body = createReadStream(onDisk);
      return;
    }
    // In a bucket: a short-lived signed URL when it is private; a public bucket's URL is public anyway.
    const uploads = strapi.plugin('upload').provider as unknown as UploadProvider;
    const signs = Boolean(await uploads.isPrivate?.()) && uploads.getSignedUrl;
    ctx.redirect(signs ? (await uploads.getSignedUrl!(version)).url : version.url);
  };

  return {
    async file(ctx: FileContext) {
      const grant = grantOf(ctx.params.token);
      if (grant.format === PRESS_KIT_GRANT) throw REFUSALS.malformed();
      await assertSameJournalist(ctx, grant);
      const reader = await journalistNow(grant);
      const release = { documentId: grant.documentId, locale: grant.locale };
      const seen = await sharedReleasesOf(strapi).showingFile(reader.audience, release, grant.fileId);
      if (!seen) throw new errors.NotFoundError('Not found');
      const file = (await strapi.db
        .query('plugin::upload.file')
        .findOne({ where: { id: grant.fileId } })) as StoredFile | null;
      const version = grant.format ? file?.formats?.[grant.format] : file;
      if (!file || !version?.url) throw new errors.NotFoundError('Not found');
      await recordPressAccess(strapi, reader, 'file', [{ ...release, ...seen }], {
        ip: ctx.request.ip,
        fileId: file.id,
      });
      await send(ctx, file, version);
    },

    /**
     * GET /api/press/kits/:token: the press kit of a release under embargo, for the journalist its link was signed
     * for (the release's answer in the press API gives the link): every locale of it they may see now, asked again
     * at each download as for a file. Recorded in the press access log.
     */
    async kit(ctx: FileContext & { get(field: string): string }) {
      const grant = grantOf(ctx.params.token);
      if (grant.format !== PRESS_KIT_GRANT) throw REFUSALS.malformed();
      await assertSameJournalist(ctx, grant);
      const reader = await journalistNow(grant);
      const shared = sharedReleasesOf(strapi);
      const releases = (
        await Promise.all(NEWSROOM_LOCALES.map(({ code }) => shared.stored(reader.audience, grant.documentId, code)))
      ).filter((release) => release !== null);
      const kit = await pressKitOfReleases(strapi, grant.documentId, releases);
      if (!kit) throw new errors.NotFoundError('Not found');
      await recordPressAccess(strapi, reader, 'kit', releases, { ip: ctx.request.ip });
      ctx.set('Cache-Control', 'private, no-store');
      ctx.set('ETag', kit.etag);
      const { size, stream } = await kit.zip();
      ctx.type = 'application/zip';
      ctx.set('Content-Disposition', `attachment; filename="${kit.fileName}"`);
      ctx.length = size;
      ctx.body = stream;
    },
  };
}
