import type { Core } from '@strapi/strapi';

/** Who a content write is done for: an admin-panel user (with their roles), or something trusted without one. */
export type Actor =
  { kind: 'admin'; id: number; name: string; email: string; roleCodes: string[] } | { kind: 'trusted'; name: string };

interface RequestState {
  auth?: { strategy?: { name?: string }; credentials?: { name?: string } };
  user?: { id: number; firstname?: string; lastname?: string; email: string; roles?: { code: string }[] };
}

/**
 * The actor of the current write, from Strapi's request context. Only the admin panel's users are held to the review
 * workflow; a write with no request (seed, import, scripts, tests calling the Document Service) or through an API
 * token (only super admins make tokens) is trusted like a super admin, and named so in the stage history.
 */
export function actingAdmin(strapi: Core.Strapi): Actor {
  const state = strapi.requestContext.get()?.state as RequestState | undefined;
  const strategy = state?.auth?.strategy?.name;
  if (strategy === 'admin' && state?.user) {
    const { id, firstname, lastname, email, roles } = state.user;
    const name = [firstname, lastname].filter(Boolean).join(' ') || email;
    return { kind: 'admin', id, name, email, roleCodes: (roles ?? []).map((role) => role.code) };
  }
  if (strategy === 'api-token') return { kind: 'trusted', name: `API token "${state?.auth?.credentials?.name}"` };
  if (strategy) return { kind: 'trusted', name: `${strategy} request` };
  return { kind: 'trusted', name: 'system' };
}
