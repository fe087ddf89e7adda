import type { Core } from '@strapi/strapi';
import { ensureEditorAccount, type NewsroomRole } from '../../src/editorial/newsroom-setup/editor-role';
import { api } from './newsroom-app';

const PASSWORD = 'Editor-Passw0rd';

async function logIn(app: Core.Strapi, email: string): Promise<string> {
  const login = await api(app).post('/admin/login').send({ email, password: PASSWORD });
  if (login.status !== 200)
    throw new Error(`Log-in of ${email} failed with ${login.status}: ${JSON.stringify(login.body)}`);
  return login.body.data.token as string;
}

/** An Editor (or Author) account for this test file, logged in once: its admin JWT (log-ins are rate-limited). */
export async function editorToken(app: Core.Strapi, email: string, role: NewsroomRole = 'editor'): Promise<string> {
  await ensureEditorAccount(app, { email, password: PASSWORD, firstname: 'Test', role });
  return logIn(app, email);
}

/** A super admin account for this test file, logged in once. */
export async function superAdminToken(app: Core.Strapi, email: string): Promise<string> {
  const users = app.service('admin::user');
  if (!(await users.exists({ email }))) {
    const superAdmin = (await app.service('admin::role').getSuperAdmin()) as { id: number };
    await users.create({
      email,
      password: PASSWORD,
      firstname: 'Test',
      lastname: 'Admin',
      isActive: true,
      registrationToken: null,
      roles: [superAdmin.id],
    });
  }
  return logIn(app, email);
}

/** An admin of a role of its own that is given only these actions (no subject, no conditions), logged in once. */
export async function tokenWithOnly(app: Core.Strapi, email: string, actions: string[]): Promise<string> {
  const users = app.service('admin::user');
  if (!(await users.exists({ email }))) {
    const roles = app.service('admin::role');
    const role = (await roles.create({ name: `Only ${email}`, description: actions.join(', ') })) as { id: number };
    await roles.assignPermissions(
      role.id,
      actions.map((action) => ({ action, subject: null, properties: {}, conditions: [] })),
    );
    await users.create({
      email,
      password: PASSWORD,
      firstname: 'Test',
      isActive: true,
      registrationToken: null,
      roles: [role.id],
    });
  }
  return logIn(app, email);
}
