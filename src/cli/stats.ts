import { z } from 'zod'
import { loadConfig, loadDotEnv } from '../config.js'
import { openDatabase } from '../db/client.js'
import { log, logLevel } from '../log.js'
import { isValidYmd } from '../parsing/mod.js'
import { findRoomByNameOrTopic } from '../services/rooms.js'
import { computeFigures } from '../services/stats.js'
import { existingDatabase, runCommand, splitArgs } from './command-line.js'

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期请写成 YYYY-MM-DD，例如 2022-09-01')
  .refine((s) => {
    const [year, month, day] = s.split('-').map(Number)
    return isValidYmd({ year: year!, month: month!, day: day! })
  }, '这个日期不存在')

const Args = z
  .object({
    room: z.string().min(1).optional(),
    from: Day.optional(),
    to: Day.optional(),
    db: z.string().min(1).optional(),
  })
  .strict()
  .refine((a) => !a.from || !a.to || a.from <= a.to, { message: '--from 不能晚于 --to', path: ['from'] })

const USAGE = '用法：npm run --silent stats -- [--room <名称或群名>] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--db <文件>]'

/** Prints the figures of a room (or all rooms) over a date range as one JSON object. */
async function main(): Promise<number> {
  log.level = logLevel(process.env.LOG_LEVEL, 'warn')
  const { flags, positional } = splitArgs(process.argv.slice(2))
  const args = Args.safeParse(Object.fromEntries([...flags].map(([k, v]) => [k, v === true ? '' : v])))
  if (!args.success || positional.length > 0) {
    const why = args.success ? `多余的参数：${positional.join(' ')}` : args.error.issues.map((i) => `--${i.path.join('.') || '?'}：${i.message}`).join('\n')
    process.stderr.write(`${why}\n${USAGE}\n`)
    return 2
  }
  loadDotEnv()
  const config = loadConfig()
  const db = await openDatabase(existingDatabase(args.data.db, config.databaseUrl))
  try {
    let roomIds: number[] | undefined
    if (args.data.room) {
      const room = await findRoomByNameOrTopic(db, args.data.room)
      if (!room) {
        process.stderr.write(`找不到会客厅或群「${args.data.room}」（按绑定名称或群名查找）\n`)
        return 2
      }
      roomIds = [room.id]
    }
    const figures = await computeFigures(db, { roomIds, from: args.data.from, to: args.data.to })
    process.stdout.write(`${JSON.stringify(figures)}\n`)
    return 0
  } finally {
    await db.$disconnect()
  }
}

runCommand('stats', main)
