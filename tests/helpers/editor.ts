import type { Core } from '@strapi/strapi';
import { ensureEditorAccount } from '../../src/newsroom-setup/editor-role';
import { api } from './newsroom-app';

const PASSWORD = 'Editor-Passw0rd';

/** An Editor account for this test file, logged in once: its admin JWT (log-ins are rate-limited per email). */
export async function editorToken(app: Core.Strapi, email: string): Promise<string> {
  await ensureEditorAccount(app, { email, password: PASSWORD, firstname: 'Test' });
  const login = await api(app).post('/admin/login').send({ email, password: PASSWORD });
  if (login.status !== 200) throw new Error(`Editor log-in failed with ${login.status}: ${JSON.stringify(login.body)}`);
  return login.body.data.token as string;
}
