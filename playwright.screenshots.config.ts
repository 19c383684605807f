import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/** `npm run screenshots`: the journeys the README and docs/ show, written to docs/images/. Not part of `npm test`. */
export default defineConfig({
  ...base,
  testMatch: '**/*.shots.ts',
  outputDir: 'test-results/screenshots',
  reporter: [['list']],
});
