import { copyFileSync, mkdtempSync } from 'node:fs'
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { ManualClock } from '../src/clock.js'
import { loadConfig } from '../src/config.js'
import { openDatabase } from '../src/db/client.js'
import { migrateSqlite } from '../src/db/migrate.js'
import { log } from '../src/log.js'
import { MockChat } from '../src/sim/mock-chat.js'

export interface IngestResult {
  messages: number
  seconds: number
  perSecond: number
  p50ms: number
  p99ms: number
  rssMb: number
  /** The logged-in bot before its first message: what Node, Wechaty and Prisma take by themselves. */
  rssBeforeMb: number
  /** Live JS heap after a full collection at the end: flat across runs means nothing leaks. */
  heapAfterGcMb: number
  /** One bare one-row commit on the same disk (WAL, synchronous=FULL), median: what each of a message's commits costs at least. */
  commitMs: number
}

const mb = (bytes: number) => bytes / 1024 / 1024

/** A full collection without starting Node with --expose-gc. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc')
  ;(runInNewContext('gc') as () => void)()
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!

/**
 * The disk's part, measured beside the bot in the same run: a one-row commit straight through
 * better-sqlite3 (no Prisma), in WAL mode with synchronous=FULL as the bot runs. The bot makes
 * two such commits per message (its record with its outcome and reply, then the send).
 */
function bareCommitMs(file: string, n = 200): number {
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.exec('CREATE TABLE "CommitProbe" ("x" INTEGER)')
  const insert = db.prepare('INSERT INTO "CommitProbe" ("x") VALUES (?)')
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    const t0 = performance.now()
    insert.run(i)
    times.push(performance.now() - t0)
  }
  db.close()
  return percentile(times.sort((a, b) => a - b), 50)
}

/** The tagged messages members would send: every one becomes a record and a confirmation. */
function message(i: number): string {
  const day = (i % 28) + 1
  return `#活动 9月${day}日在社区服务中心开展健康义诊第${i}场，委员王芳、李明参加，参与人次${10 + (i % 20)}，服务群众${100 + i}人次`
}

/**
 * N tagged messages through the whole bot (mock puppet → router → parser → Prisma → outbox →
 * puppet), one at a time as a group would send them, pacing off. Its baseline in the same run
 * is the transport ceiling (ceiling.ts): an echo bot on the same path without a database.
 */
export async function benchIngest(n: number, workDir: string): Promise<IngestResult> {
  const dir = mkdtempSync(join(workDir, 'ingest-'))
  const template = join(dir, 'template.db')
  await migrateSqlite(template)

  const botFile = join(dir, 'bot.db')
  copyFileSync(template, botFile)
  const db = await openDatabase(`file:${botFile}`)
  const config = loadConfig({ ...process.env, BOT_ADMINS: '管理员', OUTBOX_MIN_INTERVAL_MS: '0', OUTBOX_MAX_PER_MINUTE: '0', SENDER_MAX_PER_MINUTE: '0' })
  const clock = new ManualClock(new Date('2022-09-30T10:00:00+08:00'))
  // The admin is known by the remark the operator set (BOT_ADMINS lists remarks, never names).
  // The moment the puppet is handed a reply: what a member waits for. The "sent" mark that
  // follows it is outside the latency, inside the rate (the next message waits for it).
  let repliedAt = 0
  const chat = await MockChat.start({ db, config, clock, log, autoSchedule: false, remarks: { 管理员: '管理员' }, onSent: () => (repliedAt ||= performance.now()) })
  const group = '健康家园群'
  await chat.say({ room: group, from: '管理员', text: '#绑定 平湖健康家园政协委员会客厅' })
  await chat.say({ room: group, from: '王芳', text: '#登记 王芳 医药卫生' })
  await chat.say({ room: group, from: '李明', text: '#登记 李明 教育' })
  // Verified (#认证), as an office's members are: each message then carries a key (the remark
  // token), and their member and admin grant are looked up by it.
  for (const name of ['王芳', '李明']) {
    const [issued] = await chat.say({ from: name, text: '#认证' })
    const code = /#认证 (\d{6})/.exec(issued?.text ?? '')?.[1]
    const verified = code ? await chat.say({ room: group, from: name, text: `#认证 ${code}` }) : []
    if (!verified[0]?.text?.startsWith('已认证')) throw new Error(`${name} was not verified: ${verified[0]?.text ?? issued?.text}`)
  }

  const rssBeforeMb = mb(process.memoryUsage().rss)
  const latencies: number[] = []
  const start = performance.now()
  for (let i = 0; i < n; i++) {
    const time = new Date(Date.parse('2022-09-30T10:00:00+08:00') + i * 60_000)
    repliedAt = 0
    const t0 = performance.now()
    const replies = await chat.say({ room: group, from: i % 2 ? '王芳' : '李明', text: message(i), time })
    if (replies.length !== 1 || repliedAt === 0) throw new Error(`message ${i} got ${replies.length} replies${repliedAt === 0 ? ', none handed to the puppet' : ''}`)
    latencies.push(repliedAt - t0)
  }
  const seconds = (performance.now() - start) / 1000
  const stored = await db.activity.count()
  if (stored !== n) throw new Error(`stored ${stored} of ${n} activities`)
  const rssMb = mb(process.memoryUsage().rss)
  collectGarbage()
  const heapAfterGcMb = mb(process.memoryUsage().heapUsed)
  await chat.stop()
  await db.$disconnect()
  const commitMs = bareCommitMs(join(dir, 'probe.db'))

  const sorted = [...latencies].sort((a, b) => a - b)
  const perSecond = n / seconds
  return { messages: n, seconds, perSecond, p50ms: percentile(sorted, 50), p99ms: percentile(sorted, 99), rssMb, rssBeforeMb, heapAfterGcMb, commitMs }
}
