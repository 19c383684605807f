import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/e2e/**', '**/node_modules/**'],
    // Keychain calls go through D-Bus to gnome-keyring and local registries/API servers start per
    // file; on a loaded CI machine these take seconds, not milliseconds, and a server's start
    // (openssl, a Go binary) can take a minute. A failing test is never retried.
    testTimeout: 60_000,
    hookTimeout: 180_000,
    retry: 0,
    // expect.poll gives up after 1 s by default, less than a loaded machine's file watcher or child process needs.
    expect: { poll: { timeout: 30_000 } },
    reporters: ['default', 'json'],
    // electron-store imports electron; processed by Vite (not loaded by Node directly) it sees the
    // shell tests' stand-in for electron instead of the real package, which throws without its binary.
    server: { deps: { inline: ['electron-store'] } },
    outputFile: { json: 'test-results/vitest.json' },
  },
});
