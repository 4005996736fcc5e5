import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The PostgreSQL suites need a database; without one, say so once rather than pass them silently.
if (!process.env.ITKONTAKT_TEST_DATABASE_URL) {
  console.log('PostgreSQL suites not run: set ITKONTAKT_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test (a database you may write to) to run them, as .ci/run does.');
}

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/support/loopback-guard.ts', 'test/support/cleanup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Tests start real servers on loopback; two workers keep a 2-core machine responsive.
    maxWorkers: 2,
  },
});
