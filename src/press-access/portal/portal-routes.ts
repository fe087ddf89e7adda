import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { readerPageHeaders } from '../../channels/reader-pages/reader-page-headers';
import { readerText, type ReaderText } from '../../channels/reader-pages/reader-pages';
import { FEED_CONTENT_TYPES, FEED_SIZE } from '../../channels/feeds/press-release-feed';
import { mediaOrigins } from '../../editorial/media-library/media-storage';
import { PRESS_ACCREDITATION_UID } from '../../platform/content-model/content-type-uids';
import { DEFAULT_LOCALE } from '../../platform/content-model/locales';
import { settings } from '../../platform/settings/newsroom-settings';
import { knownLocaleCodes } from '../../read-side/known-locales';
import { publicApiUrl, publicationName } from '../../read-side/public-urls';
import { sharedReleasesOf, type SharedRelease } from '../../read-side/read-model/shared-releases';
import { accreditationInForce, publicNow } from '../../read-side/visibility';
import { AccreditationConflict, checkedAccreditationRequest, requestAccreditation } from '../accreditations';
import { journalistOfRequest, type SignedInUser } from '../journalist-audience';
import { recordPressAccess } from '../press-access-log';
import { embargoTimes } from '../journalist-notices';
import { JOURNALIST_ROLE_TYPE } from '../journalist-role';
import {
  ACCREDITATION_FORM,
  accreditationData,
  FEED_FORM,
  FORGOT_PASSWORD_FORM,
  LOG_IN_FORM,
  LOG_OUT_FORM,
  parseForm,
  RESET_PASSWORD_FORM,
  SIGN_UP_FORM,
} from './portal-forms';
import {
  accountPage,
  forgotPasswordPage,
  homePage,
  logInPage,
  messagePage,
  portalDocument,
  releasePage,
  resetPasswordPage,
  signUpPage,
  type AccountState,
  type PageFrame,
  type PortalPage,
  type SignUpValues,
} from './portal-pages';
import {
  CSRF_FIELD,
  endSession,
  formToken,
  formTokenValid,
  LANGUAGE_COOKIE,
  setPortalCookie,
  startSession,
  userOfSession,
} from './portal-session';
import { fill, isPortalLanguage, PORTAL_LANGUAGES, PORTAL_WORDS, type PortalLanguage } from './portal-text';
import {
  feedMadeAt,
  journalistOfFeedToken,
  privateFeedPath,
  privateFeedXml,
  replaceFeedToken,
  revokeFeedToken,
} from './private-feed';

/** A sign-up that failed after its account was made, and was undone (allOrNothing). */
class SignUpUndone extends Error {}

/**
 * The press portal under /press/: a journalist's pages (log-in, sign-up, accreditation, the releases shared with them,
 * one release with its embargo banner) and their private feed. Who may see which release is asked of the read model's
 * shared releases with the journalist as the audience (src/read-side), as the press API asks it: nothing here decides
 * visibility. Every answer is the journalist's own (`private, no-store`; /press is uncached in public-routes.ts).
 */

const YEAR_MS = 365 * 24 * 3600 * 1000;
/** How many releases of a language the portal's list and the private feed show (the newest, embargoed first). */
const LISTED = FEED_SIZE;

/** The page a form is on, where an answer to it links for another language (a form's own address takes posts only). */
const PAGE_OF_FORM: Record<string, string> = {
  '/press/accreditation': '/press/account',
  '/press/feed': '/press/account',
  '/press/forgot-password': '/press/reset-password',
  '/press/reset-password': '/press/reset-password',
  '/press/logout': '/press/login',
};

type UsersPermissionsAction = 'callback' | 'register' | 'forgotPassword' | 'resetPassword';
type Middleware = (ctx: Context, next: () => Promise<unknown>) => Promise<unknown>;

/** Maps Strapi's errors to the status of the page that explains them. */
function statusOf(error: unknown): number | undefined {
  if (error instanceof errors.RateLimitError) return 429;
  if (error instanceof errors.NotFoundError) return 404;
  if (error instanceof errors.UnauthorizedError) return 401;
  if (error instanceof errors.ForbiddenError) return 403;
  if (error instanceof errors.ApplicationError) return 400;
  return undefined;
}

/** A page answered with its status, never stored by a cache, with the reader pages' security headers. */
function sendHtml(ctx: Context, status: number, html: string, pageHeaders: Record<string, string>): void {
  ctx.status = status;
  ctx.type = 'text/html; charset=utf-8';
  for (const [name, value] of Object.entries(pageHeaders)) ctx.set(name, value);
  ctx.set('Cache-Control', 'private, no-store');
  // Portal URLs can carry secrets (a reset code, a feed address on the page): no Referer leaves with them.
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.body = html;
}

export function pressPortal(strapi: Core.Strapi) {
  const pageHeaders = readerPageHeaders(mediaOrigins(settings()));
  let words: ReaderText | undefined;
  const readerWords = () => (words ??= readerText(strapi.dirs.static.public));
  let signInLimit: Middleware | undefined;
  /** Users & Permissions' own limit of its sign-in routes (JOURNALIST_SIGN_IN_LIMIT), on the portal's forms too. */
  const rateLimit: Middleware = (ctx, next) => {
    const middlewares = strapi.get('middlewares') as {
      get(uid: string): (config: unknown, context: unknown) => Middleware;
    };
    signInLimit ??= middlewares.get('plugin::users-permissions.rateLimit')({}, { strapi });
    return signInLimit(ctx, next);
  };

  /** Calls Users & Permissions' own auth controller (log-in, sign-up, password), as its routes would; its answer. */
  /**
   * A sign-up makes the account, sends the confirmation email and records the accreditation request, or leaves
   * nothing: Users & Permissions keeps the account when the email cannot be sent (its register fails after the
   * insert), and such an account could neither sign in nor sign up again. The account made by this attempt goes.
   */
  const allOrNothing = async (email: string, signUp: () => Promise<void>) => {
    const accounts = strapi.db.query('plugin::users-permissions.user');
    const address = email.toLowerCase();
    if (await accounts.findOne({ where: { email: address }, select: ['id'] })) return signUp(); // "already taken"
    try {
      await signUp();
    } catch (error) {
      const made = (await accounts.findOne({ where: { email: address }, select: ['id'] })) as { id: number } | null;
      if (!made) throw error;
      await strapi.db.query(PRESS_ACCREDITATION_UID).deleteMany({ where: { journalist: { id: made.id } } });
      await accounts.delete({ where: { id: made.id } });
      strapi.log.warn(`Press portal: sign-up of ${address} undone (${(error as Error).message})`);
      throw new SignUpUndone();
    }
  };

  const usersPermissions = async (action: UsersPermissionsAction, body: Record<string, unknown>) => {
    const controller = strapi.plugin('users-permissions').controller('auth') as Record<
      UsersPermissionsAction,
      (ctx: unknown) => Promise<unknown>
    >;
    let answer: Record<string, unknown> = {};
    await controller[action]({
      request: { body },
      params: { provider: 'local' },
      query: {},
      state: {},
      send: (sent: Record<string, unknown>) => {
        answer = sent;
      },
    });
    return answer;
  };

  /** The language of the page: chosen (`?lang=`, then kept), the accreditation's, the browser's, else English. */
  const languageOf = (ctx: Context, languages: string | undefined): PortalLanguage => {
    const asked = ctx.query.lang;
    if (isPortalLanguage(asked)) {
      setPortalCookie(strapi, ctx, LANGUAGE_COOKIE, asked, YEAR_MS);
      return asked;
    }
    const chosen = ctx.cookies.get(LANGUAGE_COOKIE);
    if (isPortalLanguage(chosen)) return chosen;
    const declared = (languages ?? '').split(',').map((code) => code.trim());
    const spoken = declared.find(isPortalLanguage);
    if (spoken) return spoken;
    const accepted = ctx.acceptsLanguages(...PORTAL_LANGUAGES);
    return isPortalLanguage(accepted) ? accepted : 'en';
  };

  interface Visit {
    frame: PageFrame;
    user: SignedInUser | null;
    journalist: Awaited<ReturnType<typeof journalistOfRequest>> | null;
  }

  const visitOf = async (ctx: Context): Promise<Visit> => {
    const user = await userOfSession(strapi, ctx);
    const journalist = user?.role?.type === JOURNALIST_ROLE_TYPE ? await journalistOfRequest(strapi, user) : null;
    const language = languageOf(ctx, journalist?.accreditation?.languages);
    return {
      user,
      journalist,
      frame: {
        language,
        words: PORTAL_WORDS[language],
        publicationName: publicationName(),
        url: ctx.method === 'GET' || ctx.method === 'HEAD' ? ctx.url : (PAGE_OF_FORM[ctx.path] ?? ctx.path),
        signedIn: journalist ? { email: journalist.journalist.email } : null,
        csrf: formToken(strapi, ctx),
      },
    };
  };

  const send = (ctx: Context, visit: Visit, page: PortalPage, status = 200) =>
    sendHtml(ctx, status, portalDocument(visit.frame, page), pageHeaders);

  const redirect = (ctx: Context, to: string) => {
    ctx.set('Cache-Control', 'private, no-store');
    ctx.status = 303;
    ctx.redirect(to);
  };

  type Handler = (ctx: Context, visit: Visit) => Promise<void> | void;

  /** A page: its visit worked out, and any error a journalist can act on answered as a page with its status. */
  const page =
    (handler: Handler) =>
    async (ctx: Context): Promise<void> => {
      const visit = await visitOf(ctx);
      try {
        await handler(ctx, visit);
      } catch (error) {
        const status = statusOf(error);
        if (!status) throw error;
        const t = visit.frame.words;
        const title =
          status === 404
            ? t.notFoundTitle
            : status === 403 || status === 401
              ? t.forbiddenTitle
              : status === 429
                ? t.logIn
                : t.badRequestTitle;
        const text = status === 404 ? t.notFoundText : status === 429 ? t.tooManyTries : (error as Error).message;
        send(ctx, visit, messagePage(title, text, { href: '/press/', label: t.portal }), status);
      }
    };

  /** A form's handler: refused with a 403 page unless it carries this browser's and session's token. */
  const form = (handler: Handler) =>
    page((ctx, visit) => {
      const posted = (ctx.request.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
      if (!formTokenValid(strapi, ctx, posted)) throw new errors.ForbiddenError(visit.frame.words.csrfRefused);
      return handler(ctx, visit);
    });

  /** The signed-in journalist, or a redirect to the log-in page (which brings them back here). */
  const journalistOr = (ctx: Context, visit: Visit) => {
    if (visit.journalist) return visit.journalist;
    if (visit.user) throw new errors.PolicyError('This is for journalists only.');
    return null;
  };
  const toLogIn = (ctx: Context) =>
    redirect(ctx, ctx.method === 'GET' ? `/press/login?next=${encodeURIComponent(ctx.url)}` : '/press/login');

  /** Users & Permissions' refusals of a log-in, in the page's words. */
  const logInProblem = (error: unknown, t: PageFrame['words']): [number, string] | undefined => {
    if (error instanceof errors.RateLimitError) return [429, t.tooManyTries];
    if (error instanceof errors.ValidationError) return [400, t.wrongPassword];
    if (error instanceof errors.ApplicationError) {
      if (/not confirmed/i.test(error.message)) return [403, t.notConfirmed];
      if (/blocked/i.test(error.message)) return [403, t.blocked];
    }
    return undefined;
  };

  /** Each known locale's releases shared with the journalist now, up to LISTED in all: embargoed first, newest. */
  const sharedInEveryLocale = async (audience: Visit['journalist'] & object): Promise<SharedRelease[]> => {
    const shared = sharedReleasesOf(strapi);
    const pages = await Promise.all(
      (await knownLocaleCodes(strapi)).map((locale) =>
        shared.page(audience.audience, { locale, page: 1, pageSize: LISTED }),
      ),
    );
    return pages
      .flatMap(({ releases }) => releases)
      .sort(
        (a, b) =>
          Number(b.embargoed) - Number(a.embargoed) ||
          b.publishedAt.localeCompare(a.publishedAt) ||
          a.locale.localeCompare(b.locale),
      )
      .slice(0, LISTED);
  };

  const accountState = async (journalist: Visit['journalist'] & object): Promise<AccountState> => ({
    accreditation: journalist.accreditation,
    inForce: accreditationInForce(journalist.audience.accreditation, publicNow()),
    feedMadeAt: await feedMadeAt(strapi, journalist.journalist.id),
  });

  const signUpValues = (body: unknown): SignUpValues => {
    const sent = (body ?? {}) as Record<string, unknown>;
    const keep = (name: keyof SignUpValues) => (typeof sent[name] === 'string' ? String(sent[name]) : undefined);
    return {
      email: keep('email'),
      outlet: keep('outlet'),
      position: keep('position'),
      country: keep('country'),
      languages: keep('languages'),
      timeZone: keep('timeZone'),
    };
  };

  return {
    /** GET /press/: the journalist's accreditation and the releases shared with them in a language. */
    home: page(async (ctx, visit) => {
      const journalist = journalistOr(ctx, visit);
      if (!journalist) return toLogIn(ctx);
      const inForce = accreditationInForce(journalist.audience.accreditation, publicNow());
      let listed = null;
      if (inForce) {
        const locales = await knownLocaleCodes(strapi);
        const asked = ctx.query.locale;
        if (asked !== undefined && (typeof asked !== 'string' || !locales.includes(asked))) {
          throw new errors.NotFoundError('Not found');
        }
        const releases = asked
          ? (await sharedReleasesOf(strapi).page(journalist.audience, { locale: asked, page: 1, pageSize: LISTED }))
              .releases
          : await sharedInEveryLocale(journalist);
        listed = { locale: asked ?? null, locales, releases };
        await recordPressAccess(strapi, journalist, 'list', releases, { ip: ctx.request.ip });
      }
      const timeZone = journalist.accreditation?.timeZone ?? null;
      send(ctx, visit, homePage(visit.frame, journalist.accreditation, inForce, listed, timeZone));
    }),

    /** GET /press/login */
    logInForm: page((ctx, visit) => {
      if (visit.journalist) return redirect(ctx, '/press/');
      send(
        ctx,
        visit,
        logInPage(visit.frame, { next: typeof ctx.query.next === 'string' ? ctx.query.next : undefined }),
      );
    }),

    /** POST /press/login: Users & Permissions checks the password (and its sign-in limit applies), then a session. */
    logIn: form(async (ctx, visit) => {
      const t = visit.frame.words;
      const sent = ctx.request.body as Record<string, unknown>;
      const again = (status: number, problem: string) =>
        send(
          ctx,
          visit,
          logInPage(visit.frame, {
            email: typeof sent.email === 'string' ? sent.email : undefined,
            next: typeof sent.next === 'string' ? sent.next : undefined,
            problem,
          }),
          status,
        );
      let fields;
      try {
        fields = parseForm(LOG_IN_FORM, sent);
      } catch (error) {
        return again(400, `${t.fieldProblem}: ${(error as Error).message}`);
      }
      try {
        await rateLimit(ctx, async () => {
          const answer = await usersPermissions('callback', { identifier: fields.email, password: fields.password });
          const id = (answer.user as { id: number }).id;
          const role = (await strapi.db.query('plugin::users-permissions.user').findOne({
            where: { id },
            populate: { role: { select: ['type'] } },
          })) as { role?: { type?: string } } | null;
          if (role?.role?.type !== JOURNALIST_ROLE_TYPE) throw new errors.PolicyError('This is for journalists only.');
          startSession(strapi, ctx, id);
          redirect(ctx, fields.next ?? '/press/');
        });
      } catch (error) {
        const problem = logInProblem(error, t);
        if (!problem) throw error;
        again(...problem);
      }
    }),

    /** POST /press/logout */
    logOut: form(async (ctx) => {
      parseForm(LOG_OUT_FORM, ctx.request.body);
      await endSession(strapi, ctx);
      redirect(ctx, '/press/login');
    }),

    /** GET /press/sign-up */
    signUpForm: page((ctx, visit) => {
      if (visit.journalist) return redirect(ctx, '/press/account');
      send(ctx, visit, signUpPage(visit.frame));
    }),

    /**
     * POST /press/sign-up: the account by Users & Permissions' own registration (the Journalist role, a confirmation
     * link by email), and the accreditation request with it; the request is checked first, so a wrong form leaves no
     * account behind.
     */
    signUp: form(async (ctx, visit) => {
      const t = visit.frame.words;
      const values = signUpValues(ctx.request.body);
      try {
        const fields = parseForm(SIGN_UP_FORM, ctx.request.body);
        const data = accreditationData(fields);
        checkedAccreditationRequest(data);
        await rateLimit(ctx, () =>
          allOrNothing(fields.email, async () => {
            const answer = await usersPermissions('register', {
              username: fields.email,
              email: fields.email,
              password: fields.password,
            });
            await requestAccreditation(strapi, answer.user as SignedInUser, { data });
          }),
        );
        send(ctx, visit, messagePage(t.signUpDone, fill(t.signUpDoneText, { email: fields.email })));
      } catch (error) {
        if (error instanceof errors.RateLimitError) throw error;
        if (error instanceof SignUpUndone) return send(ctx, visit, signUpPage(visit.frame, values, t.mailNotSent), 503);
        if (!(error instanceof errors.ApplicationError)) throw error;
        const problem = /already taken/i.test(error.message) ? t.emailTaken : `${t.fieldProblem}: ${error.message}`;
        send(ctx, visit, signUpPage(visit.frame, values, problem), 400);
      }
    }),

    /** GET /press/confirmed: where the emailed confirmation link lands (Users & Permissions redirects here). */
    confirmed: page((ctx, visit) => {
      const t = visit.frame.words;
      send(ctx, visit, messagePage(t.confirmedTitle, t.confirmedText, { href: '/press/login', label: t.logIn }));
    }),

    /** GET /press/reset-password: asks for the address, or, with the emailed `code`, for the new password. */
    resetPasswordForm: page((ctx, visit) => {
      const code = ctx.query.code;
      if (typeof code === 'string' && code.length > 0 && code.length <= 256) {
        return send(ctx, visit, resetPasswordPage(visit.frame, code));
      }
      send(ctx, visit, forgotPasswordPage(visit.frame));
    }),

    /** POST /press/forgot-password: Users & Permissions emails a link (or, for an unknown address, quietly nothing). */
    forgotPassword: form(async (ctx, visit) => {
      const t = visit.frame.words;
      let fields;
      try {
        fields = parseForm(FORGOT_PASSWORD_FORM, ctx.request.body);
      } catch (error) {
        return send(ctx, visit, forgotPasswordPage(visit.frame, `${t.fieldProblem}: ${(error as Error).message}`), 400);
      }
      await rateLimit(ctx, () => usersPermissions('forgotPassword', { email: fields.email }));
      send(ctx, visit, messagePage(t.forgotTitle, t.forgotSent, { href: '/press/login', label: t.logIn }));
    }),

    /** POST /press/reset-password: the new password, by Users & Permissions with the emailed code. */
    resetPassword: form(async (ctx, visit) => {
      const t = visit.frame.words;
      const sent = ctx.request.body as Record<string, unknown>;
      const code = typeof sent.code === 'string' ? sent.code.slice(0, 256) : '';
      const again = (problem: string) => send(ctx, visit, resetPasswordPage(visit.frame, code, problem), 400);
      let fields;
      try {
        fields = parseForm(RESET_PASSWORD_FORM, sent);
      } catch (error) {
        return again(`${t.fieldProblem}: ${(error as Error).message}`);
      }
      if (fields.password !== fields.passwordConfirmation) return again(t.passwordsDiffer);
      try {
        const { code: sentCode, password, passwordConfirmation } = fields;
        await rateLimit(ctx, () =>
          usersPermissions('resetPassword', { code: sentCode, password, passwordConfirmation }),
        );
      } catch (error) {
        if (!(error instanceof errors.ValidationError)) throw error;
        return again(/code/i.test(error.message) ? t.resetBadCode : `${t.fieldProblem}: ${error.message}`);
      }
      send(ctx, visit, messagePage(t.resetTitle, t.resetDone, { href: '/press/login', label: t.logIn }));
    }),

    /** GET /press/account: the accreditation (and the form to ask for it), the private feed. */
    account: page(async (ctx, visit) => {
      const journalist = journalistOr(ctx, visit);
      if (!journalist) return toLogIn(ctx);
      send(ctx, visit, accountPage(visit.frame, await accountState(journalist)));
    }),

    /** POST /press/accreditation: asks for accreditation (again, after a refusal or revocation). */
    askAccreditation: form(async (ctx, visit) => {
      const journalist = journalistOr(ctx, visit);
      if (!journalist) return toLogIn(ctx);
      const t = visit.frame.words;
      try {
        const fields = parseForm(ACCREDITATION_FORM, ctx.request.body);
        await requestAccreditation(strapi, journalist.journalist, { data: accreditationData(fields) });
      } catch (error) {
        const conflict = error instanceof AccreditationConflict;
        if (!conflict && !(error instanceof errors.ValidationError)) throw error;
        const state = await accountState(journalist);
        const problem = `${t.fieldProblem}: ${(error as Error).message}`;
        return send(
          ctx,
          visit,
          accountPage(visit.frame, { ...state, asked: signUpValues(ctx.request.body), problem }),
          conflict ? 409 : 400,
        );
      }
      redirect(ctx, '/press/account');
    }),

    /** GET /press/releases/:documentId?locale=: one release shared with the journalist, with its banner. */
    release: page(async (ctx, visit) => {
      const journalist = journalistOr(ctx, visit);
      if (!journalist) return toLogIn(ctx);
      if (!accreditationInForce(journalist.audience.accreditation, publicNow())) {
        throw new errors.PolicyError(visit.frame.words.notAccredited);
      }
      const locale = ctx.query.locale ?? DEFAULT_LOCALE;
      if (typeof locale !== 'string' || !(await knownLocaleCodes(strapi)).includes(locale)) {
        throw new errors.NotFoundError('Not found');
      }
      const release = await sharedReleasesOf(strapi).one(journalist.audience, String(ctx.params.documentId), locale);
      if (!release) throw new errors.NotFoundError('Not found');
      await recordPressAccess(strapi, journalist, 'page', [release], { ip: ctx.request.ip });
      const context = {
        apiUrl: publicApiUrl(strapi),
        timeZone: journalist.accreditation?.timeZone ?? null,
        readerWords: readerWords(),
      };
      send(ctx, visit, releasePage(visit.frame, release, context));
    }),

    /** POST /press/feed: makes or replaces the private feed's address (shown once), or removes the feed. */
    feed: form(async (ctx, visit) => {
      const journalist = journalistOr(ctx, visit);
      if (!journalist) return toLogIn(ctx);
      const fields = parseForm(FEED_FORM, ctx.request.body);
      const state = await accountState(journalist);
      if (!state.inForce) throw new errors.PolicyError(visit.frame.words.notAccredited);
      if (fields.action === 'revoke') {
        await revokeFeedToken(strapi, journalist.journalist.id);
        return send(ctx, visit, accountPage(visit.frame, { ...state, feedMadeAt: null, feedRevoked: true }));
      }
      const token = await replaceFeedToken(strapi, journalist.journalist.id);
      const newFeedUrl = `${publicApiUrl(strapi)}${privateFeedPath(token)}`;
      send(ctx, visit, accountPage(visit.frame, { ...state, feedMadeAt: new Date(), newFeedUrl }));
    }),

    /**
     * GET /press/feed/:file (`<token>.atom`): the releases shared with the journalist now, while their accreditation is
     * in force. An unknown or replaced token, a removed feed, an account or accreditation no longer valid: 404 alike.
     */
    async privateFeed(ctx: Context) {
      const notFound = () => {
        ctx.status = 404;
        ctx.type = 'text/plain; charset=utf-8';
        ctx.set('Cache-Control', 'private, no-store');
        ctx.body = 'Not found';
      };
      const match = /^(.+)\.atom$/.exec(String(ctx.params.file));
      const journalistId = match ? await journalistOfFeedToken(strapi, match[1]) : null;
      if (journalistId === null) return notFound();
      const user = (await strapi.db.query('plugin::users-permissions.user').findOne({
        where: { id: journalistId },
        select: ['id', 'username', 'email', 'confirmed', 'blocked'],
        populate: { role: { select: ['type'] } },
      })) as SignedInUser | null;
      if (!user || !user.confirmed || user.blocked || user.role?.type !== JOURNALIST_ROLE_TYPE) return notFound();
      const journalist = await journalistOfRequest(strapi, user);
      if (!accreditationInForce(journalist.audience.accreditation, publicNow())) return notFound();
      const language = languageOf(ctx, journalist.accreditation?.languages);
      const t = PORTAL_WORDS[language];
      const timeZone = journalist.accreditation?.timeZone ?? null;
      const apiUrl = publicApiUrl(strapi);
      const releases = await sharedInEveryLocale(journalist);
      await recordPressAccess(strapi, journalist, 'feed', releases, { ip: ctx.request.ip });
      const xml = privateFeedXml(releases, {
        apiUrl,
        selfUrl: `${apiUrl}${privateFeedPath(match![1])}`,
        language,
        title: fill(t.feedTitle, { email: user.email }),
        entryTitle: (release) =>
          release.embargoed && release.embargoUntil
            ? `${fill(t.feedEmbargo, { when: embargoTimes(new Date(release.embargoUntil), language, timeZone) })}: ${
                release.headline
              }`
            : release.headline,
      });
      ctx.status = 200;
      ctx.type = FEED_CONTENT_TYPES.atom;
      ctx.set('Cache-Control', 'private, no-store');
      ctx.set('X-Robots-Tag', 'noindex');
      ctx.body = xml;
    },
  };
}

/** The portal's routes at the site root (not under /api): each handler authenticates from the session itself. */
export function registerPressPortal(strapi: Core.Strapi): void {
  const portal = pressPortal(strapi);
  const route = (method: 'GET' | 'POST', path: string, handler: (ctx: Context) => Promise<void>) => ({
    method,
    path,
    handler,
    config: { auth: false as const },
  });
  strapi.server.routes([
    route('GET', '/press', portal.home),
    route('GET', '/press/login', portal.logInForm),
    route('POST', '/press/login', portal.logIn),
    route('POST', '/press/logout', portal.logOut),
    route('GET', '/press/sign-up', portal.signUpForm),
    route('POST', '/press/sign-up', portal.signUp),
    route('GET', '/press/confirmed', portal.confirmed),
    route('GET', '/press/reset-password', portal.resetPasswordForm),
    route('POST', '/press/forgot-password', portal.forgotPassword),
    route('POST', '/press/reset-password', portal.resetPassword),
    route('GET', '/press/account', portal.account),
    route('POST', '/press/accreditation', portal.askAccreditation),
    route('GET', '/press/releases/:documentId', portal.release),
    route('POST', '/press/feed', portal.feed),
    route('GET', '/press/feed/:file', portal.privateFeed),
  ]);
}
