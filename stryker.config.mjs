// @ts-check
/**
 * `npm run mutation`: StrykerJS mutates the modules that decide what is sent, when, and how a
 * member scores, and checks that some test fails for each change. Not part of `npm test` (it
 * takes tens of minutes); the score is printed in the README.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  mutate: ['src/outbox/**/*.ts', 'src/schedule/**/*.ts', 'src/scoring/**/*.ts', 'src/router/**/*.ts', 'src/services/message-log.ts', 'src/services/store-once.ts', 'src/services/codes.ts', 'src/services/table-columns.ts', 'src/services/monthly-rows.ts', 'src/services/going-by.ts'],
  coverageAnalysis: 'perTest',
  ignoreStatic: true,
  concurrency: 2,
  timeoutMS: 30_000,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 85, break: 85 },
  tempDirName: '.stryker-tmp',
  // Runs over single modules may go side by side, each in a temp folder of its own.
  ignorePatterns: ['.stryker-tmp*', 'reports', 'data', 'dist'],
}
