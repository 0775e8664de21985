import { resolve } from 'node:path'
import { z } from 'zod'
import { loadConfig, loadDotEnv } from '../config.js'
import { openDatabase } from '../db/client.js'
import { writeLedgerTo } from '../export/files.js'
import { parseAliasSetting } from '../router/command-text.js'
import { log, logLevel } from '../log.js'
import { parseAnyPeriod } from '../parsing/mod.js'
import { loadScoringRules } from '../scoring/rules.js'
import { allRooms, findRoomByNameOrTopic } from '../services/rooms.js'
import { existingDatabase, runCommand, splitArgs } from './command-line.js'

const USAGE = '用法：npm run --silent export -- --period <2022|2022Q3|2022-09> --out <文件.xlsx> [--room <名称或群名>] [--db <文件>]'

const Args = z
  .object({
    period: z.string({ error: '缺少 --period' }).min(1, '缺少 --period'),
    out: z.string({ error: '缺少 --out' }).regex(/\.xlsx$/i, '--out 应是 .xlsx 文件'),
    room: z.string().min(1).optional(),
    db: z.string().min(1).optional(),
  })
  .strict()

/** The same 台账 workbook as #导出, from the command line. */
async function main(): Promise<number> {
  log.level = logLevel(process.env.LOG_LEVEL, 'warn')
  const { flags, positional } = splitArgs(process.argv.slice(2))
  const args = Args.safeParse(Object.fromEntries([...flags].map(([k, v]) => [k, v === true ? '' : v])))
  if (!args.success || positional.length > 0) {
    const why = args.success ? `多余的参数：${positional.join(' ')}` : args.error.issues.map((i) => (i.path.length ? `--${i.path.join('.')}：${i.message}` : i.message)).join('\n')
    process.stderr.write(`${why}\n${USAGE}\n`)
    return 2
  }
  loadDotEnv()
  const config = loadConfig()
  const period = parseAnyPeriod(args.data.period, { now: new Date(), timeZone: config.BOT_TIMEZONE })
  if (!period.ok) {
    process.stderr.write(`${period.problem}\n`)
    return 2
  }
  const db = await openDatabase(existingDatabase(args.data.db, config.databaseUrl))
  try {
    const rooms = args.data.room ? [await findRoomByNameOrTopic(db, args.data.room)] : await allRooms(db)
    if (rooms.some((r) => r === undefined)) {
      process.stderr.write(`找不到会客厅或群「${args.data.room}」（按绑定名称或群名查找）\n`)
      return 2
    }
    const out = resolve(args.data.out)
    await writeLedgerTo(db, loadScoringRules(config.SCORING_RULES_FILE), rooms as { id: number; name: string }[], period.period, out, parseAliasSetting(config.COMMAND_ALIASES).pairs)
    process.stderr.write(`已写入 ${out}\n`)
    return 0
  } finally {
    await db.$disconnect()
  }
}

runCommand('export', main)
