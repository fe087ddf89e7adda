import { createElement as h, Fragment, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { releaseArticle, type ReaderText } from '../../channels/reader-pages/reader-pages';
import { coverImageOf, mediaUrl } from '../../read-side/read-model/cover-image';
import type { SharedRelease } from '../../read-side/read-model/shared-releases';
import type { Accreditation } from '../accreditations';
import { EMBARGO_AGREEMENT } from '../embargo-agreement';
import { embargoTimes } from '../journalist-notices';
import { CSRF_FIELD } from './portal-session';
import { fill, PORTAL_LANGUAGES, PORTAL_WORDS, type PortalLanguage, type PortalWords } from './portal-text';

/**
 * The press portal's pages, rendered on the server as the reader's pages are (React to static markup, the reader's
 * style sheet): plain forms and links, nothing that needs a script.
 */

/** What every page of a request shares: its language, who is signed in, the token its forms carry. */
export interface PageFrame {
  language: PortalLanguage;
  words: PortalWords;
  publicationName: string;
  /** The request's path and query, for the language links. */
  url: string;
  signedIn: { email: string } | null;
  csrf: string;
}

export interface PortalPage {
  title: string;
  body: ReactNode;
}

/** The same address in another language (`lang` set, the rest of the query kept). */
function inLanguage(url: string, language: PortalLanguage): string {
  const parsed = new URL(url, 'http://portal.invalid');
  parsed.searchParams.set('lang', language);
  return `${parsed.pathname}${parsed.search}`;
}

export function portalDocument(frame: PageFrame, page: PortalPage): string {
  const t = frame.words;
  const header = h(
    'header',
    { className: 'site' },
    h('p', { className: 'brand' }, h('a', { href: '/press/' }, `${frame.publicationName} — ${t.portal}`)),
    h(
      'nav',
      { className: 'languages', 'aria-label': 'Language / Язык' },
      h(
        'ul',
        null,
        PORTAL_LANGUAGES.map((code) =>
          h(
            'li',
            { key: code },
            h(
              'a',
              {
                href: inLanguage(frame.url, code),
                hrefLang: code,
                lang: code,
                'aria-current': code === frame.language ? 'true' : undefined,
              },
              PORTAL_WORDS[code].languageName,
            ),
          ),
        ),
      ),
    ),
    frame.signedIn
      ? h(
          'div',
          { className: 'portal-nav' },
          h('a', { href: '/press/' }, t.home),
          h('a', { href: '/press/account' }, t.account),
          h('span', null, `${t.signedInAs} ${frame.signedIn.email}`),
          postForm(frame, '/press/logout', [], h('button', { type: 'submit' }, t.logOut)),
        )
      : h(
          'div',
          { className: 'portal-nav' },
          h('a', { href: '/press/login' }, t.logIn),
          h('a', { href: '/press/sign-up' }, t.signUp),
        ),
  );
  const html = h(
    'html',
    { lang: frame.language },
    h(
      'head',
      null,
      h('meta', { charSet: 'utf-8' }),
      h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
      h('meta', { name: 'robots', content: 'noindex, nofollow' }),
      h('title', null, `${page.title} — ${t.portal} — ${frame.publicationName}`),
      h('link', { rel: 'stylesheet', href: '/reader/reader.css' }),
      h('link', { rel: 'stylesheet', href: '/reader/press-portal.css' }),
    ),
    h(
      'body',
      null,
      h('a', { className: 'skip', href: '#main' }, t.skip),
      header,
      h('main', { id: 'main', tabIndex: -1 }, page.body),
    ),
  );
  return `<!doctype html>\n${renderToStaticMarkup(html)}`;
}

/** A form posted to the portal, with the page's token against cross-site requests. */
function postForm(frame: PageFrame, action: string, fields: ReactNode[], submit: ReactNode): ReactNode {
  return h(
    'form',
    { method: 'post', action, className: 'portal-form' },
    h('input', { type: 'hidden', name: CSRF_FIELD, value: frame.csrf }),
    ...fields,
    h('p', null, submit),
  );
}

const input = (
  label: string,
  name: string,
  props: Record<string, string | number | boolean | undefined> = {},
): ReactNode =>
  h(
    'p',
    { key: name },
    h('label', { htmlFor: `field-${name}` }, label),
    h('input', { id: `field-${name}`, name, type: 'text', ...props }),
  );

const problems = (problem: string | undefined): ReactNode =>
  problem ? h('div', { className: 'problems', role: 'alert' }, h('p', null, problem)) : null;

/** A page around one form: its heading, what it is for, what was wrong with it, its fields, links below. */
function formPage(
  frame: PageFrame,
  page: {
    title: string;
    heading: string;
    intro?: string;
    problem?: string;
    action: string;
    fields: ReactNode[];
    submit: string;
    after?: ReactNode[];
  },
): PortalPage {
  return {
    title: page.title,
    body: h(
      Fragment,
      null,
      h('h1', null, page.heading),
      page.intro ? h('p', null, page.intro) : null,
      problems(page.problem),
      postForm(frame, page.action, page.fields, h('button', { type: 'submit' }, page.submit)),
      ...(page.after ?? []),
    ),
  };
}

export function logInPage(
  frame: PageFrame,
  form: { email?: string; next?: string; problem?: string } = {},
): PortalPage {
  const t = frame.words;
  return formPage(frame, {
    title: t.logIn,
    heading: t.logInTitle,
    intro: t.logInIntro,
    problem: form.problem,
    action: '/press/login',
    fields: [
      input(t.email, 'email', { type: 'email', required: true, autoComplete: 'username', defaultValue: form.email }),
      input(t.password, 'password', { type: 'password', required: true, autoComplete: 'current-password' }),
      form.next ? h('input', { type: 'hidden', name: 'next', value: form.next, key: 'next' }) : null,
    ],
    submit: t.logIn,
    after: [
      h('p', { key: 'forgot' }, h('a', { href: '/press/reset-password' }, t.forgotPassword)),
      h('p', { key: 'sign-up' }, `${t.noAccount} `, h('a', { href: '/press/sign-up' }, t.signUp)),
    ],
  });
}

export interface SignUpValues {
  email?: string;
  outlet?: string;
  position?: string;
  country?: string;
  languages?: string;
  timeZone?: string;
}

/** The fields of an accreditation request, with the agreement in force in the page's language. */
function accreditationFields(frame: PageFrame, values: SignUpValues): ReactNode[] {
  const t = frame.words;
  return [
    input(t.outlet, 'outlet', { required: true, maxLength: 200, defaultValue: values.outlet }),
    input(t.position, 'position', { required: true, maxLength: 200, defaultValue: values.position }),
    input(t.country, 'country', {
      required: true,
      maxLength: 2,
      pattern: '[A-Za-z]{2}',
      defaultValue: values.country,
    }),
    input(`${t.languages} (ISO 639: en, ru, …)`, 'languages', {
      required: true,
      maxLength: 100,
      defaultValue: values.languages ?? frame.language,
    }),
    input(t.timeZone, 'timeZone', { maxLength: 64, defaultValue: values.timeZone }),
    h(
      'div',
      { className: 'agreement', key: 'agreement' },
      h('h2', null, `${t.agreement} (${t.agreementVersion} ${EMBARGO_AGREEMENT.version})`),
      h('p', null, EMBARGO_AGREEMENT.text[frame.language]),
    ),
    h('input', { type: 'hidden', name: 'agreementVersion', value: EMBARGO_AGREEMENT.version, key: 'version' }),
    h(
      'p',
      { className: 'check', key: 'accept' },
      h('input', {
        type: 'checkbox',
        id: 'field-acceptAgreement',
        name: 'acceptAgreement',
        value: 'yes',
        required: true,
      }),
      ' ',
      h('label', { htmlFor: 'field-acceptAgreement' }, t.acceptAgreement),
    ),
  ];
}

export function signUpPage(frame: PageFrame, values: SignUpValues = {}, problem?: string): PortalPage {
  const t = frame.words;
  return formPage(frame, {
    title: t.signUp,
    heading: t.signUpTitle,
    intro: t.signUpIntro,
    problem,
    action: '/press/sign-up',
    fields: [
      input(t.email, 'email', { type: 'email', required: true, autoComplete: 'email', defaultValue: values.email }),
      input(t.password, 'password', { type: 'password', required: true, minLength: 6, autoComplete: 'new-password' }),
      ...accreditationFields(frame, values),
    ],
    submit: t.signUp,
    after: [h('p', { key: 'log-in' }, `${t.haveAccount} `, h('a', { href: '/press/login' }, t.logIn))],
  });
}

/** A page that says one thing (a confirmation, a problem), with a link on. */
export function messagePage(title: string, text: string, link?: { href: string; label: string }): PortalPage {
  return {
    title,
    body: h(
      Fragment,
      null,
      h('h1', null, title),
      h('p', null, text),
      link ? h('p', null, h('a', { href: link.href }, link.label)) : null,
    ),
  };
}

export function forgotPasswordPage(frame: PageFrame, problem?: string): PortalPage {
  const t = frame.words;
  return formPage(frame, {
    title: t.forgotTitle,
    heading: t.forgotTitle,
    intro: t.forgotIntro,
    problem,
    action: '/press/forgot-password',
    fields: [input(t.email, 'email', { type: 'email', required: true, autoComplete: 'username' })],
    submit: t.sendLink,
  });
}

export function resetPasswordPage(frame: PageFrame, code: string, problem?: string): PortalPage {
  const t = frame.words;
  const newPassword = { type: 'password', required: true, minLength: 6, autoComplete: 'new-password' };
  return formPage(frame, {
    title: t.resetTitle,
    heading: t.resetTitle,
    problem,
    action: '/press/reset-password',
    fields: [
      h('input', { type: 'hidden', name: 'code', value: code, key: 'code' }),
      input(t.password, 'password', newPassword),
      input(t.passwordAgain, 'passwordConfirmation', newPassword),
    ],
    submit: t.resetSubmit,
  });
}

/** Where the journalist's accreditation stands, in a sentence (and the reason of a refusal or revocation). */
function accreditationStatus(frame: PageFrame, accreditation: Accreditation | null, inForce: boolean): ReactNode {
  const t = frame.words;
  if (!accreditation) return h('p', { className: 'status' }, t.statusNone);
  const date = accreditation.validUntil ?? '';
  const sentence =
    accreditation.standing === 'accredited'
      ? fill(inForce ? t.statusAccredited : t.statusExpired, { date })
      : {
          requested: t.statusRequested,
          refused: t.statusRefused,
          suspended: t.statusSuspended,
          revoked: t.statusRevoked,
        }[accreditation.standing];
  const reason =
    accreditation.reason && ['refused', 'revoked', 'suspended'].includes(accreditation.standing)
      ? h('p', null, `${t.reason}: ${accreditation.reason}`)
      : null;
  return h(Fragment, null, h('p', { className: 'status' }, sentence), reason);
}

/** The banner of a release: under embargo (until when, in the journalist's zone and in UTC), or released. */
function embargoBanner(frame: PageFrame, release: SharedRelease, timeZone: string | null): ReactNode {
  const t = frame.words;
  if (release.embargoed && release.embargoUntil) {
    const until = new Date(release.embargoUntil);
    return h(
      'div',
      { className: 'embargo-banner', role: 'alert' },
      h(
        'p',
        null,
        h('strong', null, t.underEmbargoUntil),
        ' ',
        h('time', { dateTime: until.toISOString() }, embargoTimes(until, frame.language, timeZone)),
      ),
      h('p', null, t.embargoReminder),
    );
  }
  return h(
    'div',
    { className: 'released-banner' },
    h('p', null, h('strong', null, t.released), ` — ${t.releasedText}`),
  );
}

export interface ListedReleases {
  /** The language the list is limited to, or null for every language. */
  locale: string | null;
  locales: string[];
  releases: SharedRelease[];
}

export function homePage(
  frame: PageFrame,
  accreditation: Accreditation | null,
  inForce: boolean,
  listed: ListedReleases | null,
  timeZone: string | null,
): PortalPage {
  const t = frame.words;
  const list = listed
    ? h(
        Fragment,
        null,
        h(
          'nav',
          { className: 'languages', 'aria-label': t.releasesIn },
          h(
            'ul',
            null,
            h(
              'li',
              null,
              h('a', { href: '/press/', 'aria-current': listed.locale === null ? 'true' : undefined }, t.allLanguages),
            ),
            listed.locales.map((code) =>
              h(
                'li',
                { key: code },
                h(
                  'a',
                  {
                    href: `/press/?locale=${encodeURIComponent(code)}`,
                    'aria-current': code === listed.locale ? 'true' : undefined,
                    hrefLang: code,
                  },
                  code,
                ),
              ),
            ),
          ),
        ),
        listed.releases.length
          ? h(
              'ul',
              { className: 'release-list' },
              listed.releases.map((release) =>
                h(
                  'li',
                  { key: release.documentId, lang: release.locale },
                  release.kicker ? h('p', { className: 'kicker' }, release.kicker) : null,
                  h('h2', null, h('a', { href: releasePath(release.documentId, release.locale) }, release.headline)),
                  release.embargoed && release.embargoUntil
                    ? h(
                        'p',
                        { className: 'notice' },
                        h('strong', null, t.underEmbargoUntil),
                        ` ${embargoTimes(new Date(release.embargoUntil), frame.language, timeZone)}`,
                      )
                    : h('p', { className: 'notice' }, t.released),
                  release.lead ? h('p', null, release.lead) : null,
                ),
              ),
            )
          : h('p', null, t.noReleases),
      )
    : h('p', null, t.notAccredited);
  return {
    title: t.home,
    body: h(
      Fragment,
      null,
      h('h1', null, t.home),
      h('section', { 'aria-label': t.status }, accreditationStatus(frame, accreditation, inForce)),
      list,
    ),
  };
}

export const releasePath = (documentId: string, locale: string): string =>
  `/press/releases/${encodeURIComponent(documentId)}?locale=${encodeURIComponent(locale)}`;

export interface AccountState {
  accreditation: Accreditation | null;
  inForce: boolean;
  feedMadeAt: Date | null;
  /** The feed address just made (shown once). */
  newFeedUrl?: string;
  feedRevoked?: boolean;
  /** The accreditation form as sent, when it was refused. */
  asked?: SignUpValues;
  problem?: string;
}

export function accountPage(frame: PageFrame, state: AccountState): PortalPage {
  const t = frame.words;
  const standing = state.accreditation?.standing;
  const mayAsk = !standing || standing === 'refused' || standing === 'revoked' || standing === 'requested';
  const date = (when: Date) =>
    new Intl.DateTimeFormat(frame.language, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(when) +
    ' UTC';
  const feed = h(
    'section',
    { 'aria-labelledby': 'feed-title' },
    h('h2', { id: 'feed-title' }, t.feed),
    h('p', null, t.feedIntro),
    state.newFeedUrl
      ? h(
          Fragment,
          null,
          h('p', null, t.feedNew),
          h('p', { className: 'feed-url' }, h('a', { href: state.newFeedUrl, rel: 'noreferrer' }, state.newFeedUrl)),
        )
      : state.feedRevoked
        ? h('p', { role: 'status' }, t.feedRevoked)
        : h('p', null, state.feedMadeAt ? fill(t.feedMadeAt, { date: date(state.feedMadeAt) }) : t.feedNone),
    postForm(
      frame,
      '/press/feed',
      [h('input', { type: 'hidden', name: 'action', value: 'replace', key: 'action' })],
      h('button', { type: 'submit' }, state.feedMadeAt ? t.feedReplace : t.feedMake),
    ),
    state.feedMadeAt
      ? postForm(
          frame,
          '/press/feed',
          [h('input', { type: 'hidden', name: 'action', value: 'revoke', key: 'action' })],
          h('button', { type: 'submit' }, t.feedRevoke),
        )
      : null,
  );
  return {
    title: t.account,
    body: h(
      Fragment,
      null,
      h('h1', null, t.account),
      h('section', { 'aria-label': t.status }, accreditationStatus(frame, state.accreditation, state.inForce)),
      problems(state.problem),
      mayAsk
        ? h(
            'section',
            { 'aria-labelledby': 'ask-title' },
            h('h2', { id: 'ask-title' }, standing ? t.askAgain : t.askAccreditation),
            postForm(
              frame,
              '/press/accreditation',
              accreditationFields(frame, state.asked ?? {}),
              h('button', { type: 'submit' }, t.send),
            ),
          )
        : null,
      state.inForce ? feed : null,
    ),
  };
}

/** A stored file as the release's shape gives it: where to fetch it, its type, size and pixels. */
interface Download {
  url: string;
  name: string;
  mime: string | undefined;
  width: number | undefined;
  height: number | undefined;
  bytes: number | undefined;
}

/** The release's photos at full resolution: its cover's original, its sharing picture, the pictures in its text. */
function downloadsOf(release: SharedRelease, apiUrl: string): Download[] {
  const found: Download[] = [];
  const cover = coverImageOf(release, apiUrl);
  if (cover) {
    const { url, mime, width, height, bytes } = cover.original;
    found.push({ url, name: cover.alt || url.split('/').pop() || url, mime, width, height, bytes });
  }
  const seoImage = release.seo?.image;
  if (seoImage?.url && seoImage.id !== release.cover?.id) {
    const url = mediaUrl(apiUrl, seoImage.url);
    found.push({
      url,
      name: url.split('/').pop() ?? url,
      mime: seoImage.mime ?? undefined,
      width: seoImage.width ?? undefined,
      height: seoImage.height ?? undefined,
      bytes: seoImage.size ? Math.round(seoImage.size * 1024) : undefined,
    });
  }
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const block = node as {
      type?: string;
      image?: {
        url?: string;
        alternativeText?: string | null;
        mime?: string;
        width?: number;
        height?: number;
        size?: number;
      };
      children?: unknown;
    };
    if (block.type === 'image' && block.image?.url) {
      const url = mediaUrl(apiUrl, block.image.url);
      found.push({
        url,
        name: block.image.alternativeText || url.split('/').pop() || url,
        mime: block.image.mime,
        width: block.image.width,
        height: block.image.height,
        bytes: block.image.size ? Math.round(block.image.size * 1024) : undefined,
      });
    }
    visit(block.children);
  };
  visit(release.body);
  return found;
}

function downloadList(frame: PageFrame, files: Download[], pressKit: string | undefined): ReactNode {
  const t = frame.words;
  if (files.length === 0 && !pressKit) return null;
  const size = (file: Download) =>
    [
      file.mime,
      file.width && file.height ? `${file.width}×${file.height}` : undefined,
      file.bytes ? `${Math.max(1, Math.round(file.bytes / 1024))} KB` : undefined,
    ]
      .filter(Boolean)
      .join(', ');
  return h(
    'section',
    { 'aria-labelledby': 'downloads-title' },
    h('h2', { id: 'downloads-title' }, t.downloads),
    h(
      'ul',
      { className: 'downloads' },
      pressKit ? h('li', { key: 'kit' }, h('a', { href: pressKit, download: '' }, t.pressKit)) : null,
      files.map((file, index) =>
        h(
          'li',
          { key: index },
          h('a', { href: file.url, download: '' }, `${t.download}: ${file.name}`),
          ` (${t.original}${size(file) ? `, ${size(file)}` : ''})`,
        ),
      ),
    ),
  );
}

export function releasePage(
  frame: PageFrame,
  release: SharedRelease,
  context: { apiUrl: string; timeZone: string | null; readerWords: ReaderText },
): PortalPage {
  const t = frame.words;
  const others = release.localizations.filter((localization) => localization.locale !== release.locale);
  return {
    title: release.headline,
    body: h(
      Fragment,
      null,
      embargoBanner(frame, release, context.timeZone),
      releaseArticle(release, context.apiUrl, context.readerWords),
      downloadList(
        frame,
        downloadsOf(release, context.apiUrl),
        release.pressKit && mediaUrl(context.apiUrl, release.pressKit),
      ),
      others.length
        ? h(
            'section',
            null,
            h('h2', null, t.otherLanguages),
            h(
              'ul',
              null,
              others.map((other) =>
                h(
                  'li',
                  { key: other.locale, lang: other.locale },
                  h(
                    'a',
                    { href: releasePath(release.documentId, other.locale), hrefLang: other.locale },
                    `${other.locale}: ${other.headline}`,
                  ),
                ),
              ),
            ),
          )
        : null,
      h('p', null, h('a', { href: `/press/?locale=${encodeURIComponent(release.locale)}` }, t.back)),
    ),
  };
}
