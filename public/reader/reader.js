// The Newsroom reader: a plain page on the public API, like any other frontend. No framework, no build.
// The page's words, shared with the server-rendered pages (src/channels/reader-pages): one copy for both.
import READER_TEXT from './text.json' with { type: 'json' };

const LOCALES = ['ru', 'en', 'az'];
const FALLBACKS = { ru: ['en'], en: ['ru'], az: ['ru', 'en'] };
const TEXT = READER_TEXT.text;
const LANGUAGE_NAMES = READER_TEXT.languageNames;
const DATES = READER_TEXT.dates;

const $ = (id) => document.getElementById(id);
const view = $('view');

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function getJson(path) {
  // Revalidate every time (a cheap 304 when nothing changed), so a reader never sees a stale release.
  const response = await fetch(path, { headers: { accept: 'application/json' }, cache: 'no-cache' });
  const body = await response.json().catch(() => null);
  return { status: response.status, body };
}

const releasePath = (locale, slug, documentId) =>
  `/${encodeURIComponent(locale)}/press-releases/${encodeURIComponent(slug)}` +
  `${documentId ? `?doc=${encodeURIComponent(documentId)}` : ''}`;

// --- Blocks (Strapi rich text) to DOM, text always as text ---
const SAFE_URL = /^(https?:|mailto:|\/|#)/i;
function inline(node) {
  if (node.type === 'link') {
    const children = (node.children || []).map(inline);
    return SAFE_URL.test(String(node.url || '').trim())
      ? el('a', { href: node.url.trim(), rel: 'noopener' }, children)
      : el('span', {}, children);
  }
  let out = document.createTextNode(node.text || '');
  for (const [mark, tag] of [
    ['code', 'code'],
    ['strikethrough', 's'],
    ['underline', 'u'],
    ['italic', 'em'],
    ['bold', 'strong'],
  ]) {
    if (node[mark]) out = el(tag, {}, out);
  }
  return out;
}
function block(node) {
  const kids = () =>
    (node.children || []).map((child) =>
      child.type === 'list-item' ? el('li', {}, (child.children || []).map(inline)) : inline(child),
    );
  switch (node.type) {
    case 'heading':
      return el(`h${Math.min(Math.max(Number(node.level) || 2, 2), 6)}`, {}, kids());
    case 'list':
      return el(node.format === 'ordered' ? 'ol' : 'ul', {}, kids());
    case 'quote':
      return el('blockquote', {}, kids());
    case 'code':
      return el('pre', {}, el('code', {}, kids()));
    case 'image':
      return node.image && SAFE_URL.test(node.image.url || '')
        ? el('img', { src: node.image.url, alt: node.image.alternativeText || '' })
        : null;
    default:
      return el('p', {}, kids());
  }
}

// --- Chrome: language switch, search box, feeds ---
function setChrome(locale, alternates = {}) {
  const t = TEXT[locale];
  document.documentElement.lang = locale;
  $('search-label').textContent = t.search;
  $('search-button').textContent = t.search;
  $('search-locale').value = locale;
  $('subscribe-label').textContent = t.subscribe;
  $('subscribe-button').textContent = t.subscribeButton;
  $('subscribe-locale').value = locale;
  for (const link of document.querySelectorAll('#language-switch a')) {
    const code = link.dataset.locale;
    link.href = alternates[code] || `/?locale=${code}`;
    link.setAttribute('aria-current', String(code === locale));
  }
  $('feed-links').replaceChildren(
    ...['rss.xml', 'atom.xml', 'feed.json'].flatMap((file, i) => [
      i ? ' · ' : '',
      el('a', { href: `/feeds/${locale}/${file}` }, file),
    ]),
  );
}

function status(message) {
  $('status').textContent = message || '';
}

/** A date in the page's language, as the server-rendered page writes it (src/channels/reader-pages). */
function dateIn(locale, value) {
  const date = new Date(value);
  const format = new Intl.DateTimeFormat(DATES.locales[locale] || locale, DATES.format);
  return el('time', { datetime: date.toISOString() }, format.format(date));
}

/** When the release was published, and corrected if it was. */
function releaseDates(release, locale) {
  const corrected = release.correction && release.correctedAt;
  return el(
    'p',
    { class: 'dates' },
    dateIn(locale, release.publishedAt),
    corrected ? [` · ${TEXT[locale].correction} `, dateIn(locale, release.correctedAt)] : null,
  );
}

function releaseSummary(release, locale) {
  return el(
    'li',
    {},
    release.kicker ? el('p', { class: 'kicker' }, release.kicker) : null,
    el('h2', {}, el('a', { href: releasePath(locale, release.slug), 'data-nav': true }, release.headline)),
    releaseDates(release, locale),
    release.lead ? el('p', {}, release.lead) : null,
  );
}

// --- Views ---
async function showList(locale) {
  const t = TEXT[locale];
  setChrome(locale);
  status(t.loading);
  let shown = locale;
  let { body } = await getJson(`/api/press-releases?locale=${locale}`);
  const notice = [];
  if (body && Array.isArray(body.data) && body.data.length === 0) {
    notice.push(el('p', { class: 'notice' }, t.empty));
    for (const fallback of FALLBACKS[locale]) {
      const other = await getJson(`/api/press-releases?locale=${fallback}`);
      if (other.body && other.body.data && other.body.data.length) {
        body = other.body;
        shown = fallback;
        notice.push(el('p', { class: 'notice' }, `${t.showing} ${LANGUAGE_NAMES[fallback]}.`));
        break;
      }
    }
  }
  if (!body || !Array.isArray(body.data)) return status(t.error);
  status('');
  view.replaceChildren(
    el('h1', { id: 'view-title' }, t.latest),
    ...notice,
    el(
      'ul',
      { class: 'release-list', lang: shown },
      body.data.map((release) => releaseSummary(release, shown)),
    ),
  );
}

async function showSearch(locale, q) {
  const t = TEXT[locale];
  setChrome(locale);
  $('search-input').value = q;
  status(t.loading);
  // The current language first; with no hit there, the other languages in fallback order.
  let shown = locale;
  let result = await getJson(`/api/search?locale=${locale}&q=${encodeURIComponent(q)}`);
  if (result.status !== 200) return status(result.body && result.body.error ? result.body.error.message : t.error);
  for (const fallback of result.body.data.length ? [] : FALLBACKS[locale]) {
    const other = await getJson(`/api/search?locale=${fallback}&q=${encodeURIComponent(q)}`);
    if (other.status === 200 && other.body.data.length) {
      result = other;
      shown = fallback;
      break;
    }
  }
  status('');
  const items = result.body.data.map((hit) => {
    const snippet = el('p', { class: 'snippet' });
    snippet.innerHTML = hit.snippet; // escaped by the server; only <mark> is markup
    return el(
      'li',
      { lang: hit.locale },
      hit.kicker ? el('p', { class: 'kicker' }, hit.kicker) : null,
      el('h2', {}, el('a', { href: releasePath(hit.locale, hit.slug), 'data-nav': true }, hit.headline)),
      snippet,
    );
  });
  view.replaceChildren(
    el('h1', { id: 'view-title' }, `${t.results}: «${q}»`),
    shown !== locale ? el('p', { class: 'notice' }, `${t.showing} ${LANGUAGE_NAMES[shown]}.`) : null,
    items.length ? el('ul', { class: 'release-list' }, items) : el('p', {}, t.none),
  );
}

async function showRelease(locale, slug, documentId) {
  const t = TEXT[locale];
  setChrome(locale);
  status(t.loading);
  let { status: code, body } = await getJson(`/api/press-releases/slug/${encodeURIComponent(slug)}?locale=${locale}`);
  let notice = null;
  if (code === 404 && documentId) {
    ({ status: code, body } = await getJson(
      `/api/press-releases/${encodeURIComponent(documentId)}?locale=${locale}` +
        `&fallbackLocale=${FALLBACKS[locale].join(',')}`,
    ));
    if (code === 200 && body.meta && body.meta.fallbackUsed)
      notice = el('p', { class: 'notice' }, `${t.showing} ${LANGUAGE_NAMES[body.meta.locale]}.`);
  }
  if (code === 404) {
    status('');
    return view.replaceChildren(
      el('h1', { id: 'view-title' }, t.notFound),
      el('p', {}, el('a', { href: `/?locale=${locale}`, 'data-nav': true }, t.back)),
    );
  }
  if (code !== 200) return status(t.error);
  renderArticle(body.data, locale, notice);
}

/**
 * The cover photo with every stored size in `srcset` (Strapi's formats and the original), so the browser fetches
 * the one the column needs, and the WebP copies first for browsers that take them; its alternative text is
 * required to publish.
 */
function coverFigure(cover) {
  if (!cover || !cover.url) return null;
  const all = [...Object.values(cover.formats || {}), cover].filter((size) => size.url && size.width);
  const ofType = (mime) => all.filter((size) => size.mime === mime).sort((a, b) => a.width - b.width);
  const srcset = (list) => list.map((size) => `${size.url} ${size.width}w`).join(', ');
  const sizesAttr = '(max-width: 48rem) calc(100vw - 2rem), 46rem';
  const main = ofType(cover.mime);
  const webp = cover.mime === 'image/webp' ? [] : ofType('image/webp');
  const fitting = main.filter((size) => size.width <= 1000);
  const fallback = fitting[fitting.length - 1] || main[0] || cover;
  return el(
    'figure',
    { class: 'cover' },
    el(
      'picture',
      {},
      webp.length ? el('source', { type: 'image/webp', srcset: srcset(webp), sizes: sizesAttr }) : null,
      el('img', {
        src: fallback.url,
        srcset: srcset(main),
        sizes: sizesAttr,
        alt: cover.alternativeText || '',
        width: cover.width,
        height: cover.height,
        decoding: 'async',
      }),
    ),
    photoCredit(cover) ? el('figcaption', { class: 'credit' }, photoCredit(cover)) : null,
  );
}

/** The credit under a photo, as the server-rendered page writes it (photoCredit in src/read-side/read-model). */
function photoCredit(file) {
  return [file.creditLine || file.creator, file.copyrightNotice].filter(Boolean).join(' · ');
}

/** The correction under the text, dated, as the server-rendered page has it (src/channels/reader-pages). */
function correctionNote(release, locale) {
  if (!release.correction || !release.correctedAt) return null;
  return el(
    'aside',
    { class: 'correction' },
    el('strong', {}, `${TEXT[locale].correction} `),
    dateIn(locale, release.correctedAt),
    el('p', {}, release.correction),
  );
}

function renderArticle(release, locale, notice, { preview = false } = {}) {
  const t = TEXT[locale];
  const alternates = {};
  for (const code of LOCALES) alternates[code] = releasePath(code, release.slug, release.documentId);
  alternates[release.locale] = releasePath(release.locale, release.slug);
  for (const translation of release.localizations || [])
    alternates[translation.locale] = releasePath(translation.locale, translation.slug);
  setChrome(locale, preview ? {} : alternates);
  document.title = `${preview ? `[${t.preview}] ` : ''}${release.headline} — Newsroom`;
  status('');
  const tags = (title, list) =>
    list && list.length
      ? [
          el('h2', {}, title),
          el(
            'ul',
            { class: 'tags' },
            list.map((item) => el('li', {}, item.name)),
          ),
        ]
      : [];
  view.replaceChildren(
    el(
      'article',
      { lang: release.locale },
      preview ? el('p', { class: 'notice preview', role: 'note' }, t.previewNotice) : null,
      notice,
      release.kicker ? el('p', { class: 'kicker' }, release.kicker) : null,
      el('h1', { id: 'view-title' }, release.headline),
      el(
        'p',
        { class: 'meta' },
        release.dateline ? `${release.dateline} — ` : '',
        release.source ? `${t.source}: ${release.source.name}` : '',
      ),
      release.publishedAt ? releaseDates(release, locale) : null,
      coverFigure(release.cover),
      release.lead ? el('p', { class: 'lead' }, el('strong', {}, release.lead)) : null,
      el('div', { class: 'body' }, (release.body || []).map(block)),
      correctionNote(release, locale),
      el('footer', {}, ...tags(t.topics, release.topics), ...tags(t.entities, release.entities)),
    ),
    el('p', {}, el('a', { href: `/?locale=${locale}`, 'data-nav': true }, t.back)),
  );
}

/** /preview?documentId=…&locale=…&token=…: an editor's draft, only with a valid, unexpired token. */
async function showPreview(params) {
  const locale = LOCALES.includes(params.get('locale')) ? params.get('locale') : 'ru';
  const t = TEXT[locale];
  setChrome(locale);
  status(t.loading);
  const documentId = params.get('documentId') || '';
  const { status: code, body } = await getJson(
    `/api/preview/press-releases/${encodeURIComponent(documentId)}` +
      `?token=${encodeURIComponent(params.get('token') || '')}`,
  );
  if (code !== 200) {
    status('');
    return view.replaceChildren(
      el('h1', { id: 'view-title' }, t.previewDenied),
      el('p', {}, body && body.error ? body.error.message : t.error),
      el('p', {}, el('a', { href: `/?locale=${locale}`, 'data-nav': true }, t.back)),
    );
  }
  renderArticle(body.data, locale, null, { preview: true });
}

// --- Routing: /, /?locale=xx, /?q=…&locale=xx, /{locale}/press-releases/{slug} ---
async function route() {
  const url = new URL(window.location.href);
  const match = url.pathname.match(/^\/(ru|en|az)\/press-releases\/([^/]+)\/?$/);
  try {
    if (match) return await showRelease(match[1], decodeURIComponent(match[2]), url.searchParams.get('doc'));
    if (url.pathname === '/preview') return await showPreview(url.searchParams);
    const locale = LOCALES.includes(url.searchParams.get('locale')) ? url.searchParams.get('locale') : 'ru';
    const q = (url.searchParams.get('q') || '').trim();
    return q ? await showSearch(locale, q) : await showList(locale);
  } catch (error) {
    status(TEXT.en.error);
    console.error(error);
  }
}

document.addEventListener('click', (event) => {
  const link = event.target.closest('a');
  if (!link || link.origin !== window.location.origin || event.metaKey || event.ctrlKey) return;
  if (!link.hasAttribute('data-nav') && !link.closest('#language-switch')) return;
  event.preventDefault();
  history.pushState({}, '', link.href);
  route().then(() => $('main').focus());
});
$('search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const q = $('search-input').value.trim();
  if (!q) return;
  history.pushState({}, '', `/?locale=${$('search-locale').value}&q=${encodeURIComponent(q)}`);
  route();
});
window.addEventListener('popstate', route);
route();
