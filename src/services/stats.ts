import type { Db } from '../db/client.js'
import { Prisma } from '../generated/prisma/client.js'
import { ADOPTION_LEVELS, type AdoptionLevel } from './opinions.js'
import { unnamedCountSql } from './monthly-rows.js'
import { daysInMonth } from '../parsing/calendar.js'
import { TABLE_FIGURES, type TableFigureKey } from '../domain/kinds.js'
import type { FigureTable } from '../domain/figures.js'

/** Which records count: rooms (all when absent) and an inclusive range of local dates. */
export interface FigureScope {
  roomIds?: number[]
  from?: string // YYYY-MM-DD
  to?: string // YYYY-MM-DD
}

/** The figures counted by hand: activities, reports and proposals (monthly rows, steps by their own date). */
interface CoreFigures {
  activities: number
  participants: number
  reach: number
  members: number
  opinions: number
  adopted: Record<AdoptionLevel, number>
  instructed: number
  resolved: number
  /** Proposals handed in (by their date), registered (立案) and answered (办复), by the step's date. */
  proposals: number
  registered: number
  answered: number
}

const CORE_COUNTS = ['activities', 'participants', 'reach', 'members', 'opinions', 'instructed', 'resolved', 'proposals', 'registered', 'answered'] as const

/** Every figure of every kind's figure table (src/domain/figures.ts): research, oralSpeeches … */
const TABLE_KEYS = TABLE_FIGURES.flatMap((t) => t.rows.map((r) => r.key as TableFigureKey))

/** The figures `stats` prints and digests build on. Withdrawn records never count. */
export type Figures = CoreFigures & Record<TableFigureKey, number>

export function emptyFigures(): Figures {
  const figures = { adopted: { county: 0, city: 0, province: 0, national: 0 } } as Figures
  for (const key of [...CORE_COUNTS, ...TABLE_KEYS]) figures[key] = 0
  return figures
}

/**
 * One grouped count per figure table: `COUNT(*)` for its first row, a conditional sum for each
 * other, named by the figure's key. Table, column and key names come from the tables in
 * src/domain, never from a message; a compared value is a parameter.
 */
function tableCount(table: FigureTable, scope: FigureScope, room: (column: string) => Prisma.Sql): Prisma.Sql {
  const column = (name: string) => Prisma.raw(`t."${name}"`)
  const sums = table.rows.map((row) => {
    const where = row.where
    const counted = !where
      ? Prisma.sql`COUNT(*)`
      : 'filled' in where
        ? Prisma.sql`SUM(CASE WHEN ${column(where.filled)} IS NOT NULL THEN 1 ELSE 0 END)`
        : Prisma.sql`SUM(CASE WHEN ${column(where.equals[0])} = ${where.equals[1]} THEN 1 ELSE 0 END)`
    return Prisma.sql`${counted} AS ${Prisma.raw(`"${row.key}"`)}`
  })
  return Prisma.sql`SELECT ${room('t."roomId"')} AS room, ${Prisma.join(sums)}
    FROM ${Prisma.raw(`"${table.model}"`)} t WHERE t."withdrawn" = false ${inScope('t."roomId"', 't."date"', scope)} GROUP BY room`
}

/** What a digest compares with the period before and the same period a year before. */
export type Comparison = Pick<Figures, 'activities' | 'participants' | 'reach' | 'opinions'>

export interface DateRange {
  from: string
  to: string
}

/** Everything one pass over a scope yields: figures per room and in total, and the members behind them. */
export interface FigureBook {
  /** Per room, or the whole scope under room 0 when not asked by room. */
  byRoom: Map<number, Figures>
  total: Figures
  /** The compared figures over each of the `compare` ranges, same rooms. */
  compared: Comparison[]
  /** 人次 of members: every member named on every activity. */
  memberTimes: number
  /** 人次 of members counted but not named ("张伟滨、胡建国等6位委员" adds 4): in no member's figures. */
  unnamedMemberTimes: number
  /** The five members named most often (ties by name). */
  topMembers: { name: string; count: number }[]
}

/** `AND <room> IN (…) AND <date> >= … AND <date> <= …` for the scope (no room for an empty list). */
export function inScope(roomColumn: string, dateColumn: string, scope: FigureScope): Prisma.Sql {
  const parts: Prisma.Sql[] = []
  if (scope.roomIds) parts.push(Prisma.sql`${Prisma.raw(roomColumn)} IN (${Prisma.join(scope.roomIds.length ? scope.roomIds : [-1])})`)
  if (scope.from) parts.push(Prisma.sql`${Prisma.raw(dateColumn)} >= ${scope.from}`)
  if (scope.to) parts.push(Prisma.sql`${Prisma.raw(dateColumn)} <= ${scope.to}`)
  return parts.length ? Prisma.sql` AND ${Prisma.join(parts, ' AND ')}` : Prisma.empty
}

/** Whether the scope is whole months (every digest period is): then the monthly rows answer it. */
export function wholeMonths(scope: { from?: string; to?: string }): boolean {
  if (scope.from && !scope.from.endsWith('-01')) return false
  if (!scope.to) return true
  const [y, m, d] = scope.to.split('-').map(Number)
  return d === daysInMonth(y!, m!)
}

/** The scope over the monthly rows' `month` column (YYYY-MM). */
export const inMonthScope = (roomColumn: string, scope: FigureScope): Prisma.Sql =>
  inScope(roomColumn, `${roomColumn.split('.')[0]}."month"`, { ...scope, ...(scope.from ? { from: scope.from.slice(0, 7) } : {}), ...(scope.to ? { to: scope.to.slice(0, 7) } : {}) })

// PostgreSQL sums bigints into numerics (Decimal), SQLite gives numbers or bigints.
type Count = number | bigint | Prisma.Decimal | null
type Row = { bucket?: Count; room: Count; key?: string | null; n: Count; m?: Count; r?: Count; u?: Count; name?: string | null }
/** A figure table's counts of one room, named by the figures' keys. */
type TableRow = { room: Count } & Record<string, Count>
/** A count or sum from either database as a number (none → 0). */
export const num = (n: Count | undefined) => Number(n ?? 0)

/**
 * Totals of the scope over other date ranges as UNION ALL branches numbered 1…, after the
 * scope's own branch 0: one statement, each branch an index range of its own.
 */
function compareBranches(ranges: DateRange[], scope: FigureScope, branch: (i: Prisma.Sql, scope: FigureScope) => Prisma.Sql): Prisma.Sql {
  if (ranges.length === 0) return Prisma.empty
  return Prisma.join(ranges.map((range, i) => Prisma.sql` UNION ALL ${branch(Prisma.raw(String(i + 1)), { ...scope, ...range })}`), '')
}

/**
 * Every figure with a handful of aggregate queries, per room (`byRoom`) or for the whole scope
 * (room 0). Activities, reports and proposals count by their own date; adoptions, instructions,
 * resolutions and proposal steps by the date they happened. A report adopted at two levels
 * counts once at each. Each record belongs to one room, so the total is the sum of the rooms,
 * except members: one person in two rooms counts once.
 */
export async function collectFigures(
  db: Db,
  scope: FigureScope,
  options: { byRoom?: boolean; compare?: DateRange[]; fromRecords?: boolean } = {},
): Promise<FigureBook> {
  const room = (column: string) => Prisma.raw(options.byRoom ? column : '0')
  const compare = options.compare ?? []
  // Whole months read the monthly rows (monthly-rows.ts); any other range of days, the records.
  const monthly = !options.fromRecords && wholeMonths(scope) && compare.every(wholeMonths)
  const [activities, opinions, adopted, steps, proposals, proposalSteps, members, unnamed, ...tables] = await Promise.all([
    monthly
      ? // The same rows hold the unnamed 人次 (u): summed in this pass rather than read again.
        db.$queryRaw<Row[]>`SELECT 0 AS bucket, ${room('am."roomId"')} AS room, SUM(am."activities") AS n, SUM(am."participants") AS m, SUM(am."reach") AS r,
        SUM(am."unnamedMemberTimes") AS u
      FROM "ActivityMonth" am WHERE 1 = 1 ${inMonthScope('am."roomId"', scope)} GROUP BY room
      ${compareBranches(compare, scope, (i, s) => Prisma.sql`SELECT ${i}, 0, SUM(am."activities"), SUM(am."participants"), SUM(am."reach"), 0
        FROM "ActivityMonth" am WHERE 1 = 1 ${inMonthScope('am."roomId"', s)}`)}`
      : db.$queryRaw<Row[]>`SELECT 0 AS bucket, ${room('a."roomId"')} AS room, COUNT(*) AS n, SUM(a."participants") AS m, SUM(a."reach") AS r
      FROM "Activity" a WHERE a."withdrawn" = false ${inScope('a."roomId"', 'a."date"', scope)} GROUP BY room
      ${compareBranches(compare, scope, (i, s) => Prisma.sql`SELECT ${i}, 0, COUNT(*), SUM(a."participants"), SUM(a."reach")
        FROM "Activity" a WHERE a."withdrawn" = false ${inScope('a."roomId"', 'a."date"', s)}`)}`,
    monthly
      ? db.$queryRaw<Row[]>`SELECT 0 AS bucket, ${room('om."roomId"')} AS room, SUM(om."reports") AS n
      FROM "OpinionMonth" om WHERE 1 = 1 ${inMonthScope('om."roomId"', scope)} GROUP BY room
      ${compareBranches(compare, scope, (i, s) => Prisma.sql`SELECT ${i}, 0, SUM(om."reports")
        FROM "OpinionMonth" om WHERE 1 = 1 ${inMonthScope('om."roomId"', s)}`)}`
      : db.$queryRaw<Row[]>`SELECT 0 AS bucket, ${room('r."roomId"')} AS room, COUNT(*) AS n
      FROM "OpinionReport" r WHERE r."withdrawn" = false ${inScope('r."roomId"', 'r."date"', scope)} GROUP BY room
      ${compareBranches(compare, scope, (i, s) => Prisma.sql`SELECT ${i}, 0, COUNT(*)
        FROM "OpinionReport" r WHERE r."withdrawn" = false ${inScope('r."roomId"', 'r."date"', s)}`)}`,
    // Steps carry their report's room and withdrawn flag: counted from the (roomId, kind, date …)
    // index alone, without reading a report (1,000 rooms: 430 ms → 40 ms).
    db.$queryRaw<Row[]>`SELECT ${room('e."roomId"')} AS room, e."level" AS key, COUNT(*) AS n
      FROM "OpinionEvent" e WHERE e."reportWithdrawn" = false AND e."kind" = 'adopted' ${inScope('e."roomId"', 'e."date"', scope)} GROUP BY room, e."level"`,
    db.$queryRaw<Row[]>`SELECT ${room('e."roomId"')} AS room, e."kind" AS key, COUNT(DISTINCT e."reportId") AS n
      FROM "OpinionEvent" e WHERE e."reportWithdrawn" = false AND e."kind" IN ('instructed', 'resolved') ${inScope('e."roomId"', 'e."date"', scope)} GROUP BY room, e."kind"`,
    db.$queryRaw<Row[]>`SELECT ${room('p."roomId"')} AS room, COUNT(*) AS n
      FROM "Proposal" p WHERE p."withdrawn" = false ${inScope('p."roomId"', 'p."date"', scope)} GROUP BY room`,
    db.$queryRaw<Row[]>`SELECT ${room('p."roomId"')} AS room, e."kind" AS key, COUNT(*) AS n
      FROM "ProposalEvent" e JOIN "Proposal" p ON p."id" = e."proposalId"
      WHERE p."withdrawn" = false AND e."kind" IN ('registered', 'answered') ${inScope('p."roomId"', 'e."date"', scope)} GROUP BY room, e."kind"`,
    monthly ? memberRowsOfMonths(db, scope, room('mm."roomId"')) : memberRows(db, scope, room('a."roomId"')),
    monthly
      ? undefined
      : // Few activities have a written member count: the (memberCount, …) index finds just those.
        db.$queryRaw<Row[]>`SELECT 0 AS room, SUM(${unnamedCountSql}) AS n
        FROM "Activity" a WHERE a."memberCount" IS NOT NULL AND a."withdrawn" = false ${inScope('a."roomId"', 'a."date"', scope)}`,
    ...TABLE_FIGURES.map((table) => db.$queryRaw<TableRow[]>(tableCount(table, scope, room))),
  ])
  const byRoom = new Map<number, Figures>()
  const at = (row: { room: Count }) => {
    const key = num(row.room)
    let figures = byRoom.get(key)
    if (!figures) byRoom.set(key, (figures = emptyFigures()))
    return figures
  }
  const compared: Comparison[] = compare.map(() => ({ activities: 0, participants: 0, reach: 0, opinions: 0 }))
  for (const row of activities) {
    const figures = { activities: num(row.n), participants: num(row.m), reach: num(row.r) }
    Object.assign(num(row.bucket) === 0 ? at(row) : compared[num(row.bucket) - 1]!, figures)
  }
  for (const row of opinions) (num(row.bucket) === 0 ? at(row) : compared[num(row.bucket) - 1]!).opinions = num(row.n)
  for (const row of adopted) if (row.key && row.key in ADOPTION_LEVELS) at(row).adopted[row.key as AdoptionLevel] = num(row.n)
  for (const row of steps) at(row)[row.key === 'instructed' ? 'instructed' : 'resolved'] = num(row.n)
  for (const row of proposals) at(row).proposals = num(row.n)
  for (const row of proposalSteps) at(row)[row.key === 'registered' ? 'registered' : 'answered'] = num(row.n)
  for (const row of members.filter((r) => r.key === 'room')) at(row).members = num(row.n)
  TABLE_FIGURES.forEach((table, i) => {
    for (const row of tables[i]!) for (const { key } of table.rows) at(row)[key as TableFigureKey] = num(row[key])
  })

  const total = emptyFigures()
  for (const figures of byRoom.values()) addFigures(total, figures)
  const everyone = members.find((r) => r.key === 'all')
  total.members = num(everyone?.n)
  return {
    byRoom,
    total,
    compared,
    memberTimes: num(everyone?.m),
    unnamedMemberTimes: unnamed ? num(unnamed[0]?.n) : activities.filter((row) => num(row.bucket) === 0).reduce((sum, row) => sum + num(row.u), 0),
    topMembers: members.filter((r) => r.key === 'top').map((r) => ({ name: r.name ?? '', count: num(r.n) })),
  }
}

/**
 * One grouped pass over the participants (the costly part of any digest), per room, member and
 * written name; everything else is summed from its few rows: the members of each room (n), of
 * the whole scope (members in two rooms once) with their 人次 (m), and the top five. Known
 * members count by id, names we could not match (stray) by the name.
 */
function memberRows(db: Db, scope: FigureScope, room: Prisma.Sql) {
  return db.$queryRaw<Row[]>`WITH pm AS (
      SELECT ${room} AS room, p."memberId" AS "memberId", p."name" AS name, COUNT(*) AS n
      FROM "Activity" a JOIN "ActivityParticipant" p ON p."activityId" = a."id"
      WHERE a."withdrawn" = false ${inScope('a."roomId"', 'a."date"', scope)}
      GROUP BY room, p."memberId", p."name")
    ${membersOfPm}`
}

/** The same from the monthly rows: one per room, month and member. */
function memberRowsOfMonths(db: Db, scope: FigureScope, room: Prisma.Sql) {
  return db.$queryRaw<Row[]>`WITH pm AS (
      SELECT ${room} AS room, mm."memberId" AS "memberId", mm."name" AS name, SUM(mm."times") AS n
      FROM "MemberMonth" mm WHERE 1 = 1 ${inMonthScope('mm."roomId"', scope)}
      GROUP BY room, mm."memberId", mm."name")
    ${membersOfPm}`
}

const stray = Prisma.sql`CASE WHEN "memberId" IS NULL THEN name END`
const membersOfPm = Prisma.sql`
    SELECT 'room' AS key, room, COUNT(DISTINCT "memberId") + COUNT(DISTINCT ${stray}) AS n, SUM(n) AS m, NULL AS name FROM pm GROUP BY room
    UNION ALL SELECT 'all', 0, COUNT(DISTINCT "memberId") + COUNT(DISTINCT ${stray}), SUM(n), NULL FROM pm
    UNION ALL SELECT * FROM (
      SELECT 'top' AS key, 0 AS room, SUM(n) AS n, 0 AS m, COALESCE(MAX(mb."realName"), MIN(pm.name)) AS name
      FROM pm LEFT JOIN "Member" mb ON mb."id" = pm."memberId"
      GROUP BY pm."memberId", CASE WHEN pm."memberId" IS NULL THEN pm.name END ORDER BY n DESC, name LIMIT 5) five
    ORDER BY key, n DESC, name`

function addFigures(into: Figures, from: Figures): void {
  for (const key of [...CORE_COUNTS, ...TABLE_KEYS]) into[key] += from[key]
  for (const level of Object.keys(into.adopted) as AdoptionLevel[]) into.adopted[level] += from.adopted[level]
}

export async function computeFigures(db: Db, scope: FigureScope): Promise<Figures> {
  return (await collectFigures(db, scope)).total
}
