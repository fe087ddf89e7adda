import { factories } from '@strapi/strapi';
import { stockPublicReads } from '../../../read-side/stock-reads';

const publicRead = { middlewares: ['api::press-release.public-read'] };

export default factories.createCoreRouter('api::press-release.press-release', {
  config: stockPublicReads() ? {} : { find: publicRead, findOne: publicRead },
});
