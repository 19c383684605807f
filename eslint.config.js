import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig([
  globalIgnores(['out/', 'dist/', 'node_modules/', 'test-results/', 'playwright-report/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs,ts,mts,cts,tsx}'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // The TypeScript rule understands types and also covers plain JS; the core rule would report twice.
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
        },
      ],
    },
  },
  {
    files: ['main/**', 'preload/**', 'test/**', 'scripts/**', '*.{js,mjs,cjs,ts}'],
    languageOptions: { globals: globals.node },
  },
  {
    // Callbacks given to page.evaluate run in the browser.
    files: ['renderer/**', 'test/e2e/**', 'test/renderer/**'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['shared/**'],
    languageOptions: { globals: globals['shared-node-browser'] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    // App code logs through the logger, which keeps secrets out and levels consistent; the
    // logger's own sink is the one place that disables this rule inline.
    files: ['main/**', 'preload/**', 'renderer/**', 'shared/**'],
    rules: { 'no-console': 'error' },
  },
]);
