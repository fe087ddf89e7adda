/**
 * npm run create-editor -- --email EMAIL --password PASSWORD [--role editor|author]
 *   [--firstname NAME] [--lastname NAME]
 *
 * Creates an admin-panel account with the Editor role, or the Author role with `--role author` (for automation and
 * tests). An existing account with that email is left as it is.
 */
import { parseArgs } from 'node:util';
import { ensureEditorAccount } from '../src/editorial/newsroom-setup/editor-role';
import { runCli, runWithNewsroom, UsageError } from './run-with-newsroom';

const USAGE =
  'usage: npm run create-editor -- --email EMAIL --password PASSWORD [--role editor|author] ' +
  '[--firstname NAME] [--lastname NAME]';

runCli(async () => {
  let values;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        email: { type: 'string' },
        password: { type: 'string' },
        role: { type: 'string', default: 'editor' },
        firstname: { type: 'string' },
        lastname: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  if (!values.email || !/^[^@\s]+@[^@\s]+$/.test(values.email)) throw new UsageError(`--email is required.\n${USAGE}`);
  if (!values.password || values.password.length < 8)
    throw new UsageError(`--password of at least 8 characters is required.\n${USAGE}`);
  const role = values.role;
  if (role !== 'editor' && role !== 'author') throw new UsageError(`--role is editor or author.\n${USAGE}`);
  const { email, password, firstname, lastname } = values;
  const created = await runWithNewsroom((strapi) =>
    ensureEditorAccount(strapi, { email, password, firstname, lastname, role }),
  );
  console.log(created ? `Created ${role} ${email}.` : `An account ${email} already exists; left unchanged.`);
});
