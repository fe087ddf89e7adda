import type { Core } from '@strapi/strapi';

/** The permission behind the admin panel's Marketplace link (to market.strapi.io) and its list of plugins. */
export const MARKETPLACE_ACTION = 'admin::marketplace.read';

/** What of the admin's permission action provider this uses (a @strapi/utils provider). */
interface ActionProvider {
  hooks: { didRegister: { register(handler: (event: { key: string }) => Promise<void>): void } };
  delete(key: string): Promise<unknown>;
}

/**
 * No Marketplace in the newsroom's panel. Strapi 5.54 has no setting for it: the menu link shows to whoever holds
 * `admin::marketplace.read`, and the super admin is given every registered action anew at each start. The action is
 * taken out as soon as Strapi's admin registers it (its bootstrap, before it resets the super admin's permissions and
 * deletes stored permissions of unknown actions), so no role holds it: the link is not shown, and the plugin list
 * behind the same permission answers 403.
 */
export function withoutMarketplace(strapi: Core.Strapi): void {
  const actions = strapi.service('admin::permission').actionProvider as ActionProvider;
  actions.hooks.didRegister.register(async ({ key }) => {
    if (key === MARKETPLACE_ACTION) await actions.delete(key);
  });
}
