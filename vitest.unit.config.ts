import { defineConfig } from 'vitest/config';
import base, { UNIT_TESTS } from './vitest.config.js';

/**
 * `npm run test:unit`: the tests of UNIT_TESTS only, without compiling dist/ first. They start no process and share
 * their modules (threads, no isolation): none of them keeps state in a module.
 */
export default defineConfig({
  test: { ...base.test, include: UNIT_TESTS, globalSetup: [], pool: 'threads', isolate: false },
});
