// ESLint (typescript-eslint's recommended rules) for every script of the project; Prettier formats (npm run format).
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'build/',
      '.tmp/',
      '.strapi/',
      'public/uploads/',
      'bench/results/',
      'types/generated/',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Every line within 120 columns, comments and literals included (Prettier wraps code; a long string, template
      // or regex is split into concatenated pieces, SQL and GraphQL text is wrapped between tokens).
      'max-len': ['error', { code: 120 }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Configuration is read and checked in one place (src/platform/settings/newsroom-settings.ts).
    files: ['src/**/*.ts', 'config/**/*.ts'],
    ignores: ['src/platform/settings/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration through settings() (src/platform/settings).',
        },
      ],
    },
  },
  {
    // The layout's direction: the app (src/, config/) imports nothing from the tools around it; the commands in
    // scripts/ use the app; bench/ and tests/ use both, never each other.
    files: ['src/**/*.ts', 'config/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/scripts/*', '**/bench/*', '**/tests/*'] }] },
  },
  {
    files: ['scripts/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/bench/*', '**/tests/*'] }] },
  },
  {
    files: ['bench/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/tests/*'] }] },
  },
  {
    files: ['tests/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/bench/*'] }] },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['public/reader/**/*.js'],
    languageOptions: { sourceType: 'module', globals: { ...globals.browser } },
  },
);
