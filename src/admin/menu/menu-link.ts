/** What a page of the main menu registers with (Strapi's app.addMenuLink, as this app uses it). */
export interface PanelApp {
  addMenuLink(link: {
    to: string;
    icon: unknown;
    intlLabel: { id: string; defaultMessage: string };
    Component: () => Promise<unknown>;
    permissions: { action: string; subject: string | null }[];
  }): void;
}
