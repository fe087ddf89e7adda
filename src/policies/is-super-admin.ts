/** Admin routes only super admins may use (the audit trail): anyone else gets a 403, whatever their roles permit. */
const SUPER_ADMIN = 'strapi-super-admin';

export default (policyContext: { state: { user?: { roles?: { code?: string }[] } } }): boolean =>
  Boolean(policyContext.state.user?.roles?.some((role) => role.code === SUPER_ADMIN));
