import { errors } from '@strapi/utils';
import type { Core } from '@strapi/strapi';
import type { JournalistAudience } from '../read-side/visibility';
import { accreditationOf, type Accreditation, type Journalist } from './accreditations';
import { JOURNALIST_ROLE_TYPE } from './journalist-role';

/** The user Users & Permissions puts on a request it authenticated (with its role). */
export type SignedInUser = Journalist & { role?: { type?: string } | null };

/**
 * The journalist of a request, as an audience for visibility.ts, with their accreditation. Read on every request, so
 * that a decision (a suspension, a revocation, an expiry) holds from the journalist's next request, in every app
 * instance. Anyone else signed in (no other role can reach these routes today) is refused.
 */
export async function journalistOfRequest(
  strapi: Core.Strapi,
  user: SignedInUser | undefined,
): Promise<{ journalist: Journalist; audience: JournalistAudience; accreditation: Accreditation | null }> {
  if (!user) throw new errors.UnauthorizedError('Sign in as a journalist (POST /api/auth/local).');
  if (user.role?.type !== JOURNALIST_ROLE_TYPE) throw new errors.PolicyError('This is for journalists only.');
  const accreditation = await accreditationOf(strapi, user.id);
  const audience: JournalistAudience = {
    kind: 'journalist',
    journalistId: user.id,
    outletId: accreditation?.outlet?.id ?? null,
    accreditation: accreditation ? { status: accreditation.standing, validUntil: accreditation.validUntil } : null,
  };
  return { journalist: user, audience, accreditation };
}
