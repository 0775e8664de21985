import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { afterEach } from 'vitest'
import { loadConfig, type Config } from '../src/config.js'
import { ManualClock } from '../src/clock.js'
import { openDatabase, type Db } from '../src/db/client.js'
import { log } from '../src/log.js'
import { MockChat, type SentMessage } from '../src/sim/mock-chat.js'
import type { AppOptions } from '../src/app.js'

/** A fresh, migrated database file for one test. */
export async function freshDb(existingFile?: string): Promise<{ db: Db; file: string }> {
  const file = existingFile ?? join(process.env.TEST_TMP_DIR!, `${randomUUID()}.db`)
  if (!existingFile) copyFileSync(process.env.TEST_TEMPLATE_DB!, file)
  return { db: await openDatabase(`file:${file}`), file }
}

export function testConfig(env: Record<string, string> = {}): Config {
  // A data folder per chat: exports of one test never meet another's, nor the project's ./data.
  const DATA_DIR = join(process.env.TEST_TMP_DIR!, `data-${randomUUID()}`)
  return loadConfig({ BOT_ADMINS: '管理员', OUTBOX_MIN_INTERVAL_MS: '0', OUTBOX_MAX_PER_MINUTE: '0', SENDER_MAX_PER_MINUTE: '0', DATA_DIR, ...env })
}

const running: MockChat[] = []
afterEach(async () => {
  for (const chat of running.splice(0)) {
    await chat.stop()
    await chat.app.services.db.$disconnect()
  }
})

/** The real bot over the mock puppet on a fresh database, stopped after the test. */
export async function startChat(
  options: { env?: Record<string, string>; start?: string; dbFile?: string; db?: Db } & Partial<
    Pick<AppOptions, 'commands' | 'outbox' | 'autoSchedule' | 'alert'>
  > = {},
): Promise<MockChat> {
  const db = options.db ?? (await freshDb(options.dbFile)).db
  const clock = new ManualClock(new Date(options.start ?? '2022-09-21T10:00:00+08:00'))
  const chat = await MockChat.start({
    db,
    config: testConfig(options.env),
    clock,
    log,
    autoSchedule: options.autoSchedule ?? false,
    // The operator gave the test admin the remark BOT_ADMINS lists: a name alone is no admin.
    remarks: { 管理员: '管理员' },
    ...(options.commands ? { commands: options.commands } : {}),
    ...(options.outbox ? { outbox: options.outbox } : {}),
    ...(options.alert ? { alert: options.alert } : {}),
  })
  running.push(chat)
  return chat
}

export const GROUP = '平湖健康家园委员群'

/** A chat whose group is already bound by the admin. */
export async function boundChat(options: Parameters<typeof startChat>[0] = {}): Promise<MockChat> {
  const chat = await startChat(options)
  await chat.say({ room: GROUP, from: '管理员', text: '#绑定 平湖健康家园政协委员会客厅 会客厅' })
  return chat
}

/** `#认证` as a person would: a code privately, then the code posted in the group. Returns the group's reply. */
export async function verify(chat: MockChat, name: string, room = GROUP, fromKey?: string): Promise<string> {
  const [code] = (await chat.say({ from: name, text: '#认证', ...(fromKey ? { fromKey } : {}) }))
    .map((m) => /#认证 (\d{6})/.exec(m.text ?? '')?.[1])
    .filter(Boolean)
  if (!code) throw new Error(`${name} got no verification code`)
  const replies = await chat.say({ room, from: name, text: `#认证 ${code}`, ...(fromKey ? { fromKey } : {}) })
  return replies.map((m) => m.text ?? '').join('\n')
}

/**
 * A report's step written straight to the table, as an import would: it carries its report's
 * room and withdrawn flag, which the bot copies when it adds a step (services/opinions.ts).
 */
export const stepRow = (report: { id: number; roomId: number; withdrawn: boolean }, step: { kind: string; date: string; actorName: string; level?: string | null; detail?: string | null }) => ({
  reportId: report.id,
  roomId: report.roomId,
  reportWithdrawn: report.withdrawn,
  ...step,
})

/** A small seeded generator, so a failing random sequence can be replayed by its seed. */
export function seededRandom(seed: number) {
  let s = seed
  const next = () => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31)
  return { int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! }
}

/**
 * The schedule's jobs due between two local times (+08:00), fired in order on the chat's clock
 * as the running bot would; returns what was sent meanwhile.
 */
export async function runSchedule(chat: MockChat, from: string, to: string): Promise<SentMessage[]> {
  const local = (time: string) => new Date(`${time}+08:00`)
  const before = chat.sent.length
  await chat.app.scheduler.runDue(local(from), local(to), { before: (time) => chat.clock!.set(time), after: () => chat.app.idle() })
  return chat.sent.slice(before)
}
