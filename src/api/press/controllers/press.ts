import type { Core } from '@strapi/strapi';
import { pressApi } from '../../../press-access/press-api';
import { pressFiles } from '../../../press-access/press-files';

export default ({ strapi }: { strapi: Core.Strapi }) => ({ ...pressApi(strapi), ...pressFiles(strapi) });
