import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** IPTC's NewsML-G2 2.35 schema, as the shared standards folder holds it (unchanged; CC BY 4.0). */
export const NEWSML_G2_SCHEMA = path.resolve(
  __dirname,
  '..',
  '..',
  '..',
  'shared',
  'standards',
  'newsml-g2',
  'NewsML-G2_2.35-spec-All-Power.xsd',
);

/**
 * Validates a NewsML-G2 document with libxml2's xmllint (Debian's libxml2-utils) against the 2.35 schema: '' when
 * valid, else what xmllint says. A missing xmllint fails loudly rather than passing.
 */
export function newsmlSchemaErrors(xml: string): string {
  const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', NEWSML_G2_SCHEMA, '-'], {
    input: xml,
    encoding: 'utf8',
  });
  if (run.error) throw new Error(`xmllint could not run (apt-get install libxml2-utils): ${run.error.message}`);
  return run.status === 0 ? '' : run.stderr.trim();
}
