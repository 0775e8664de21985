import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { ManualClock } from '../clock.js'
import { loadConfig } from '../config.js'
import { openDatabase } from '../db/client.js'
import { claimWriter } from '../db/writer.js'
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
