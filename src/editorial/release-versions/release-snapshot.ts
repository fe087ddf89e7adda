import { isDeepStrictEqual } from 'node:util';
import type { Core } from '@strapi/strapi';
import { contentTypes } from '@strapi/utils';
import { SYSTEM_FIELDS } from '../newsroom-setup/editor-role';

/**
 * A version's content: the fields of one row of a release as the editor set them, relations as document ids and
 * media as file ids, so that it can be shown beside another version and written back through the document service.
 * Built from the content type's attributes, so a field added later is kept too.
 */
export type ReleaseSnapshot = Record<string, unknown>;

interface Attribute {
  type: string;
  relation?: string;
  target?: string;
  multiple?: boolean;
  repeatable?: boolean;
  component?: string;
}
type Attributes = Record<string, Attribute>;

/**
 * Not content: what Strapi keeps for itself on every row, the review stage (where the content is, not what it says)
 * and the date the server gives a correction. Never compared, never restored; the review workflow's fingerprint of
 * what was approved reads a release through this module too.
 */
const NOT_CONTENT = new Set([...SYSTEM_FIELDS, 'reviewStage', 'correctedAt']);

const attributesOf = (strapi: Core.Strapi, uid: string): Attributes =>
  (strapi.getModel as (uid: string) => { attributes: Attributes })(uid).attributes;

const contentAttributes = (strapi: Core.Strapi, uid: string): [string, Attribute][] =>
  Object.entries(attributesOf(strapi, uid)).filter(
    ([name, attribute]) => !NOT_CONTENT.has(name) && !attribute.target?.startsWith('admin::'),
  );

const isToMany = (attribute: Attribute): boolean =>
  attribute.type === 'media' ? Boolean(attribute.multiple) : /ToMany$/.test(attribute.relation ?? '');

/** The query-engine populate that reads a row's content with relations and media as ids. */
export function snapshotPopulate(strapi: Core.Strapi, uid: string): Record<string, unknown> {
  const populate: Record<string, unknown> = {};
  for (const [name, attribute] of contentAttributes(strapi, uid)) {
    if (attribute.type === 'relation') populate[name] = { select: ['id', 'documentId'] };
    else if (attribute.type === 'media') populate[name] = { select: ['id'] };
    else if (attribute.type === 'component' && attribute.component)
      populate[name] = { populate: snapshotPopulate(strapi, attribute.component) };
  }
  return populate;
}

const idOf = (value: unknown, key: 'id' | 'documentId'): unknown =>
  (value as Record<string, unknown> | null | undefined)?.[key] ?? null;

/** The content of a row read with `snapshotPopulate`. */
export function snapshotOf(strapi: Core.Strapi, uid: string, row: Record<string, unknown>): ReleaseSnapshot {
  const snapshot: ReleaseSnapshot = {};
  for (const [name, attribute] of contentAttributes(strapi, uid)) {
    const value = row[name];
    if (attribute.type === 'relation' || attribute.type === 'media') {
      const key = attribute.type === 'media' ? 'id' : 'documentId';
      snapshot[name] = isToMany(attribute)
        ? ((value as unknown[] | null) ?? []).map((item) => idOf(item, key))
        : idOf(value, key);
    } else if (attribute.type === 'component' && attribute.component) {
      const component = attribute.component;
      const one = (item: unknown) => (item ? snapshotOf(strapi, component, item as Record<string, unknown>) : null);
      snapshot[name] = attribute.repeatable ? ((value as unknown[] | null) ?? []).map(one) : one(value);
    } else {
      snapshot[name] = value instanceof Date ? value.toISOString() : (value ?? null);
    }
  }
  return snapshot;
}

/**
 * A snapshot as document-service input for the same content type: relations set to exactly the kept documents,
 * fields the content type no longer has left out.
 */
export function snapshotAsInput(strapi: Core.Strapi, uid: string, snapshot: ReleaseSnapshot): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const model = strapi.getModel(uid as never);
  for (const [name, attribute] of contentAttributes(strapi, uid)) {
    // What the server sets (a correction's date) is the server's to set again.
    if (!(name in snapshot) || !contentTypes.isWritableAttribute(model as never, name)) continue;
    const value = snapshot[name];
    if (attribute.type === 'relation') {
      input[name] = isToMany(attribute)
        ? { set: ((value as string[] | null) ?? []).map((documentId) => ({ documentId })) }
        : value
          ? { set: [{ documentId: value }] }
          : { set: [] };
    } else if (attribute.type === 'component' && attribute.component) {
      const component = attribute.component;
      const one = (item: unknown) => (item ? snapshotAsInput(strapi, component, item as ReleaseSnapshot) : null);
      input[name] = attribute.repeatable ? ((value as unknown[] | null) ?? []).map(one) : one(value);
    } else {
      input[name] = value;
    }
  }
  return input;
}

/** The fields a snapshot holds, in the content type's order (the edit view's). */
export const snapshotFields = (strapi: Core.Strapi, uid: string): string[] =>
  contentAttributes(strapi, uid).map(([name]) => name);

/** The fields whose content differs between two snapshots, in the content type's order. */
export function changedFields(strapi: Core.Strapi, uid: string, a: ReleaseSnapshot, b: ReleaseSnapshot): string[] {
  return snapshotFields(strapi, uid).filter((name) => !isDeepStrictEqual(a[name] ?? null, b[name] ?? null));
}
