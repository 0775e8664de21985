// What every command-line entry point shares: arguments, the database it reads, exit codes.
// Kept apart from session.ts, which loads the simulated WeChat: operator commands in the image
// (status for the health check, admin, stats, export) must start without it.
import { existsSync } from 'node:fs'
import { ConfigError } from '../config.js'
import { DataDirError } from '../db/client.js'
import { WriterTakenError } from '../db/writer.js'
import { log } from '../log.js'

/** A command-line mistake: one Chinese line on stderr, exit code 2. */
export class UsageError extends Error {}

/**
 * The database a reading command opens: `--db` must name a file that exists (a typo must not
 * create an empty database and print zeros); without it, the configured one, which for SQLite
 * must exist too.
 */
export function existingDatabase(dbFlag: string | undefined, configured: string): string {
  const file = dbFlag ?? (configured.startsWith('file:') ? configured.slice('file:'.length) : undefined)
  if (file !== undefined && !existsSync(file)) {
    throw new UsageError(`找不到数据库文件：${file}${dbFlag ? '（--db 只打开已有的数据库，请检查路径）' : '（DATABASE_URL 或 DATA_DIR 指向的数据库还不存在：机器人第一次启动时才会创建）'}`)
  }
  return dbFlag ? `file:${dbFlag}` : configured
}

/** `--db x.db` style flags, the rest positional. */
export function splitArgs(argv: string[]): { flags: Map<string, string | true>; positional: string[] } {
  const flags = new Map<string, string | true>()
  const positional: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (!arg.startsWith('--')) {
      positional.push(arg)
      continue
    }
    const next = argv[i + 1]
    if (next !== undefined && !next.startsWith('--')) {
      flags.set(arg.slice(2), next)
      i++
    } else {
      flags.set(arg.slice(2), true)
    }
  }
  return { flags, positional }
}

/** Runs a command-line entry point: exits with its code (0 when it returns none), or logs the error and exits 1. */
export function runCommand(name: string, main: () => Promise<number | void>): void {
  main().then(
    (code) => exitWhenFlushed(code ?? 0),
    (error) => {
      if (error instanceof UsageError || error instanceof ConfigError || error instanceof DataDirError || error instanceof WriterTakenError) {
        process.stderr.write(`${error.message}\n`)
        exitWhenFlushed(2)
        return
      }
      log.fatal({ err: error }, `${name} failed`)
      exitWhenFlushed(1)
    },
  )
}

/**
 * Writes to a pipe are asynchronous on POSIX: exiting at once could cut off the end of what
 * was printed (`npm run replay … | jq`, say). An empty write calls back after all earlier ones.
 */
function exitWhenFlushed(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)))
}
