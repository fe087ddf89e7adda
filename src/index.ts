import type { Core } from '@strapi/strapi';
import { ensureFirstAdmin } from './newsroom-setup/first-admin';
import { ensureNewsroomLocales } from './newsroom-setup/locales';
import { grantPublicReadPermissions } from './public-access/public-permissions';
import { seedNewsroom, seedsDirectory } from './seed/seed-newsroom';
import { uniqueSlugMiddleware } from './slugs/unique-slug-middleware';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    strapi.documents.use(uniqueSlugMiddleware(strapi));
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureNewsroomLocales(strapi);
    await grantPublicReadPermissions(strapi);
    if (process.env.SEED_ON_START !== 'false') {
      const report = await seedNewsroom(strapi, seedsDirectory(strapi));
      if (report.createdReleases.length > 0) strapi.log.info(`Seeded ${report.createdReleases.join(', ')}`);
    }
    await ensureFirstAdmin(strapi, {
      email: process.env.ADMIN_EMAIL,
      password: process.env.ADMIN_PASSWORD,
      firstname: process.env.ADMIN_FIRSTNAME,
      lastname: process.env.ADMIN_LASTNAME,
    });
  },
};
