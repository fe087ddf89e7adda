import type { Core } from '@strapi/strapi';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { formatGraphqlErrorForClients } from '../src/read-side/graphql/graphql-error-format';
import { settings } from '../src/platform/settings/newsroom-settings';
import { uploadProviderConfig } from '../src/editorial/media-library/media-storage';
import { emailPluginConfig } from '../src/platform/mail/email-plugin-config';
import { plainFieldResolversPlugin } from '../src/read-side/graphql/graphql-plain-field-resolvers';

const pluginsConfig = () => {
  const config = settings();
  return {
    'users-permissions': {
      config: {
        jwtSecret: config.JWT_SECRET,
        // Sign-in and the other account routes: Users & Permissions' own limit, per client address.
        ratelimit: { interval: { min: 5 }, max: config.JOURNALIST_SIGN_IN_LIMIT },
      },
    },
    // Over SMTP_URL, or each message written to .tmp/mail/ with its path logged (src/platform/mail).
    email: {
      config: emailPluginConfig(config),
    },
    upload: {
      config: {
        // The local disk by default; UPLOAD_PROVIDER=s3: a bucket (src/editorial/media-library/media-storage.ts).
        ...uploadProviderConfig(config),
        // Strapi's own type check is handed everything: it trusts a file's name when the content says nothing (an HTML
        // page named photo.jpg) and drops refused files from a request silently. Every file is admitted by content in
        // the upload service instead (src/extensions/upload, list in config/media-library.ts), all or nothing.
        security: { allowedTypes: ['*/*'] },
      },
    },
    graphql: {
      config: {
        endpoint: '/graphql',
        shadowCRUD: true,
        // The landing page (Apollo Sandbox) is for developers; never in production. Strapi's `false` still serves
        // Apollo's production landing page (HTML that loads Apollo's CDN), so off means Apollo's disabled plugin.
        landingPage:
          config.NODE_ENV !== 'production' && config.GRAPHQL_LANDING_PAGE
            ? true
            : () => ApolloServerPluginLandingPageDisabled(),
        depthLimit: config.GRAPHQL_DEPTH_LIMIT,
        defaultLimit: config.API_DEFAULT_PAGE_SIZE,
        maxLimit: config.API_MAX_PAGE_SIZE,
        apolloServer: {
          introspection: config.GRAPHQL_INTROSPECTION,
          // Unexpected errors reach clients as a bare "Internal Server Error", never with SQL or a stack.
          formatError: formatGraphqlErrorForClients,
          // HTTP caching is the public-http-cache middleware's (ETag, Cache-Control from env); Apollo's own
          // cache-control hints are unused and its plugin ran on every field of every answer.
          // Fields Strapi's resolver wrapper does nothing for get their own resolver back (see the module).
          plugins: [ApolloServerPluginCacheControlDisabled(), plainFieldResolversPlugin()],
        },
      },
    },
  };
};

export default pluginsConfig satisfies Core.Config.Shared.ConfigFunction;
