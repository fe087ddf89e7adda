import type { Core } from '@strapi/strapi';
import { EMBARGO_AGREEMENT } from '../../src/press-access/embargo-agreement';
import { JOURNALIST_ROLE_TYPE } from '../../src/press-access/journalist-role';
import { api } from './newsroom-app';

export const JOURNALIST_PASSWORD = 'Journalist-Passw0rd';

export interface TestJournalist {
  id: number;
  email: string;
  jwt: string;
}

/**
 * A confirmed Journalist account (as after the emailed link) and a JWT for it, issued as a sign-in issues one
 * (Users & Permissions' jwt service): sign-ins are rate-limited, five a minute from one address, and the tests that
 * sign in through the API count theirs.
 */
export async function signedInJournalist(app: Core.Strapi, name: string): Promise<TestJournalist> {
  const role = (await app.db
    .query('plugin::users-permissions.role')
    .findOne({ where: { type: JOURNALIST_ROLE_TYPE } })) as { id: number };
  const email = `${name}@press.example`;
  const user = (await app.plugin('users-permissions').service('user').add({
    username: name,
    email,
    password: JOURNALIST_PASSWORD,
    provider: 'local',
    confirmed: true,
    blocked: false,
    role: role.id,
  })) as { id: number };
  const jwt = (await app.plugin('users-permissions').service('jwt').issue({ id: user.id })) as string;
  return { id: user.id, email, jwt };
}

/** An accreditation request's body, with what a test changes. */
export const accreditationRequest = (outlet: string, changes: Record<string, unknown> = {}) => ({
  data: {
    outlet,
    position: 'Correspondent',
    country: 'ke',
    languages: ['en', 'ru'],
    timeZone: 'Africa/Nairobi',
    agreementVersion: EMBARGO_AGREEMENT.version,
    acceptAgreement: true,
    ...changes,
  },
});

/** Asks for accreditation as the journalist; the answer. */
export function askForAccreditation(app: Core.Strapi, journalist: TestJournalist, body: object) {
  return api(app).post('/api/press/accreditation').set('Authorization', `Bearer ${journalist.jwt}`).send(body);
}
