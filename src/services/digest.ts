import type { Db } from '../db/client.js'
import { Prisma } from '../generated/prisma/client.js'
import { monthsOf, sameLastYear, shiftPeriod, type DigestPeriod } from '../parsing/mod.js'
import { collectFigures, emptyFigures, inMonthScope, inScope, num, wholeMonths, type Comparison, type Figures } from './stats.js'
import { allRooms } from './rooms.js'

export interface CountBy {
  name: string
  count: number
}

/** Activities of one month, type and brand ('' for none). */
type TypeBrandRow = { month: string; type: string; brand: string; n: bigint | number | Prisma.Decimal }

/** Everything a digest says about some rooms over one period, computed in the database. */
export interface Digest {
  period: DigestPeriod
  figures: Figures
  previous: Comparison
  lastYear: Comparison
  byType: CountBy[]
  /** 人次 of members: every member named on every activity. */
  memberTimes: number
  /** 人次 of members counted but not named. */
  unnamedMemberTimes: number
  brands: CountBy[]
  topMembers: CountBy[]
  /** Of the reports collected in the period, how many are resolved by now. */
  collectedResolved: number
  /** Months of the period with no activity (月月有活动). */
  emptyMonths: string[]
  /** Per quarter, its most frequent activity types (for a year). */
  quarterFocus: { quarter: string; types: CountBy[] }[]
}

/** `asOf` (YYYY-MM-DD): months that have not begun by then are not reported as empty. */
export async function buildDigest(db: Db, roomIds: number[] | undefined, period: DigestPeriod, asOf?: string): Promise<Digest> {
  return (await digestOf(db, roomIds, period, asOf, false)).digest
}

/** The digest, and with `byRoom` each room's figures from the same queries. */
async function digestOf(db: Db, roomIds: number[] | undefined, period: DigestPeriod, asOf: string | undefined, byRoom: boolean) {
  const scope = { ...(roomIds ? { roomIds } : {}), ...rangeOf(period) }
  const where = Prisma.sql`a."withdrawn" = false ${inScope('a."roomId"', 'a."date"', scope)}`
  const previous = rangeOf(shiftPeriod(period, -1))
  const lastYear = rangeOf(sameLastYear(period))
  // For a year both comparisons are the year before: query it once.
  const compare = previous.from === lastYear.from && previous.to === lastYear.to ? [previous] : [previous, lastYear]
  const monthly = wholeMonths(scope)
  const [book, counts, collected] = await Promise.all([
    collectFigures(db, scope, { byRoom, compare }),
    // One pass of (month, type, brand) groups; types by month and brands are summed from those
    // few rows. A digest period is whole months: the monthly rows hold them already, read from
    // their covering index. Otherwise day × type × brand groups stream in the order of the
    // (date, type, brand, …) index rather than sorting every activity of the period.
    monthly
      ? db.$queryRaw<TypeBrandRow[]>`
      SELECT am."month" AS month, am."type" AS type, am."brand" AS brand, SUM(am."activities") AS n
      FROM "ActivityMonth" am WHERE 1 = 1 ${inMonthScope('am."roomId"', scope)} GROUP BY am."month", am."type", am."brand"`
      : db.$queryRaw<TypeBrandRow[]>`
      WITH d AS (
        SELECT a."date" AS day, a."type" AS type, COALESCE(a."brand", '') AS brand, COUNT(*) AS n
        FROM "Activity" a WHERE ${where} GROUP BY a."date", a."type", a."brand")
      SELECT substr(day, 1, 7) AS month, type, brand, SUM(n) AS n FROM d GROUP BY substr(day, 1, 7), type, brand`,
    // The monthly rows keep this count (an 办结 recounts its report's month); any other range
    // probes each report's steps (a raw EXISTS: Prisma's `events: { some }` measured twice as slow).
    monthly
      ? db.$queryRaw<{ n: bigint | number | Prisma.Decimal }[]>`
      SELECT SUM(om."resolved") AS n FROM "OpinionMonth" om WHERE 1 = 1 ${inMonthScope('om."roomId"', scope)}`
      : db.$queryRaw<{ n: bigint | number }[]>`
      SELECT COUNT(*) AS n FROM "OpinionReport" r
      WHERE r."withdrawn" = false ${inScope('r."roomId"', 'r."date"', scope)}
        AND EXISTS (SELECT 1 FROM "OpinionEvent" e WHERE e."reportId" = r."id" AND e."kind" = 'resolved')`,
  ])
  const byMonthType = new Map<string, { month: string; type: string; n: number }>()
  const typeCounts = new Map<string, number>()
  const brandCounts = new Map<string, number>()
  for (const row of counts) {
    const n = num(row.n)
    const key = `${row.month} ${row.type}`
    const monthType = byMonthType.get(key)
    if (monthType) monthType.n += n
    else byMonthType.set(key, { month: row.month, type: row.type, n })
    typeCounts.set(row.type, (typeCounts.get(row.type) ?? 0) + n)
    if (row.brand !== '') brandCounts.set(row.brand, (brandCounts.get(row.brand) ?? 0) + n)
  }
  const activeMonths = new Set([...byMonthType.values()].map((row) => row.month))
  const digest: Digest = {
    period,
    figures: book.total,
    previous: book.compared[0]!,
    lastYear: book.compared[compare.length - 1]!,
    byType: sortCounts(typeCounts),
    memberTimes: book.memberTimes,
    unnamedMemberTimes: book.unnamedMemberTimes,
    brands: sortCounts(brandCounts),
    topMembers: book.topMembers,
    collectedResolved: num(collected[0]?.n),
    emptyMonths: monthsOf(period)
      .filter((m) => !activeMonths.has(m.from.slice(0, 7)) && (asOf === undefined || m.from <= asOf))
      .map((m) => `${m.index}月`),
    quarterFocus: period.kind === 'year' ? quarterFocus([...byMonthType.values()]) : [],
  }
  return { digest, byRoom: book.byRoom }
}

function rangeOf(period: DigestPeriod) {
  return { from: period.from, to: period.to }
}

function sortCounts(counts: Map<string, number>): CountBy[] {
  return [...counts].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh'))
}

const QUARTERS = ['一季度', '二季度', '三季度', '四季度']

/** The two most frequent activity types of each quarter that had any. */
function quarterFocus(rows: { month: string; type: string; n: number }[]) {
  return QUARTERS.flatMap((quarter, q) => {
    const counts = new Map<string, number>()
    for (const row of rows) {
      if (Math.ceil(Number(row.month.slice(5, 7)) / 3) === q + 1) counts.set(row.type, (counts.get(row.type) ?? 0) + row.n)
    }
    return counts.size > 0 ? [{ quarter, types: sortCounts(counts).slice(0, 2) }] : []
  })
}

/**
 * Each room's figures plus the full digest of their total, for the cross-room view of
 * secretaries and admins: one set of grouped queries, so a hundred rooms cost about one.
 */
export async function buildCrossRoomDigest(db: Db, rooms: { id: number; name: string }[], period: DigestPeriod, asOf?: string) {
  const { digest, byRoom } = await digestOf(db, rooms.map((r) => r.id), period, asOf, true)
  return { rooms: rooms.map((room) => ({ name: room.name, figures: byRoom.get(room.id) ?? emptyFigures() })), total: digest }
}

/** The rooms a person may see across: every room for an admin, else those where they are secretary. */
export async function roomsVisibleTo(db: Db, who: { isAdmin: boolean; memberId: number | undefined }) {
  if (who.isAdmin) return allRooms(db)
  if (who.memberId === undefined) return []
  return db.room.findMany({
    where: { memberships: { some: { memberId: who.memberId, role: 'secretary' } } },
    orderBy: { id: 'asc' },
  })
}
