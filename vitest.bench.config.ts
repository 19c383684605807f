import { defineConfig } from 'vitest/config';

/** `npm run bench:inject`: the injection benchmark, apart from `npm test` (it takes minutes and measures, not asserts, speed). */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/bench/**/*.bench.ts'],
    testTimeout: 30 * 60_000,
    hookTimeout: 120_000,
    reporters: ['dot'],
  },
});
