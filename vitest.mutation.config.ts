import { defineConfig } from 'vitest/config'
import base from './vitest.config.js'

// `npm run mutation` (StrykerJS): the tests that exercise the mutated modules (outbox,
// schedule, scoring, router, message log, record codes, record columns, monthly rows, who goes by which name), not the whole suite, so each mutant runs in seconds.
export default defineConfig({
  test: {
    ...base.test,
    // Each mutant re-runs the tests that cover it: keeping modules loaded between runs saves
    // the ~1 s import of the bot per file.
    isolate: false,
    // MUTATION_TESTS=a,b narrows the tests for a run over one module (stryker run --mutate …).
    include: process.env.MUTATION_TESTS?.split(',') ?? [
      'test/outbox/**/*.test.ts',
      'test/schedule/**/*.test.ts',
      'test/scoring/**/*.test.ts',
      'test/router/**/*.test.ts',
      'test/services/message-log.test.ts',
      'test/services/store-once.test.ts',
      'test/services/codes.test.ts',
      'test/services/table-columns.test.ts',
      'test/services/monthly-rows.test.ts',
      'test/services/going-by.test.ts',
      'test/e2e/proposals.test.ts',
      'test/e2e/research-speech.test.ts',
      'test/commands/**/*.test.ts',
      'test/e2e/foundation.test.ts',
      'test/e2e/hardening.test.ts',
      'test/e2e/digests.test.ts',
      'test/e2e/records.test.ts',
      'test/e2e/identity.test.ts',
    ],
  },
})
