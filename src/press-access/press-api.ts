import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { DEFAULT_LOCALE } from '../platform/content-model/locales';
import { releaseToNinjs } from '../channels/structured-data/ninjs';
import { NEWS_ITEM_TYPE, releaseToNewsItem } from '../channels/structured-data/newsml-g2';
import { releaseStatusNow } from '../channels/structured-data/release-status';
import { publicApiUrl, publicationName, publicSiteUrl } from '../read-side/public-urls';
import { assertKnownLocale } from '../read-side/known-locales';
import { sharedReleasesOf } from '../read-side/read-model/shared-releases';
import { accreditationInForce, publicNow } from '../read-side/visibility';
import { AccreditationConflict, requestAccreditation, type Accreditation } from './accreditations';
import { EMBARGO_AGREEMENT } from './embargo-agreement';
import { journalistOfRequest, type SignedInUser } from './journalist-audience';
import { recordPressAccess, type PressAccessKind } from './press-access-log';

/**
 * The press API (src/api/press): a journalist's accreditation and the releases shared with them. Every answer is
 * the journalist's own: `Cache-Control: private, no-store`, never kept by the response cache or a CDN.
 */

interface PressContext {
  query: Record<string, unknown>;
  params: Record<string, string>;
  request: { body?: unknown; ip?: string };
  state: { user?: SignedInUser };
  status: number;
  body: unknown;
  set(field: string, value: string): void;
}

const privateAnswer = (ctx: PressContext, body: unknown, status = 200) => {
  ctx.set('Cache-Control', 'private, no-store');
  ctx.set('Vary', 'Authorization');
  ctx.status = status;
  ctx.body = body;
};

/** What a journalist sees of their accreditation: the decision and what they declared, not who decided. */
const accreditationView = (accreditation: Accreditation | null) =>
  accreditation && {
    status: accreditation.standing,
    validUntil: accreditation.validUntil,
    reason: accreditation.standing === 'refused' || accreditation.standing === 'revoked' ? accreditation.reason : null,
    outlet: accreditation.outlet?.name ?? accreditation.outletName,
    position: accreditation.position,
    country: accreditation.country,
    languages: accreditation.languages.split(',').map((code) => code.trim()),
    timeZone: accreditation.timeZone,
    agreementVersion: accreditation.agreementVersion,
    agreementAcceptedAt: accreditation.agreementAcceptedAt,
  };

const whole = (name: string, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { message: `${name}: a whole number from 1 to ${max}` })
    .transform(Number)
    .refine((value) => value >= 1 && value <= max, { message: `${name}: a whole number from 1 to ${max}` });

const problemsOf = (error: z.ZodError): string => error.issues.map((issue) => issue.message).join('; ');

export function pressApi(strapi: Core.Strapi) {
  const maxPageSize = Number(strapi.config.get('api.rest.maxLimit', 100));
  const defaultPageSize = Number(strapi.config.get('api.rest.defaultLimit', 25));
  const listQuery = z.strictObject({
    locale: z.string().default(DEFAULT_LOCALE),
    page: whole('page', 100_000).default(1),
    pageSize: whole('pageSize', maxPageSize).default(defaultPageSize),
  });
  const oneQuery = z.strictObject({ locale: z.string().default(DEFAULT_LOCALE) });
  const parse = <T>(schema: z.ZodType<T>, query: unknown): T => {
    const parsed = schema.safeParse(query);
    if (!parsed.success) throw new errors.ValidationError(problemsOf(parsed.error));
    return parsed.data;
  };

  /**
   * The journalist of the request, refused unless their accreditation is in force now (a PolicyError: Strapi turns
   * any other 403 thrown behind a route's permission check into a bare "Forbidden").
   */
  const accreditedJournalist = async (ctx: PressContext) => {
    const found = await journalistOfRequest(strapi, ctx.state.user);
    if (!accreditationInForce(found.audience.accreditation, publicNow())) {
      const status = found.accreditation?.standing;
      throw new errors.PolicyError(
        !status
          ? 'You have no accreditation yet: ask for one (POST /api/press/accreditation).'
          : status === 'accredited'
            ? `Your accreditation ended on ${found.accreditation!.validUntil}.`
            : `Your accreditation is ${status}.`,
      );
    }
    return found;
  };

  /** The release a journalist asked for, if they may see it now (recorded in the access log); a 404 otherwise. */
  const sharedRelease = async (ctx: PressContext, what: PressAccessKind) => {
    const reader = await accreditedJournalist(ctx);
    const query = parse(oneQuery, ctx.query);
    await assertKnownLocale(strapi, query.locale);
    const release = await sharedReleasesOf(strapi).one(reader.audience, ctx.params.documentId, query.locale);
    if (!release) throw new errors.NotFoundError('Not found');
    await recordPressAccess(strapi, reader, what, [release], { ip: ctx.request.ip });
    return release;
  };

  return {
    /** GET /api/press/agreement: the embargo agreement in force. */
    agreement(ctx: PressContext) {
      privateAnswer(ctx, { data: EMBARGO_AGREEMENT });
    },

    /** GET /api/press/accreditation: the journalist's accreditation, or null. */
    async accreditation(ctx: PressContext) {
      const { accreditation } = await journalistOfRequest(strapi, ctx.state.user);
      privateAnswer(ctx, { data: accreditationView(accreditation) });
    },

    /** POST /api/press/accreditation: asks for accreditation (or changes a request still waiting). */
    async requestAccreditation(ctx: PressContext) {
      const { journalist, accreditation } = await journalistOfRequest(strapi, ctx.state.user);
      try {
        const written = await requestAccreditation(strapi, journalist, ctx.request.body);
        privateAnswer(ctx, { data: accreditationView(written) }, accreditation ? 200 : 201);
      } catch (error) {
        if (!(error instanceof AccreditationConflict)) throw error;
        // Strapi has no error class for a 409; its error shape, by hand.
        const conflict = { status: 409, name: 'ConflictError', message: error.message, details: {} };
        privateAnswer(ctx, { data: null, error: conflict }, 409);
      }
    },

    /** GET /api/press/releases?locale=&page=&pageSize=: the releases shared with the journalist, embargoed first. */
    async releases(ctx: PressContext) {
      const reader = await accreditedJournalist(ctx);
      const query = parse(listQuery, ctx.query);
      await assertKnownLocale(strapi, query.locale);
      const { releases, total } = await sharedReleasesOf(strapi).page(reader.audience, query);
      await recordPressAccess(strapi, reader, 'list', releases, { ip: ctx.request.ip });
      privateAnswer(ctx, {
        data: releases,
        meta: {
          pagination: {
            page: query.page,
            pageSize: query.pageSize,
            pageCount: Math.ceil(total / query.pageSize),
            total,
          },
        },
      });
    },

    /** GET /api/press/releases/:documentId?locale=: one release the journalist may see now, or 404. */
    async release(ctx: PressContext) {
      privateAnswer(ctx, { data: await sharedRelease(ctx, 'read'), meta: {} });
    },

    /** GET /api/press/releases/:documentId/ninjs?locale=: the same as IPTC ninjs 3.1, with `embargoedUntil`. */
    async ninjs(ctx: PressContext) {
      const release = await sharedRelease(ctx, 'ninjs');
      const apiUrl = publicApiUrl(strapi);
      const ninjs = releaseToNinjs(
        release,
        { siteUrl: publicSiteUrl(), apiUrl },
        await releaseStatusNow(strapi, release),
      );
      const locale = encodeURIComponent(release.locale);
      const uri = `${apiUrl}/api/press/releases/${release.documentId}/ninjs?locale=${locale}`;
      const embargo = release.embargoed && release.embargoUntil ? { embargoedUntil: release.embargoUntil } : {};
      privateAnswer(ctx, { ...ninjs, uri, ...embargo });
    },

    /** GET /api/press/releases/:documentId/newsml?locale=: the NewsML-G2 News Item, `embargoed` while that holds. */
    async newsml(ctx: PressContext & { type: string }) {
      const release = await sharedRelease(ctx, 'newsml');
      const embargoed = release.embargoed && release.embargoUntil ? new Date(release.embargoUntil) : undefined;
      const settings = { siteUrl: publicSiteUrl(), apiUrl: publicApiUrl(strapi), publicationName: publicationName() };
      const status = await releaseStatusNow(strapi, release);
      privateAnswer(ctx, releaseToNewsItem(release, settings, { embargoed, status }));
      ctx.type = `${NEWS_ITEM_TYPE}; charset=utf-8`;
    },
  };
}
