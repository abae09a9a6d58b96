import { defineConfig } from 'vitest/config';
import base, { UNIT_TESTS } from './vitest.config.js';

/** `npm run test:unit`: the tests of UNIT_TESTS only, without compiling dist/ first. */
export default defineConfig({
  test: { ...base.test, include: UNIT_TESTS, globalSetup: [] },
});
