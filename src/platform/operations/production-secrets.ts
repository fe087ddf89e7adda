import { settings, type Settings } from '../settings/newsroom-settings';

/** Secrets the app signs or encrypts with; in production each must be set and not the example's value. */
export const REQUIRED_SECRETS = [
  'APP_KEYS',
  'API_TOKEN_SALT',
  'ADMIN_JWT_SECRET',
  'TRANSFER_TOKEN_SALT',
  'JWT_SECRET',
  'ENCRYPTION_KEY',
] as const;

const PLACEHOLDER = /toBeModified/i;

/** The problems with the secrets, as lines a person can act on (empty when all is well). */
export function secretProblems(values: Pick<Settings, (typeof REQUIRED_SECRETS)[number]>): string[] {
  return REQUIRED_SECRETS.flatMap((name) => {
    const setting = values[name];
    const value = Array.isArray(setting) ? setting.join(',') : setting;
    if (!value.trim()) return [`${name} is not set`];
    if (PLACEHOLDER.test(value)) return [`${name} still has the example value from .env.example`];
    return [];
  });
}

export function assertProductionSecrets(values: Settings = settings()): void {
  if (values.NODE_ENV !== 'production') return;
  const problems = secretProblems(values);
  if (problems.length > 0) {
    throw new Error(
      `Refusing to start in production: ${problems.join('; ')}. Set each to a long random value ` +
        `(e.g. \`openssl rand -base64 32\`; APP_KEYS takes several, comma-separated).`,
    );
  }
}
