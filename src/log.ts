import pino from 'pino'

/** Logs go to stderr so that CLI commands keep stdout for their JSON output. */
export const log = pino(
  { level: process.env.LOG_LEVEL ?? 'info', base: undefined },
  pino.destination({ dest: 2, sync: true }),
)

export type Logger = typeof log
