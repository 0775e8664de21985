import { mkdtempSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { openDatabase } from '../src/db/client.js'
import { migrateSqlite } from '../src/db/migrate.js'
import { periodOf } from '../src/parsing/mod.js'
import { buildCrossRoomDigest, buildDigest } from '../src/services/digest.js'
import { rebuildMonthlyRows } from '../src/services/monthly-rows.js'

export interface DigestResult {
  rooms: number
  years: number
  activities: number
  reports: number
  generateSeconds: number
  /** Counting the generated book's monthly rows from scratch (rebuildMonthlyRows). */
  rebuildSeconds: number
  baselineMs: number
  roomYearMs: number
  crossRoomMs: number
  roomYearRatio: number
  crossRoomRatio: number
  /** The generated file (gone with the run's folder) and the year digested: PostgreSQL reads the same book. */
  book: string
  lastYear: number
}

const TYPES = ['学习', '宣讲', '协商', '调研', '视察', '义诊', '读书会', '论坛', '培训', '走访', '公益']
const LEVELS = ['county', 'city', 'province', 'national']

/** A small deterministic generator, so every run measures the same book. */
function random(seed: number) {
  let s = seed >>> 0
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32)
}

/**
 * A generated book: `rooms` rooms × `years` years, about 500 activities and 200 reports per
 * room-year, a few members on each activity, adoptions and resolutions on some reports.
 */
export async function generate(file: string, rooms: number, years: number) {
  await migrateSqlite(file)
  const db = new Database(file)
  db.pragma('synchronous = OFF')
  const rnd = random(42)
  const now = new Date().toISOString()
  const room = db.prepare(`INSERT INTO "Room" (name, kind, topic, updatedAt) VALUES (?, '会客厅', ?, ?)`)
  const member = db.prepare(`INSERT INTO "Member" (name, realName, updatedAt) VALUES (?, ?, ?)`)
  const membership = db.prepare(`INSERT INTO "RoomMembership" (roomId, memberId) VALUES (?, ?)`)
  const activity = db.prepare(
    `INSERT INTO "Activity" (code, roomId, date, title, type, participants, reach, brand, reporterName, sourceMessageId, rawText, withdrawn, updatedAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, '秘书', ?, '', ?, ?)`,
  )
  const participant = db.prepare(`INSERT INTO "ActivityParticipant" (activityId, memberId, name) VALUES (?, ?, ?)`)
  const report = db.prepare(
    `INSERT INTO "OpinionReport" (code, roomId, date, title, reporterName, sourceMessageId, rawText, withdrawn, updatedAt) VALUES (?, ?, ?, ?, '秘书', ?, '', ?, ?)`,
  )
  // A step carries its report's room and withdrawn flag, as the bot writes it.
  const event = db.prepare(`INSERT INTO "OpinionEvent" (reportId, roomId, reportWithdrawn, kind, level, date, actorName) VALUES (?, ?, ?, ?, ?, ?, '秘书')`)
  let a = 0
  let m = 0
  const firstYear = 2023 - years
  db.transaction(() => {
    for (let r = 1; r <= rooms; r++) {
      room.run(`会客厅${r}`, `群${r}`, now)
      const people: number[] = []
      for (let k = 0; k < 12; k++) {
        const id = Number(member.run(`委员${r}-${k}`, k % 3 ? `委员${r}-${k}` : null, now).lastInsertRowid)
        membership.run(r, id)
        people.push(id)
      }
      for (let y = firstYear; y < firstYear + years; y++) {
        for (let i = 0; i < 500; i++) {
          const date = `${y}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`
          const id = Number(
            activity.run(`A${++a}`, r, date, `活动${a}`, TYPES[Math.floor(rnd() * TYPES.length)], 5 + Math.floor(rnd() * 40), Math.floor(rnd() * 500), rnd() < 0.1 ? '品牌' : null, `a${a}`, rnd() < 0.02 ? 1 : 0, now).lastInsertRowid,
          )
          for (const p of people.filter(() => rnd() < 0.2).slice(0, 3)) participant.run(id, p, `委员${p}`)
        }
        for (let i = 0; i < 200; i++) {
          const date = `${y}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`
          const withdrawn = rnd() < 0.02 ? 1 : 0
          const id = Number(report.run(`M${++m}`, r, date, `民意${m}`, `m${m}`, withdrawn, now).lastInsertRowid)
          if (rnd() < 0.3) event.run(id, r, withdrawn, 'adopted', LEVELS[Math.floor(rnd() * LEVELS.length)], date)
          if (rnd() < 0.5) event.run(id, r, withdrawn, 'resolved', null, date)
        }
      }
    }
  })()
  db.close()
  return { activities: a, reports: m, lastYear: firstYear + years - 1 }
}

/**
 * The baseline every digest row is compared with, on SQLite and on PostgreSQL alike: one
 * hand-written GROUP BY of a period's live activities, the least any digest must read.
 * `param(n)` writes the n-th placeholder as the engine's driver takes it.
 */
export const baselineGroupBy = (param: (n: number) => string) =>
  `SELECT "roomId", "type", COUNT(*), SUM("participants"), SUM("reach") FROM "Activity"
   WHERE "withdrawn" = false AND "date" >= ${param(1)} AND "date" <= ${param(2)} GROUP BY "roomId", "type"`

/** The median time of `runs` calls, in ms. */
export async function median(runs: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    await fn()
    times.push(performance.now() - t0)
  }
  return times.sort((x, y) => x - y)[Math.floor(times.length / 2)]!
}

export async function benchDigest(rooms: number, years: number, workDir: string): Promise<DigestResult> {
  const file = join(mkdtempSync(join(workDir, 'digest-')), 'book.db')
  const t0 = performance.now()
  const book = await generate(file, rooms, years)
  const generateSeconds = (performance.now() - t0) / 1000
  const period = periodOf('year', book.lastYear, 1)

  // Baseline: one hand-written GROUP BY over the same file, what any digest must at least read.
  const raw = new Database(file, { readonly: true })
  const groupBy = raw.prepare(baselineGroupBy(() => '?'))
  const baselineMs = await median(5, () => groupBy.all(period.from, period.to))
  raw.close()

  const db = await openDatabase(`file:${file}`)
  // The book was written straight to the tables, as an import would be: count its months once.
  const r0 = performance.now()
  await rebuildMonthlyRows(db)
  const rebuildSeconds = (performance.now() - r0) / 1000
  const all = await db.room.findMany({ orderBy: { id: 'asc' } })
  await buildDigest(db, [1], period) // warm-up: the first query compiles its plan
  const roomYearMs = await median(5, () => buildDigest(db, [1 + Math.floor(rooms / 2)], period))
  const crossRoomMs = await median(3, () => buildCrossRoomDigest(db, all, period))
  await db.$disconnect()
  return {
    rooms,
    years,
    activities: book.activities,
    reports: book.reports,
    generateSeconds,
    rebuildSeconds,
    baselineMs,
    roomYearMs,
    crossRoomMs,
    roomYearRatio: roomYearMs / baselineMs,
    crossRoomRatio: crossRoomMs / baselineMs,
    book: file,
    lastYear: book.lastYear,
  }
}
