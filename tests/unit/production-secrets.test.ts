import {
  assertProductionSecrets,
  REQUIRED_SECRETS,
  secretProblems,
} from '../../src/platform/operations/production-secrets';
import { readSettings } from '../../src/platform/settings/newsroom-settings';

const good = Object.fromEntries(REQUIRED_SECRETS.map((name) => [name, `${name.toLowerCase()}-5f8a1c9e2b7d4a60`]));

describe('production secrets', () => {
  it('accepts real values', () => {
    expect(secretProblems(readSettings(good))).toEqual([]);
    expect(() => assertProductionSecrets(readSettings({ ...good, NODE_ENV: 'production' }))).not.toThrow();
  });

  it('refuses missing secrets and the example values in production, saying which', () => {
    const values = readSettings({
      ...good,
      NODE_ENV: 'production',
      JWT_SECRET: '',
      APP_KEYS: 'toBeModified1,toBeModified2',
    });
    expect(() => assertProductionSecrets(values)).toThrow(/APP_KEYS still has the example value/);
    expect(() => assertProductionSecrets(values)).toThrow(/JWT_SECRET is not set/);
    expect(secretProblems(values)).toHaveLength(2);
  });

  it('does not interfere outside production', () => {
    expect(() => assertProductionSecrets(readSettings({ NODE_ENV: 'development' }))).not.toThrow();
  });
});
