import newsroomLogo from './extensions/newsroom-logo.svg';

/** The newsroom's mark (the log-in and registration pages, the main menu); favicon.png at the root is the same. */
export const NEWSROOM_LOGO: string = newsroomLogo;

const NAME = 'Newsroom';

/** Strapi's own words that name Strapi where an editor reads them, in the newsroom's name instead. */
const BRAND_LABELS: Record<string, { en: string; ru: string }> = {
  'Auth.form.welcome.title': { en: `Welcome to ${NAME}!`, ru: `Добро пожаловать в ${NAME}!` },
  'Auth.form.welcome.subtitle': {
    en: `Log in to your ${NAME} account`,
    ru: `Войдите в свою учётную запись ${NAME}`,
  },
  'Auth.form.register.subtitle': {
    en: `Credentials are only used to sign in to ${NAME}. Everything is stored in this newsroom's own database.`,
    ru: `Учётные данные используются только для входа в ${NAME}. Все данные хранятся в базе данных этой редакции.`,
  },
  'app.components.LeftMenu.navbrand.title': { en: NAME, ru: NAME },
  'app.components.LeftMenu.navbrand.workplace': { en: 'Press releases', ru: 'Пресс-релизы' },
  'app.components.LeftMenu.logo.alt': { en: `${NAME} logo`, ru: `Логотип ${NAME}` },
  'Settings.permissions.users.listview.header.subtitle': {
    en: `All the users who have access to the ${NAME} admin panel`,
    ru: `Все пользователи, у которых есть доступ к панели ${NAME}`,
  },
};

export const brandLabels = (locale: 'en' | 'ru'): Record<string, string> =>
  Object.fromEntries(Object.entries(BRAND_LABELS).map(([id, label]) => [id, label[locale]]));

/**
 * The tab title: Strapi writes "Strapi Admin" into the page it generates and "<page> | Strapi" on every page
 * (Page.Title), with no setting for either in 5.54, so the name is put right each time the title changes.
 */
function nameTabTitle(): void {
  const rename = () => {
    const title = document.title.replace(/^Strapi Admin$/, NAME).replace(/ \| Strapi$/, ` | ${NAME}`);
    if (title !== document.title) document.title = title;
  };
  rename();
  new MutationObserver(rename).observe(document.head, { childList: true, subtree: true, characterData: true });
}

/**
 * No newsletter sign-up. Strapi's registration form (the first administrator's, and an invited user's) offers "Keep
 * me updated about new features"; ticked, the next page posts the address to Strapi's analytics service. Strapi 5.54
 * has no setting for it, and translations cannot remove a field: one style rule hides the field, found by its link to
 * Strapi's privacy policy (the boxes holding it but not the rest of the form). Unticked, nothing is sent.
 */
const NO_NEWSLETTER_RULE =
  'form div:has(a[href="https://strapi.io/privacy"]):not(:has(input[name="email"])) { display: none !important; }';

function hideNewsletterSignUp(): void {
  const style = document.createElement('style');
  style.dataset.newsroom = 'no-newsletter';
  style.textContent = NO_NEWSLETTER_RULE;
  document.head.append(style);
}

/**
 * No vendor banner. Strapi 5.54 shows "Introducing the new Media Library — Read blog post" (a link to strapi.io) above
 * every page, with no setting to turn it off; once closed it stays away, which it remembers in this browser under a
 * key scoped by the project's uuid. The app disables telemetry (package.json), so the admin's init answers uuid
 * false: both of the banner's variants are closed under that key (and under the one used before init answers).
 */
function closeVendorBanner(): void {
  for (const legacyLibrary of [false, true]) {
    for (const uuid of [false, undefined]) {
      localStorage.setItem(`STRAPI_MEDIA_LIBRARY_BANNER_DISMISSED_FOR_${legacyLibrary}:${uuid}`, 'true');
    }
  }
}

/**
 * No vendor tour. Where the panel runs in development (`npm run develop`, a new user's first look), Strapi 5.54 opens
 * the home page on a guided tour "to get the most out of Strapi", deploying to Strapi Cloud among its tasks; the
 * `tutorials` setting no longer reaches it. Its state is kept in this browser: it is written as the tour's own
 * "Close guided tour" leaves it.
 */
function closeGuidedTour(): void {
  const key = 'STRAPI_GUIDED_TOUR';
  let stored: unknown = null;
  try {
    stored = JSON.parse(localStorage.getItem(key) ?? 'null');
  } catch {
    // unreadable: the tour starts afresh, closed
  }
  localStorage.setItem(
    key,
    JSON.stringify({ ...(stored && typeof stored === 'object' ? stored : {}), enabled: false }),
  );
}

/** What the panel needs before it renders to be the newsroom's, not a Strapi demo. */
export function applyNewsroomBranding(): void {
  nameTabTitle();
  hideNewsletterSignUp();
  closeVendorBanner();
  closeGuidedTour();
}
