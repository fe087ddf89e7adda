import type { Core } from '@strapi/strapi';
import { pressApi } from '../../../press-access/press-api';

export default ({ strapi }: { strapi: Core.Strapi }) => pressApi(strapi);
