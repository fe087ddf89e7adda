/** Jest: unit tests (no database) and API tests (the real app on real PostgreSQL, one app per file). */
const path = require('node:path');

// The tests' own environment, not the developer's .env (`npm start` creates one; its RATE_LIMIT_MAX of 600, say, would
// refuse the tests' requests): Strapi reads ENV_PATH when it is loaded, and so do the scripts the tests run.
process.env.ENV_PATH = path.join(__dirname, 'tests', 'setup', 'test.env');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: '<rootDir>/tests/setup/newsroom-environment.ts',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json' }],
  },
  // Fedify's CommonJS build requires this ES module, which Jest's loader cannot require: Node's copy (the file says).
  moduleNameMapper: { '^structured-field-values$': '<rootDir>/tests/setup/structured-field-values.js' },
  globalSetup: '<rootDir>/tests/setup/global-setup.ts',
  globalTeardown: '<rootDir>/tests/setup/global-teardown.ts',
  testTimeout: 120000,
  // One test file at a time (they share one database), in a worker that is replaced once a file leaves it above
  // this much memory: each file starts its own Strapi app, and a run in one process grew past V8's 4 GB heap.
  maxWorkers: 1,
  workerIdleMemoryLimit: '1200MB',
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.tmp/', '<rootDir>/build/'],
};
