import { statSync } from 'node:fs'
import { z } from 'zod'
import { loadConfig, loadDotEnv, type Config } from '../config.js'
import { isPostgresUrl, openDatabase, sqlitePath, type Db } from '../db/client.js'
import { writerSlot } from '../db/writer.js'
import { log, logLevel } from '../log.js'
import { cronSchedule } from '../schedule/cron.js'
import { postgresBytes, storedStatus } from '../services/status.js'
import { existingDatabase, runCommand, splitArgs } from './command-line.js'

const USAGE = '用法：npm run --silent status -- [--db <文件>] [--json]'
const Args = z.object({ db: z.string().min(1).optional(), json: z.literal('').optional() }).strict()

/** A heartbeat older than this: the bot process is not running (or hangs). */
const SILENT_MS = 2 * 60_000
/** A message waiting longer than this needs a look. */
const STUCK_MS = 60 * 60_000

const PUSHES: [string, keyof Config][] = [
  ['月报', 'SCHEDULE_MONTHLY_DIGEST'],
  ['季报', 'SCHEDULE_QUARTERLY_DIGEST'],
  ['年报', 'SCHEDULE_ANNUAL_DIGEST'],
  ['“月月有活动”提醒', 'SCHEDULE_ACTIVITY_NUDGE'],
  ['社情民意跟进', 'SCHEDULE_FOLLOW_UP'],
]

async function databaseBytes(db: Db, url: string): Promise<number> {
  if (isPostgresUrl(url)) {
    return postgresBytes(db)
  }
  const file = sqlitePath(url)
  return [file, `${file}-wal`].reduce((sum, f) => sum + (statSync(f, { throwIfNoEntry: false })?.size ?? 0), 0)
}

/**
 * `npm run status`: is the bot running and logged in, what waits or failed in the outbox, what
 * is pushed next, how big the database is. Exit code 1 when something needs attention, so cron
 * or a container health check can act on it.
 */
async function main(): Promise<number> {
  log.level = logLevel(process.env.LOG_LEVEL, 'warn')
  const { flags, positional } = splitArgs(process.argv.slice(2))
  const args = Args.safeParse(Object.fromEntries([...flags].map(([k, v]) => [k, v === true ? '' : v])))
  if (!args.success || positional.length > 0) {
    process.stderr.write(`${USAGE}\n`)
    return 2
  }
  loadDotEnv()
  const config = loadConfig()
  const url = existingDatabase(args.data.db, config.databaseUrl)
  const db = await openDatabase(url)
  try {
    const now = new Date()
    const { claim, pending, failedCount, failed, oldestWaiting: oldest, lastMessage } = await storedStatus(db, writerSlot(url, config.BOT_NAME), config.BOT_NAME)
    const running = claim !== null && now.getTime() - claim.heartbeatAt.getTime() < SILENT_MS
    const next = PUSHES.map(([label, key]) => {
      const at = cronSchedule(String(config[key]), config.BOT_TIMEZONE).next(now)
      return { label, at: at?.toISOString() ?? null }
    })
    const problems = [
      ...(running ? [] : [claim ? `机器人进程 ${claim.pid} 已 ${Math.round((now.getTime() - claim.heartbeatAt.getTime()) / 60_000)} 分钟没有心跳（没在运行或卡住了）` : '机器人没有在运行']),
      ...(running && claim!.state !== 'logged-in' ? [claim!.state === 'scan' ? `等待扫码登录：${claim!.detail}` : claim!.state === 'backoff' ? `微信没有登录：${claim!.detail}` : '微信没有登录'] : []),
      ...(failedCount > 0 ? [`${failedCount} 条消息发送失败`] : []),
      ...(oldest && now.getTime() - oldest.createdAt.getTime() > STUCK_MS ? [`最早的待发消息已等了 ${Math.round((now.getTime() - oldest.createdAt.getTime()) / 60_000)} 分钟`] : []),
    ]
    const report = {
      ok: problems.length === 0,
      problems,
      bot: claim ? { running, pid: claim.pid, host: claim.host, state: claim.state, since: claim.stateAt.toISOString(), detail: claim.detail } : null,
      lastMessageAt: lastMessage?.receivedAt.toISOString() ?? null,
      outbox: { pending, failed: failedCount, oldestPendingAt: oldest?.createdAt.toISOString() ?? null },
      failed: failed.map((r) => ({ id: r.id, to: r.targetName ?? `room ${r.roomId}`, text: (r.text ?? r.fileName ?? '').slice(0, 40), error: r.lastError })),
      nextPushes: next,
      databaseBytes: await databaseBytes(db, url),
    }
    if (args.data.json !== undefined) process.stdout.write(`${JSON.stringify(report)}\n`)
    else process.stdout.write(formatReport(report, config.BOT_TIMEZONE))
    return report.ok ? 0 : 1
  } finally {
    await db.$disconnect()
  }
}

function formatReport(r: { ok: boolean; problems: string[]; bot: { state: string; since: string; pid: number } | null; lastMessageAt: string | null; outbox: { pending: number; failed: number }; failed: { id: number; to: string; text: string; error: string | null }[]; nextPushes: { label: string; at: string | null }[]; databaseBytes: number }, timeZone: string): string {
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { timeZone, hour12: false }) : '–')
  const states: Record<string, string> = { starting: '启动中', scan: '等待扫码', 'logged-in': '已登录', 'logged-out': '已退出登录', backoff: '连不上微信，暂停后重试' }
  return [
    r.ok ? '状态：正常' : `状态：需要处理\n${r.problems.map((p) => `  ! ${p}`).join('\n')}`,
    `机器人：${r.bot ? `进程 ${r.bot.pid}，${states[r.bot.state] ?? r.bot.state}（${when(r.bot.since)} 起）` : '没有运行记录'}`,
    `最后一条消息：${when(r.lastMessageAt)}`,
    `发件箱：待发 ${r.outbox.pending} 条，失败 ${r.outbox.failed} 条`,
    ...r.failed.map((f) => `  失败 #${f.id} → ${f.to}：${f.text}（${f.error ?? ''}）`),
    `下次推送：${r.nextPushes.map((p) => `${p.label} ${when(p.at)}`).join('；')}`,
    `数据库大小：${(r.databaseBytes / 1024 / 1024).toFixed(1)} MB`,
    '',
  ].join('\n')
}

runCommand('status', main)
