import { parseAcceptedTypes } from '../src/editorial/media-library/accepted-types';
import { settings } from '../src/platform/settings/newsroom-settings';

/** The media library's own settings (src/editorial/media-library), read as strapi.config.get('media-library'). */
const mediaLibraryConfig = () => ({
  acceptedTypes: parseAcceptedTypes(settings().UPLOAD_ALLOWED_TYPES),
  stripMetadata: settings().UPLOAD_STRIP_METADATA,
});

export default mediaLibraryConfig;
