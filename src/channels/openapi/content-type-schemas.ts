import { PUBLIC_LOCALIZATION_FIELDS, PUBLIC_RELEASE_RELATIONS } from '../../read-side/public-shape';

/**
 * JSON Schemas (2020-12, as OpenAPI 3.1 takes them) of what the public API returns, worked out from the content
 * types' attributes (as Strapi has loaded them: schema.json plus the timestamps and locale Strapi adds) and the
 * public shape, so that a field added to a content type or to the public populate shows in the API description
 * without anyone copying it there.
 */

export type JsonSchema = Record<string, unknown>;

/** The parts of a Strapi attribute definition that decide its JSON type. */
export interface AttributeLike {
  type: string;
  required?: boolean;
  private?: boolean;
  enum?: readonly string[];
  regex?: string;
  maxLength?: number;
  multiple?: boolean;
  relation?: string;
  target?: string;
  component?: string;
  repeatable?: boolean;
}

export interface ModelLike {
  attributes: Record<string, AttributeLike>;
  options?: { privateAttributes?: readonly string[] };
}

/** Strapi's loaded model of a content type or component (`strapi.getModel`). */
export type ModelOf = (uid: string) => ModelLike | undefined;

/** A nested populate as Strapi takes it: `true`, or which fields and which further relations. */
type Populate = true | { fields?: readonly string[]; populate?: Record<string, Populate> };

export const UPLOAD_FILE_UID = 'plugin::upload.file';

/** An object with exactly these properties: all required unless a list says which, no other allowed. */
export const closedObject = (properties: Record<string, JsonSchema>, required = Object.keys(properties)) => ({
  type: 'object',
  required,
  properties,
  additionalProperties: false,
});

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: 'null' }] });

/** A Strapi blocks field: the rich-text tree of the editor (https://docs.strapi.io/cms/features/content-manager). */
const BLOCKS: JsonSchema = {
  type: 'array',
  description: "Strapi blocks: the editor's rich text as a tree of typed nodes (paragraph, heading, list, image…).",
  items: { type: 'object', required: ['type'], properties: { type: { type: 'string' } } },
};

/** The JSON type of a scalar attribute (not relation, media or component), null allowed unless required. */
export function scalarSchema(attribute: AttributeLike): JsonSchema {
  let schema: JsonSchema;
  switch (attribute.type) {
    case 'string':
    case 'text':
    case 'richtext':
    case 'email':
    case 'uid':
      schema = { type: 'string' };
      if (attribute.maxLength !== undefined) schema.maxLength = attribute.maxLength;
      if (attribute.regex !== undefined) schema.pattern = attribute.regex;
      break;
    case 'enumeration':
      schema = { type: 'string', enum: [...(attribute.enum ?? [])] };
      break;
    case 'integer':
      schema = { type: 'integer' };
      break;
    case 'biginteger': // Strapi sends big integers as strings
      schema = { type: 'string', pattern: '^-?[0-9]+$' };
      break;
    case 'float':
    case 'decimal':
      schema = { type: 'number' };
      break;
    case 'boolean':
      schema = { type: 'boolean' };
      break;
    case 'date':
      schema = { type: 'string', format: 'date' };
      break;
    case 'datetime':
    case 'timestamp':
      schema = { type: 'string', format: 'date-time' };
      break;
    case 'time':
      schema = { type: 'string' };
      break;
    case 'blocks':
      schema = BLOCKS;
      break;
    case 'json':
      return {};
    default:
      throw new Error(`No JSON Schema for attribute type "${attribute.type}": add it to src/channels/openapi.`);
  }
  return attribute.required ? schema : nullable(schema);
}

const isPrivate = (model: ModelLike, key: string, attribute: AttributeLike) =>
  attribute.type === 'password' || attribute.private === true || !!model.options?.privateAttributes?.includes(key);

/** Keys Strapi adds to every entry it returns, whatever the fields asked. */
const ENTRY_KEYS: Record<string, JsonSchema> = {
  id: { type: 'integer', description: 'Row id of this locale and version (Strapi internal: prefer documentId).' },
  documentId: { type: 'string', description: 'The document: one id shared by every locale of an entry.' },
};

/** Fields Strapi fills on every entry the public can see (it sees published versions only), though not `required`. */
const ALWAYS_SET = new Set(['createdAt', 'updatedAt', 'publishedAt', 'locale']);

function modelOrThrow(modelOf: ModelOf, uid: string): ModelLike {
  const model = modelOf(uid);
  if (!model) throw new Error(`No model ${uid}`);
  return model;
}

/**
 * An entry of `uid` as a public read returns it with this populate: its scalar fields (or the listed ones), and only
 * the relations, media and components the populate names. Every property is required (a missing one is a bug) and no
 * other is allowed, so a field the API sends but this document does not list fails the tests.
 */
export function entrySchema(modelOf: ModelOf, uid: string, populate: Populate = true, mediaRef = 'MediaFile') {
  const model = modelOrThrow(modelOf, uid);
  const properties: Record<string, JsonSchema> = uid.includes('::') ? { ...ENTRY_KEYS } : { id: ENTRY_KEYS.id };
  const fields = populate === true ? undefined : populate.fields;
  const nested: Record<string, Populate> = populate === true ? {} : (populate.populate ?? {});
  for (const [key, attribute] of Object.entries(model.attributes)) {
    if (isPrivate(model, key, attribute)) continue;
    if (['relation', 'media', 'component', 'dynamiczone'].includes(attribute.type)) {
      if (nested[key] === undefined) continue;
      properties[key] = linkedSchema(modelOf, attribute, nested[key], mediaRef);
    } else if (!fields || fields.includes(key)) {
      properties[key] = scalarSchema(ALWAYS_SET.has(key) ? { ...attribute, required: true } : attribute);
    }
  }
  return closedObject(properties);
}

/** A populated relation, media field or component. */
function linkedSchema(modelOf: ModelOf, attribute: AttributeLike, populate: Populate, mediaRef: string): JsonSchema {
  let one: JsonSchema;
  let many: boolean;
  if (attribute.type === 'media') {
    one = ref(mediaRef);
    many = attribute.multiple === true;
  } else if (attribute.type === 'component') {
    one = entrySchema(modelOf, String(attribute.component), populate, mediaRef);
    many = attribute.repeatable === true;
  } else if (attribute.type === 'relation') {
    one = entrySchema(modelOf, String(attribute.target), populate, mediaRef);
    many = /ToMany$/i.test(String(attribute.relation));
  } else {
    throw new Error(`Cannot describe a populated ${attribute.type}.`);
  }
  return many ? { type: 'array', items: one } : nullable(one);
}

/** One size of a picture in `formats` (thumbnail, small, medium, large, and their WebP copies). */
const IMAGE_FORMAT: JsonSchema = {
  type: 'object',
  required: ['url'],
  properties: {
    name: { type: 'string' },
    hash: { type: 'string' },
    ext: { type: 'string' },
    mime: { type: 'string' },
    path: { type: ['string', 'null'] },
    width: { type: 'integer' },
    height: { type: 'integer' },
    size: { type: 'number', description: 'Kilobytes.' },
    sizeInBytes: { type: 'integer' },
    url: { type: 'string', description: 'As the upload provider gives it (/uploads/… for local files).' },
  },
};

/** A file of the media library as a public read shows it (a release's cover, its SEO image). */
export function mediaFileSchema(modelOf: ModelOf): JsonSchema {
  const schema = entrySchema(modelOf, UPLOAD_FILE_UID) as { properties: Record<string, JsonSchema> };
  if (schema.properties.formats) {
    schema.properties.formats = {
      description: 'Responsive sizes by name: thumbnail, small, medium, large; small_webp… where a WebP copy pays.',
      anyOf: [{ type: 'object', additionalProperties: IMAGE_FORMAT }, { type: 'null' }],
    };
  }
  return schema;
}

/** The public shape of a press release (src/read-side/public-shape.ts) over its content type. */
export function pressReleaseSchema(modelOf: ModelOf, uid: string): JsonSchema {
  return entrySchema(modelOf, uid, {
    populate: { ...PUBLIC_RELEASE_RELATIONS, localizations: { fields: PUBLIC_LOCALIZATION_FIELDS } },
  });
}
