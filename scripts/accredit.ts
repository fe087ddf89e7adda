/**
 * npm run accredit -- --email EMAIL [--until YYYY-MM-DD]
 * npm run accredit -- --email EMAIL --suspend [--reason TEXT]
 * npm run accredit -- --email EMAIL --revoke --reason TEXT
 * npm run accredit -- --email EMAIL --refuse --reason TEXT
 *
 * An Editor's decision on a journalist's accreditation request, for operators and automation: the same write, checks,
 * audit entry and email to the journalist as in the admin panel (src/press-access/accreditations.ts). Accrediting
 * without --until gives a year from today.
 */
import { parseArgs } from 'node:util';
import { decideAccreditation, type DecisionCommand } from '../src/press-access/accreditations';
import { runCli, runWithNewsroom, UsageError } from './run-with-newsroom';

const USAGE =
  'usage: npm run accredit -- --email EMAIL [--until YYYY-MM-DD | --suspend | --revoke | --refuse] [--reason TEXT]';

const aYearFromToday = (): string => {
  const date = new Date();
  date.setUTCFullYear(date.getUTCFullYear() + 1);
  return date.toISOString().slice(0, 10);
};

runCli(async () => {
  let values;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        email: { type: 'string' },
        until: { type: 'string' },
        suspend: { type: 'boolean', default: false },
        revoke: { type: 'boolean', default: false },
        refuse: { type: 'boolean', default: false },
        reason: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  if (!values.email || !/^[^@\s]+@[^@\s]+$/.test(values.email)) throw new UsageError(`--email is required.\n${USAGE}`);
  const chosen = (['suspend', 'revoke', 'refuse'] as const).filter((flag) => values[flag]);
  if (chosen.length > 1) throw new UsageError(`Give one of --suspend, --revoke and --refuse.\n${USAGE}`);
  if (chosen.length === 1 && values.until) throw new UsageError(`--until goes with accrediting only.\n${USAGE}`);
  if (values.until && !/^\d{4}-\d{2}-\d{2}$/.test(values.until)) {
    throw new UsageError(`--until is a date, YYYY-MM-DD.\n${USAGE}`);
  }
  const status: DecisionCommand['status'] =
    chosen[0] === 'suspend'
      ? 'suspended'
      : chosen[0] === 'revoke'
        ? 'revoked'
        : chosen[0] === 'refuse'
          ? 'refused'
          : 'accredited';
  const command: DecisionCommand = {
    email: values.email,
    status,
    ...(status === 'accredited' ? { validUntil: values.until ?? aYearFromToday() } : {}),
    ...(values.reason ? { reason: values.reason } : {}),
    by: 'operator (npm run accredit)',
  };
  const decided = await runWithNewsroom((strapi) => decideAccreditation(strapi, command));
  const until = decided.standing === 'accredited' ? ` until ${decided.validUntil}` : '';
  console.log(`${decided.email}: ${decided.standing}${until}.`);
});
