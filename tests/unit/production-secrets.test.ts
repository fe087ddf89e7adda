import { assertProductionSecrets, REQUIRED_SECRETS, secretProblems } from '../../src/operations/production-secrets';

const good = Object.fromEntries(REQUIRED_SECRETS.map((name) => [name, `${name.toLowerCase()}-5f8a1c9e2b7d4a60`]));

describe('production secrets', () => {
  it('accepts real values', () => {
    expect(secretProblems(good)).toEqual([]);
    expect(() => assertProductionSecrets({ ...good, NODE_ENV: 'production' })).not.toThrow();
  });

  it('refuses missing secrets and the example values in production, saying which', () => {
    const env = { ...good, NODE_ENV: 'production', JWT_SECRET: '', APP_KEYS: 'toBeModified1,toBeModified2' };
    expect(() => assertProductionSecrets(env)).toThrow(/APP_KEYS still has the example value/);
    expect(() => assertProductionSecrets(env)).toThrow(/JWT_SECRET is not set/);
    expect(secretProblems(env)).toHaveLength(2);
  });

  it('does not interfere outside production', () => {
    expect(() => assertProductionSecrets({ NODE_ENV: 'development' })).not.toThrow();
  });
});
