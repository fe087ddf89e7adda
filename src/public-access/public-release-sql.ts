import type { Core } from '@strapi/strapi';
import { contentTypes } from '@strapi/utils';
import { notEmbargoedSql } from '../embargo/embargo-filter';
import { responseCacheFor } from '../http-cache/response-cache-registry';
import { PRESS_RELEASE_UID } from '../newsroom-setup/content-type-uids';
import { PRESS_RELEASE_PUBLIC_POPULATE } from './press-release-public-query';

/**
 * The public read path's hot paths: `GET /api/press-releases?locale=xx[&pagination[page]=n][&pagination[pageSize]=m]`,
 * `GET /api/press-releases/slug/:slug?locale=xx` and `GET /api/press-releases/:documentId?locale=xx[&fallbackLocale=…]`, each answered by one SQL statement that builds the
 * answer as JSON inside PostgreSQL (releases, their source, topics, entities, cover, SEO component with its
 * image, published localizations, and the list's total), the way the bench's L1 anchor does. Everything
 * else (filters, sorts, fields, other pagination, v4 format) goes through Strapi's controller. The JSON is built from Strapi's own metadata with the same rules as the
 * lean public output sanitiser (no private or password fields), and a test proves both paths answer alike.
 */

export interface PlainListRequest {
  locale: string;
  page: number;
  pageSize: number;
}

const POSITIVE_INTEGER = /^[1-9][0-9]{0,8}$/;

/** The plain list request in `clientQuery`, or undefined when the query asks for anything more. */
export function plainListRequest(clientQuery: Record<string, unknown>, defaults: { locale: string; pageSize: number; maxPageSize: number }): PlainListRequest | undefined {
  let page = 1;
  let pageSize = defaults.pageSize;
  let locale = defaults.locale;
  for (const [key, value] of Object.entries(clientQuery)) {
    if (key === 'locale' && typeof value === 'string') locale = value;
    else if (key === 'pagination' && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [part, number] of Object.entries(value)) {
        if (typeof number !== 'string' || !POSITIVE_INTEGER.test(number)) return undefined;
        if (part === 'page') page = Number(number);
        else if (part === 'pageSize') pageSize = Number(number);
        else return undefined;
      }
    } else return undefined;
  }
  if (pageSize > defaults.maxPageSize) return undefined;
  return { locale, page, pageSize };
}

interface AttributeMeta {
  type: string;
  columnName?: string;
  private?: boolean;
  joinTable?: JoinTableMeta;
  joinColumn?: { name: string; referencedColumn: string };
  target?: string;
  relation?: string;
}

interface JoinTableMeta {
  name: string;
  joinColumn: { name: string; referencedColumn: string };
  inverseJoinColumn: { name: string; referencedColumn: string };
  orderColumnName?: string;
  morphColumn?: { typeColumn: { name: string }; idColumn: { name: string } };
  on?: Record<string, string>;
}

interface ModelMeta {
  tableName: string;
  attributes: Record<string, AttributeMeta>;
}

type Populate = { fields?: readonly string[]; populate?: Record<string, unknown> } | true;

// PostgreSQL hands the JSON over as UTF-8 bytes (bytea), and the response is those bytes with a frame
// around them: decoding 100 KB of mostly Cyrillic UTF-8 into a JavaScript string and encoding it back for
// the socket was about 0.6 ms of the app's CPU per page (--cpu-prof); uncached list +12 % req/s.
const DATA_OPEN = Buffer.from('{"data":');
const EMPTY_META_CLOSE = Buffer.from(',"meta":{}}');

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

function scalarExpression(alias: string, attribute: AttributeMeta, column: string): string {
  const ref = `${alias}.${ident(column)}`;
  switch (attribute.type) {
    case 'datetime':
    case 'timestamp':
      return `to_char(${ref} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    case 'date':
      return `to_char(${ref}, 'YYYY-MM-DD')`;
    case 'biginteger':
      return `${ref}::text`;
    case 'decimal':
    case 'float':
      return `${ref}::float8`;
    default:
      return ref;
  }
}

/** Builds the hot paths' SQL (rows rendered as JSON with the fixed populate below them) once, from the metadata. */
export function createPublicReleaseSql(strapi: Core.Strapi) {
  const metadata = (strapi.db as unknown as { metadata: { get(uid: string): ModelMeta } }).metadata;
  const schemaOf = (uid: string) => strapi.getModel(uid as Parameters<Core.Strapi['getModel']>[0]);
  let aliasCount = 0;
  const nextAlias = () => `t${(aliasCount += 1)}`;

  /** json_build_object(...) for a row of `uid` aliased `alias`, picking `fields` (all public scalars if absent). */
  const objectSql = (uid: string, alias: string, populate: Populate): string => {
    const meta = metadata.get(uid);
    const schema = schemaOf(uid);
    const fields = populate === true || !populate.fields ? undefined : new Set(['id', 'documentId', ...populate.fields]);
    const pairs: string[] = [];
    // Strapi always returns id, and documentId for content types.
    for (const [key, attribute] of Object.entries({ id: { type: 'increments', columnName: 'id' }, ...meta.attributes } as Record<string, AttributeMeta>)) {
      // The sanitiser's rule, including the global api.responses.privateAttributes.
      const isPrivate = attribute.private === true || attribute.type === 'password' || contentTypes.isPrivateAttribute(schema, key);
      if (isPrivate || attribute.type === 'relation') continue; // in the metadata, media and components are relations too
      if (!attribute.columnName && key !== 'id') continue;
      if (fields && !fields.has(key)) continue;
      pairs.push(`${literal(key)}, ${scalarExpression(alias, attribute, attribute.columnName ?? key)}`);
    }
    const nested = populate === true ? {} : ((populate.populate ?? {}) as Record<string, Populate>);
    for (const [key, childPopulate] of Object.entries(nested)) {
      pairs.push(`${literal(key)}, ${nestedSql(uid, alias, key, childPopulate)}`);
    }
    return `json_build_object(${pairs.join(', ')})`;
  };

  const nestedSql = (uid: string, alias: string, key: string, populate: Populate): string => {
    const meta = metadata.get(uid);
    const attribute = meta.attributes[key];
    const schemaType = schemaOf(uid).attributes[key]?.type;
    const child = nextAlias();
    const link = nextAlias();
    if (schemaType === 'media') {
      // Media links live in the file's polymorphic join table (files_related_mph): file, owner id and type, field, order.
      const file = metadata.get('plugin::upload.file');
      const jt = file.attributes.related.joinTable as JoinTableMeta;
      const morph = jt.morphColumn as NonNullable<JoinTableMeta['morphColumn']>;
      return `(SELECT ${objectSql('plugin::upload.file', child, populate)} FROM ${ident(jt.name)} ${link} JOIN ${ident(file.tableName)} ${child} ON ${child}.id = ${link}.${ident(jt.joinColumn.name)}
        WHERE ${link}.${ident(morph.idColumn.name)} = ${alias}.id AND ${link}.${ident(morph.typeColumn.name)} = ${literal(uid)} AND ${link}.field = ${literal(key)}
        ORDER BY ${link}.${ident('order')} LIMIT 1)`;
    }
    if (schemaType === 'component') {
      const jt = attribute.joinTable as JoinTableMeta;
      const componentUid = String(attribute.target);
      const componentTable = metadata.get(componentUid).tableName;
      const on = Object.entries(jt.on ?? {}).map(([column, value]) => ` AND ${link}.${ident(column)} = ${literal(value)}`).join('');
      return `(SELECT ${objectSql(componentUid, child, populate)} FROM ${ident(jt.name)} ${link} JOIN ${ident(componentTable)} ${child} ON ${child}.id = ${link}.${ident(jt.inverseJoinColumn.name)}
        WHERE ${link}.${ident(jt.joinColumn.name)} = ${alias}.id${on} ORDER BY ${link}.${ident(jt.orderColumnName ?? 'order')} LIMIT 1)`;
    }
    if (attribute.type === 'relation' && attribute.joinColumn && attribute.target === uid) {
      // i18n's localizations: the other published locale rows of the same document, none under embargo.
      const column = ident(attribute.joinColumn.name);
      const notEmbargoed = meta.attributes.embargoUntil ? ` AND ${notEmbargoedSql(child)}` : '';
      return `(SELECT coalesce(json_agg(${objectSql(uid, child, populate)} ORDER BY ${child}.id), '[]'::json) FROM ${ident(meta.tableName)} ${child}
        WHERE ${child}.${column} = ${alias}.${column} AND ${child}.id <> ${alias}.id AND ${child}.published_at IS NOT NULL${notEmbargoed})`;
    }
    if (attribute.type === 'relation' && attribute.joinTable && attribute.target) {
      const jt = attribute.joinTable;
      const target = metadata.get(attribute.target);
      const many = String(attribute.relation).endsWith('ToMany');
      const from = `FROM ${ident(jt.name)} ${link} JOIN ${ident(target.tableName)} ${child} ON ${child}.id = ${link}.${ident(jt.inverseJoinColumn.name)}
        WHERE ${link}.${ident(jt.joinColumn.name)} = ${alias}.id`;
      const order = jt.orderColumnName ? `${link}.${ident(jt.orderColumnName)}, ${link}.id` : `${link}.id`;
      return many
        ? `(SELECT coalesce(json_agg(${objectSql(attribute.target, child, populate)} ORDER BY ${order}), '[]'::json) ${from})`
        : `(SELECT ${objectSql(attribute.target, child, populate)} ${from} ORDER BY ${order} LIMIT 1)`;
    }
    throw new Error(`The public list SQL cannot populate ${uid}.${key} (${attribute.type}).`);
  };

  const table = ident(metadata.get(PRESS_RELEASE_UID).tableName);
  const visible = `r.locale = :locale AND r.published_at IS NOT NULL AND ${notEmbargoedSql('r')}`;
  const releaseObject = objectSql(PRESS_RELEASE_UID, 'r', { populate: PRESS_RELEASE_PUBLIC_POPULATE as Record<string, unknown> });
  const pageSql = (withTotal: boolean) => `
    WITH page AS (
      SELECT r.* FROM ${table} r WHERE ${visible}
      ORDER BY r.published_at DESC, r.id DESC LIMIT :limit OFFSET :offset
    )
    SELECT ${withTotal ? `(SELECT count(*) FROM ${table} r WHERE ${visible})::int AS total,
           (SELECT extract(epoch FROM min(r.embargo_until)) * 1000 FROM ${table} r
             WHERE r.published_at IS NOT NULL AND r.embargo_until > :now)::float8 AS next_embargo_end,` : ''}
           convert_to((SELECT coalesce(json_agg(${releaseObject} ORDER BY r.published_at DESC, r.id DESC), '[]'::json) FROM page r)::text, 'UTF8') AS data`;
  const listSql = pageSql(true);
  const listSqlKnownTotal = pageSql(false);
  const totals = new VisibleTotals(() => responseCacheFor(strapi).generation);
  /**
   * Runs a statement as a named prepared statement (pg's `name`, which knex passes through): PostgreSQL
   * plans these statements' dozen subqueries once per connection instead of on every request, which was
   * as long as running them (about 3 ms each at 100,000 releases, EXPLAIN ANALYZE).
   */
  const prepared = (name: string, sql: string, bindings: Record<string, unknown>) =>
    strapi.db.connection.raw(sql, bindings as never).options({ name });
  const oneSql = (column: string, parameter: string) => `
    SELECT convert_to(${releaseObject}::text, 'UTF8') AS data FROM ${table} r WHERE ${visible} AND r.${column} = :${parameter}
    ORDER BY r.published_at DESC, r.id DESC LIMIT 1`;
  const slugSql = oneSql('slug', 'slug');
  const documentSql = oneSql('document_id', 'documentId');

  return {
    /** The response body of one plain list request, as JSON text. */
    async listPage(request: PlainListRequest): Promise<Buffer> {
      const known = totals.get(request.locale);
      const generation = totals.generation();
      const result = await prepared(known === undefined ? 'newsroom_release_list_total' : 'newsroom_release_list', known === undefined ? listSql : listSqlKnownTotal, {
        locale: request.locale,
        now: new Date(),
        limit: request.pageSize,
        offset: (request.page - 1) * request.pageSize,
      });
      const row = (result as { rows: { total?: number; next_embargo_end?: number | null; data: Buffer }[] }).rows[0];
      const total = known ?? Number(row.total);
      if (known === undefined) totals.set(request.locale, total, row.next_embargo_end ?? null, generation);
      const pagination = { page: request.page, pageSize: request.pageSize, pageCount: Math.ceil(total / request.pageSize), total };
      return Buffer.concat([DATA_OPEN, row.data, Buffer.from(`,"meta":${JSON.stringify({ pagination })}}`)]);
    },

    /** The response body for the published release with this slug in this locale, or undefined when there is none. */
    async bySlug(locale: string, slug: string): Promise<Buffer | undefined> {
      const result = await prepared('newsroom_release_slug', slugSql, { locale, slug, now: new Date() });
      const row = (result as { rows: { data: Buffer }[] }).rows[0];
      return row ? Buffer.concat([DATA_OPEN, row.data, EMPTY_META_CLOSE]) : undefined;
    },

    /** The response body for the published release of this document in this locale (`meta` as given), or undefined. */
    async byDocumentId(locale: string, documentId: string, meta: Record<string, unknown> = {}): Promise<Buffer | undefined> {
      const result = await prepared('newsroom_release_document', documentSql, { locale, documentId, now: new Date() });
      const row = (result as { rows: { data: Buffer }[] }).rows[0];
      return row ? Buffer.concat([DATA_OPEN, row.data, Buffer.from(`,"meta":${JSON.stringify(meta)}}`)]) : undefined;
    },
  };
}

/**
 * The number of visible releases per locale (the list's `meta.pagination.total`), kept between requests:
 * counting 100,000 rows of a locale was most of an uncached page's time. A total is forgotten when the
 * content changes (the response cache's generation moves on every write, on every instance when it is
 * shared through Redis), when the next embargo ends, and after at most a second in any case.
 */
export class VisibleTotals {
  private readonly totals = new Map<string, { total: number; validUntil: number; generation: number }>();

  constructor(
    readonly generation: () => number | undefined,
    private readonly maxAgeMs = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  get(locale: string): number | undefined {
    const entry = this.totals.get(locale);
    if (!entry) return undefined;
    if (entry.generation !== this.generation() || entry.validUntil <= this.now()) {
      this.totals.delete(locale);
      return undefined;
    }
    return entry.total;
  }

  /** Keeps a total counted while the content was at `generation` (read before the count began). */
  set(locale: string, total: number, nextEmbargoEnd: number | null, generation: number | undefined): void {
    if (generation === undefined || generation !== this.generation()) return;
    const horizon = this.now() + this.maxAgeMs;
    this.totals.set(locale, { total, generation, validUntil: nextEmbargoEnd === null ? horizon : Math.min(horizon, nextEmbargoEnd) });
  }
}
