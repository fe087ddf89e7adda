import type { Core } from '@strapi/strapi';
import type { ApolloServerPlugin } from '@apollo/server';
import { isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { perApp } from '../../platform/app-registry/per-app';

/**
 * Strapi wraps the resolver of every field of every GraphQL type (wrap-resolvers.js): an async function that runs
 * the authorisation check, the field's resolver middlewares and its policies. On a field of a non-root type with no
 * resolver config (a release's headline, a topic's name) the check is skipped and there are no middlewares or
 * policies, so the wrapper only turns a property read into three promises; a 25-release list has about 700 such
 * fields. These fields get their own resolver back once Strapi has built the schema; a field with any config
 * (a relation's `find` scope, our middlewares) and every root field keep Strapi's wrapper.
 */
const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

type Resolver = GraphQLFieldResolver<unknown, unknown> | undefined;
interface ExtensionService {
  use(configuration: (args: { nexus: NexusLike; typeRegistry: unknown }) => object): void;
  generate(args: { typeRegistry: unknown }): { resolversConfig?: Record<string, unknown> };
}
interface NexusLike {
  plugin(config: { name: string; onAfterBuild(schema: GraphQLSchema): void }): unknown;
}

interface PlainFieldState {
  /** Each field's resolver as built, before Strapi wraps it (by "Type.field": pruning copies the field objects). */
  builtResolvers: Map<string, Resolver>;
  /** The fields given back their own resolver in the schema Apollo serves ("Type.field"). */
  restoredFields: Set<string>;
  resolverConfig?: () => Record<string, unknown>;
}

const stateOf = (strapi: Core.Strapi): PlainFieldState =>
  perApp(strapi, 'plainFieldResolvers', () => ({ builtResolvers: new Map(), restoredFields: new Set() }));

/** Whether a field has resolver config, read as wrap-resolvers.js reads it (lodash `get`: "Type.field" or nested). */
function hasConfig(config: Record<string, unknown>, type: string, field: string): boolean {
  const nested = config[type];
  return `${type}.${field}` in config || (typeof nested === 'object' && nested !== null && field in nested);
}

/** Records the resolvers of the schema Strapi builds (a nexus plugin: it runs before Strapi's wrapping). */
export function registerPlainFieldResolvers(strapi: Core.Strapi): void {
  const extension = strapi.plugin('graphql').service('extension') as ExtensionService;
  const { builtResolvers } = stateOf(strapi);
  extension.use(({ nexus, typeRegistry }) => {
    // The merged resolver config, as wrap-resolvers.js reads it (generate only evaluates the registered configs).
    stateOf(strapi).resolverConfig = () => extension.generate({ typeRegistry }).resolversConfig ?? {};
    return {
      plugins: [
        nexus.plugin({
          name: 'NewsroomBuiltResolvers',
          onAfterBuild(schema) {
            builtResolvers.clear();
            for (const type of Object.values(schema.getTypeMap())) {
              if (!isObjectType(type) || ROOT_TYPES.has(type.name) || type.name.startsWith('__')) continue;
              for (const field of Object.values(type.getFields())) {
                builtResolvers.set(`${type.name}.${field.name}`, field.resolve);
              }
            }
          },
        }),
      ],
    };
  });
}

/** Puts back the built resolver of every field that Strapi's wrapper does nothing for. */
function restorePlainFieldResolvers(strapi: Core.Strapi, schema: GraphQLSchema): void {
  const { builtResolvers, restoredFields, resolverConfig } = stateOf(strapi);
  restoredFields.clear();
  if (!resolverConfig || builtResolvers.size === 0) return; // not registered (the stock oracle)
  const config = resolverConfig();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || ROOT_TYPES.has(type.name)) continue;
    for (const field of Object.values(type.getFields())) {
      const path = `${type.name}.${field.name}`;
      if (field.name.startsWith('__') || hasConfig(config, type.name, field.name) || !builtResolvers.has(path))
        continue;
      field.resolve = builtResolvers.get(path);
      restoredFields.add(path);
    }
  }
}

export const plainResolverFields = (strapi: Core.Strapi): ReadonlySet<string> => stateOf(strapi).restoredFields;

/**
 * Apollo runs this before it serves the schema Strapi built and wrapped. config/plugins.ts makes it before any app
 * exists; Apollo starts it in the bootstrap of the graphql plugin of the app being started, the global `strapi` then.
 */
export const plainFieldResolversPlugin = (): ApolloServerPlugin => ({
  async serverWillStart({ schema }) {
    restorePlainFieldResolvers(strapi, schema);
  },
});
