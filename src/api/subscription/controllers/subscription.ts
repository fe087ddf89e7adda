import type { Core } from '@strapi/strapi';
import { subscriptionController } from '../../../delivery/subscriptions/subscription-routes';

export default ({ strapi }: { strapi: Core.Strapi }) => subscriptionController(strapi);
