import type { Core } from '@strapi/strapi';

/** A super admin account for a test file (created once, kept: the trail outlives it anyway). */
export async function ensureSuperAdmin(
  app: Core.Strapi,
  account: { email: string; password: string; firstname: string; lastname: string },
): Promise<void> {
  if (await app.db.query('admin::user').findOne({ where: { email: account.email } })) return;
  const superRole = (await app.service('admin::role').getSuperAdmin()) as { id: number };
  await app
    .service('admin::user')
    .create({ ...account, isActive: true, registrationToken: null, roles: [superRole.id] });
}
