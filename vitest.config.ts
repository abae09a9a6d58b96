import { defineConfig } from 'vitest/config';

/**
 * The tests that need no browser, no poppler and no compiled dist/ (`npm run test:unit`, see vitest.unit.config.ts):
 * the quick loop while editing.
 */
export const UNIT_TESTS = [
  'tests/approval/**/*.test.ts',
  'tests/core/**/*.test.ts',
  'tests/architecture/**/*.test.ts',
  'tests/check/{align-blocks,bounded-distance,editorial,editorial-other-bases,links-sheets,review,review-messages,rule-ids}.test.ts',
  'tests/load/**/*.test.ts',
  'tests/locale/**/*.test.ts',
  'tests/mdx/**/*.test.ts',
  'tests/output/write-atomically.test.ts',
  'tests/pipeline/**/*.test.ts',
  'tests/pdf/{content-stream,pdf-ua}.test.ts',
  'tests/properties/**/*.test.ts',
  'tests/render/{create-templates,render-chart,render-review,render-review-logement}.test.ts',
];

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The command-line tests run bin/communique.js, which loads dist/: compiled once here, never stale.
    globalSetup: ['tests/helpers/compile.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
