import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import base, { UNIT_TESTS } from './vitest.config.js';

/** The unit tests that replace a module (vi.mock): they need a module graph of their own. */
const MOCKING = ['tests/pipeline/stream-sheets.test.ts'];

const { testTimeout, hookTimeout } = base.test ?? {};

/**
 * `npm run test:unit`: the tests of UNIT_TESTS only, without compiling dist/ first. They start no process: they run
 * on every core, in threads that share their modules (none keeps state in a module), but for those that mock one.
 */
export default defineConfig({
  test: {
    pool: 'threads',
    maxWorkers: availableParallelism(),
    projects: [
      { test: { name: 'shared', include: UNIT_TESTS, exclude: MOCKING, isolate: false, testTimeout, hookTimeout } },
      { test: { name: 'isolated', include: MOCKING, isolate: true, testTimeout, hookTimeout } },
    ],
  },
});
