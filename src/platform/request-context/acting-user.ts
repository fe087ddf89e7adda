import type { Core } from '@strapi/strapi';

/** A person as Strapi keeps one (an admin user on ctx.state.user, a user in an answer). */
export interface PersonRecord {
  firstname?: string | null;
  lastname?: string | null;
  username?: string | null;
  email?: string | null;
}

/**
 * How every record of who did something (the audit trail, release versions, the review history) names a person:
 * their full name, else their username, else their email.
 */
export function personName(person: PersonRecord): string | null {
  const fullName = [person.firstname, person.lastname].filter((part) => typeof part === 'string' && part).join(' ');
  return fullName || person.username || person.email || null;
}

/** Who a write or an action is done for. */
export type ActingUser =
  | { kind: 'admin'; id: number; name: string; email: string; roleCodes: string[] }
  | { kind: 'api-token'; name: string }
  | { kind: 'other-request'; name: string }
  | { kind: 'system'; name: string };

interface RequestState {
  auth?: { strategy?: { name?: string }; credentials?: { name?: string } };
  user?: PersonRecord & { id: number; email: string; roles?: { code: string }[] };
}

/**
 * The acting user of the request being served, from Strapi's request context: an admin-panel user (with their
 * roles), an API token, a request of another kind, or nobody (seed, import, scripts, start-up work).
 */
export function actingUser(strapi: Core.Strapi): ActingUser {
  const state = strapi.requestContext.get()?.state as RequestState | undefined;
  const strategy = state?.auth?.strategy?.name;
  if (strategy === 'admin' && state?.user) {
    const { id, email, roles } = state.user;
    const name = personName(state.user) ?? email;
    return { kind: 'admin', id, name, email, roleCodes: (roles ?? []).map((role) => role.code) };
  }
  if (strategy === 'api-token') return { kind: 'api-token', name: `API token "${state?.auth?.credentials?.name}"` };
  if (strategy) return { kind: 'other-request', name: `${strategy} request` };
  return { kind: 'system', name: 'system' };
}
