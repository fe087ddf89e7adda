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

/** What the panel needs before it renders to be the newsroom's, not a Strapi demo. */
export function applyNewsroomBranding(): void {
  nameTabTitle();
}
