import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::entity.entity');
