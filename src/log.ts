import pino from 'pino'

/** A level pino knows, else `fallback`: a bad LOG_LEVEL is reported by the config check, in Chinese, not by a pino stack. */
export function logLevel(value: string | undefined, fallback: string): string {
  return value !== undefined && value in pino.levels.values ? value : value === 'silent' ? 'silent' : fallback
}

/** Logs go to stderr so that CLI commands keep stdout for their JSON output. */
export const log = pino(
  { level: logLevel(process.env.LOG_LEVEL, 'info'), base: undefined },
  pino.destination({ dest: 2, sync: true }),
)

export type Logger = typeof log
