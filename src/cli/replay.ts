import { createHash } from 'node:crypto'
import { createReadStream, existsSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { z } from 'zod'
import { loadConfig } from '../config.js'
import { log, logLevel } from '../log.js'
import { addDays, localParts, zonedInstant } from '../parsing/mod.js'
import { openSession } from './session.js'
import { runCommand, splitArgs } from './command-line.js'

const Time = z.iso.datetime({ offset: true, error: '必须是带时区的 ISO-8601 时间，例如 2022-09-19T10:00:00+08:00' })
/** `{"time": …, "event": "relogin"}`: every puppet id is new, as after a wechat4u re-login. */
const EventLine = z.strictObject({ time: Time, event: z.literal('relogin', { error: 'event 只能是 relogin（重新登录，所有 ID 换新）' }) })
const MessageLine = z.object({
    time: Time,
    room: z.string().min(1).optional(),
    from: z.string().min(1, 'from（发言人）不能为空'),
    text: z.string(),
    /** The bot account's remark (备注) for this contact, as the operator set it. */
    remark: z.string().min(1).optional(),
    /** The sender's group alias (群昵称) in `room`. */
    alias: z.string().optional(),
})
const TranscriptLine = {
  safeParse: (value: unknown) =>
    typeof value === 'object' && value !== null && 'event' in value ? EventLine.safeParse(value) : MessageLine.safeParse(value),
}

const USAGE = '用法：npm run --silent replay -- <transcript.jsonl | -> [--db <file>] [--schedule]（- 为从标准输入逐行读取）'
const Args = z.object({
  transcript: z.string({ error: USAGE }),
  db: z.string().optional(),
  schedule: z.boolean(),
})

/** Feeds a JSONL chat transcript through the real bot and prints what it sends, one JSON line each. */
async function main(): Promise<number> {
  log.level = logLevel(process.env.LOG_LEVEL, 'warn')
  const { flags, positional } = splitArgs(process.argv.slice(2))
  const db = flags.get('db')
  const args = Args.safeParse({ transcript: positional[0], db: typeof db === 'string' ? db : undefined, schedule: flags.get('schedule') === true })
  if (!args.success) {
    process.stderr.write(`${args.error.issues.map((i) => i.message).join('\n')}\n`)
    return 2
  }
  const fromStdin = args.data.transcript === '-'
  if (!fromStdin && !existsSync(args.data.transcript)) {
    process.stderr.write(`找不到文件：${args.data.transcript}\n`)
    return 2
  }

  // From standard input a driver can read each reply before it writes the next line (a #认证 code, say).
  const input = fromStdin ? process.stdin.setEncoding('utf8') : createReadStream(args.data.transcript, 'utf8')
  const lines = createInterface({ input, crlfDelay: Infinity })
  // A database that existed is a bot coming back: jobs missed within CATCH_UP_DAYS run first, as at a restart.
  const resuming = args.data.db !== undefined && existsSync(args.data.db)
  let session: Awaited<ReturnType<typeof openSession>> | undefined
  let lineNo = 0
  let clockAt: Date | undefined
  // Scheduled jobs fire as the transcript's clock passes them, in order with the chat.
  const runSchedule = async (until: Date) => {
    if (!session || !args.data.schedule || !clockAt || until <= clockAt) return
    const { chat, clock } = session
    await chat.app.scheduler.runDue(clockAt, until, {
      before: (at) => clock.set(at),
      after: () => chat.app.idle(),
    })
    clockAt = until
  }
  try {
    for await (const raw of lines) {
      lineNo++
      if (raw.trim() === '') continue
      const parsed = TranscriptLine.safeParse(safeJson(raw))
      if (!parsed.success) {
        process.stderr.write(`第 ${lineNo} 行无法读取：${parsed.error.issues.map((i) => `${i.path.join('.') || '整行'} ${i.message}`).join('；')}\n`)
        return 2
      }
      const time = new Date(parsed.data.time)
      if (!session && resuming) clockAt = new Date(time.getTime() - loadConfig().CATCH_UP_DAYS * 86_400_000)
      session ??= await openSession({
        dbFile: args.data.db,
        admins: process.env.REPLAY_ADMINS,
        start: time,
        paced: false,
        command: 'replay',
        // Printed as each message is handed to the puppet, before the outbox marks it sent: while
        // the reader keeps up, libuv writes the line to the pipe at once, so a run killed right
        // after a send has still printed it.
        onSent: (message) => process.stdout.write(`${JSON.stringify(message)}\n`),
      })
      await runSchedule(time)
      clockAt = time
      // A stable id per line: replaying the same transcript onto the same database (after a
      // crash, say) handles each line once.
      const id = `replay:${lineNo}:${createHash('sha256').update(raw).digest('hex').slice(0, 16)}`
      if ('event' in parsed.data) await session.chat.relogin()
      else await session.chat.say({ ...parsed.data, time, id })
    }
    if (clockAt && session) await runSchedule(endOfLocalDay(clockAt, session.chat.app.services.config.BOT_TIMEZONE))
    return 0
  } finally {
    await session?.close()
  }
}

/** The last millisecond of the local day containing `at`. */
function endOfLocalDay(at: Date, timeZone: string): Date {
  const next = addDays(localParts(at, timeZone), 1)
  return new Date(zonedInstant(next, 0, 0, timeZone).getTime() - 1)
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

runCommand('replay', main)
