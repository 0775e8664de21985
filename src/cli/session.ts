import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { ManualClock } from '../clock.js'
import { ConfigError, loadConfig } from '../config.js'
import { DataDirError, openDatabase } from '../db/client.js'
import { WriterTakenError, claimWriter } from '../db/writer.js'
import { log } from '../log.js'
import { MockChat, type SentMessage } from '../sim/mock-chat.js'

export interface SessionOptions {
  /** A database file to open (and migrate); a temporary one when absent. */
  dbFile?: string
  /** BOT_ADMINS of this simulated chat: remarks (备注) the operator set. */
  admins?: string
  /** People (by WeChat name) the operator already gave a remark, as `name → remark`. */
  remarks?: Record<string, string>
  start: Date
  /** Keep WeChat's pacing (the demo feels real); replay turns it off. */
  paced: boolean
  /** Which command this is, for the message a second writer gets. */
  command: 'demo' | 'replay'
  /** Each message the bot hands to the puppet, as it happens. */
  onSent?: (message: SentMessage) => void
}

/** The real bot on the mock puppet, for the demo and replay commands. */
export async function openSession(options: SessionOptions): Promise<{ chat: MockChat; clock: ManualClock; close(): Promise<void> }> {
  const tempDir = options.dbFile ? undefined : mkdtempSync(join(tmpdir(), 'cppcc-bot-'))
  const file = options.dbFile ? resolve(options.dbFile) : join(tempDir!, 'replay.db')
  // Files the bot writes (台账 exports) go beside the database, never into the real data folder.
  const env = { ...process.env, DATA_DIR: dirname(file), ...(options.admins ? { BOT_ADMINS: options.admins } : {}) }
  if (!options.paced) Object.assign(env, { OUTBOX_MIN_INTERVAL_MS: '0', OUTBOX_MAX_PER_MINUTE: '0' })
  const config = loadConfig(env)
  const db = await openDatabase(`file:${file}`)
  // The demo and replay send too (to a simulated WeChat): on a real bot's file they would take its outbox.
  const writer = await claimWriter(db, `file:${file}`, config.BOT_NAME, `npm run ${options.command}`).catch(async (error) => {
    await db.$disconnect()
    throw error
  })
  const clock = new ManualClock(options.start)
  // The simulated clock drives the schedule (replay --schedule), not the wall clock.
  const chat = await MockChat.start({ db, config, clock, log, autoSchedule: false, onSent: options.onSent, remarks: options.remarks ?? {}, restoreGroups: true })
  return {
    chat,
    clock,
    async close() {
      await chat.stop()
      await writer.release()
      await db.$disconnect()
      if (tempDir) rmSync(tempDir, { recursive: true, force: true })
    },
  }
}

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
