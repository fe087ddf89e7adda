/**
 * On first run, creates .env from .env.example with freshly generated secrets (never the example's
 * placeholder values). An existing .env is left untouched, and none is written when the environment
 * already sets every secret.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REQUIRED_SECRETS } from '../src/platform/operations/production-secrets';

/** The secrets production requires, and the preview secret (previews are off without one). */
export const SECRET_KEYS: string[] = [...REQUIRED_SECRETS, 'PREVIEW_SECRET'];

const secret = () => randomBytes(24).toString('base64');

export function generatedSecret(key: string): string {
  return key === 'APP_KEYS' ? [secret(), secret(), secret(), secret()].join(',') : secret();
}

/** The example file with every secret line replaced by a new random value; other lines stay as written. */
export function envFromExample(example: string): string {
  return example
    .split('\n')
    .map((line) => {
      const match = /^([A-Z_]+)=/.exec(line);
      return match && SECRET_KEYS.includes(match[1]) ? `${match[1]}=${generatedSecret(match[1])}` : line;
    })
    .join('\n');
}

/** Creates .env unless it exists or the environment already provides every secret (CI, containers, tests). */
export function ensureEnvFile(root: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const envPath = path.join(root, '.env');
  if (existsSync(envPath) || SECRET_KEYS.every((key) => env[key])) return false;
  const example = readFileSync(path.join(root, '.env.example'), 'utf8');
  writeFileSync(envPath, envFromExample(example), { mode: 0o600 });
  return true;
}
