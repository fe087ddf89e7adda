import type { Core } from '@strapi/strapi';
import { ACCEPTED_TYPES_VARIABLE, parseAcceptedTypes } from '../src/media-library/accepted-types';

/** The media library's own settings (src/media-library), read as strapi.config.get('media-library'). */
const mediaLibraryConfig = ({ env }: Core.Config.Shared.ConfigParams) => ({
  acceptedTypes: parseAcceptedTypes(env(ACCEPTED_TYPES_VARIABLE)),
});

export default mediaLibraryConfig;
