import { factories } from '@strapi/strapi';

const publicRead = { middlewares: ['api::press-release.public-read'] };

export default factories.createCoreRouter('api::press-release.press-release', {
  config: {
    find: publicRead,
    findOne: publicRead,
  },
});
