import type { Core } from '@strapi/strapi';

export interface FirstAdminSettings {
  email?: string;
  password?: string;
  firstname?: string;
  lastname?: string;
}

/**
 * For automation: with ADMIN_EMAIL and ADMIN_PASSWORD set, the first start creates the super admin that
 * the registration form would otherwise create. Does nothing once any admin exists.
 */
export async function ensureFirstAdmin(strapi: Core.Strapi, settings: FirstAdminSettings): Promise<boolean> {
  if (!settings.email || !settings.password) return false;
  const users = strapi.service('admin::user');
  if (await users.exists()) return false;
  await users.createFirstAdmin({
    email: settings.email.toLowerCase(),
    password: settings.password,
    firstname: settings.firstname || 'Newsroom',
    lastname: settings.lastname || 'Admin',
  });
  strapi.log.info(`Created the first admin user ${settings.email} from ADMIN_EMAIL/ADMIN_PASSWORD.`);
  return true;
}
