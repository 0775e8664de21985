import type { Db } from '../db/client.js'
import { Prisma } from '../generated/prisma/client.js'
import { monthsOf, sameLastYear, shiftPeriod, type DigestPeriod } from '../parsing/mod.js'
import { collectFigures, emptyFigures, inMonthScope, inScope, num, wholeMonths, type Comparison, type Figures } from './stats.js'

export interface CountBy {
  name: string
  count: number
}

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
  const [book, counts, collected] = await Promise.all([
    collectFigures(db, scope, { byRoom, compare }),
    // Day × type × brand groups stream in the order of the (date, type, brand, …) index;
    // months and brands are then summed from those few rows rather than sorting every
    // activity of the period.
    // A digest period is whole months: the monthly rows hold types and brands already.
    wholeMonths(scope)
      ? db.$queryRaw<{ key: string; month: string | null; name: string; n: bigint | number | Prisma.Decimal }[]>`
      SELECT 'type' AS key, am."month" AS month, am."type" AS name, SUM(am."activities") AS n
      FROM "ActivityMonth" am WHERE 1 = 1 ${inMonthScope('am."roomId"', scope)} GROUP BY am."month", am."type"
      UNION ALL SELECT 'brand', NULL, am."brand", SUM(am."activities")
      FROM "ActivityMonth" am WHERE am."brand" <> '' ${inMonthScope('am."roomId"', scope)} GROUP BY am."brand"
      ORDER BY key, n DESC, name`
      : db.$queryRaw<{ key: string; month: string | null; name: string; n: bigint | number | Prisma.Decimal }[]>`
      WITH d AS (
        SELECT a."date" AS day, a."type" AS type, a."brand" AS brand, COUNT(*) AS n
        FROM "Activity" a WHERE ${where} GROUP BY a."date", a."type", a."brand")
      SELECT 'type' AS key, substr(day, 1, 7) AS month, type AS name, SUM(n) AS n FROM d GROUP BY substr(day, 1, 7), type
      UNION ALL SELECT 'brand', NULL, brand, SUM(n) FROM d WHERE brand IS NOT NULL GROUP BY brand
      ORDER BY key, n DESC, name`,
    // A raw EXISTS: Prisma's `events: { some }` filter measured twice as slow on the bench book.
    db.$queryRaw<{ n: bigint | number }[]>`
      SELECT COUNT(*) AS n FROM "OpinionReport" r
      WHERE r."withdrawn" = false ${inScope('r."roomId"', 'r."date"', scope)}
        AND EXISTS (SELECT 1 FROM "OpinionEvent" e WHERE e."reportId" = r."id" AND e."kind" = 'resolved')`,
  ])
  const byMonthType = counts.filter((row) => row.key === 'type').map((row) => ({ month: row.month!, type: row.name, n: num(row.n) }))
  const typeCounts = new Map<string, number>()
  for (const row of byMonthType) typeCounts.set(row.type, (typeCounts.get(row.type) ?? 0) + row.n)
  const activeMonths = new Set(byMonthType.map((row) => row.month))
  const digest: Digest = {
    period,
    figures: book.total,
    previous: book.compared[0]!,
    lastYear: book.compared[compare.length - 1]!,
    byType: sortCounts(typeCounts),
    memberTimes: book.memberTimes,
    unnamedMemberTimes: book.unnamedMemberTimes,
    brands: counts.filter((row) => row.key === 'brand').map((b) => ({ name: b.name, count: num(b.n) })),
    topMembers: book.topMembers,
    collectedResolved: num(collected[0]?.n),
    emptyMonths: monthsOf(period)
      .filter((m) => !activeMonths.has(m.from.slice(0, 7)) && (asOf === undefined || m.from <= asOf))
      .map((m) => `${m.index}月`),
    quarterFocus: period.kind === 'year' ? quarterFocus(byMonthType) : [],
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
  if (who.isAdmin) return db.room.findMany({ orderBy: { id: 'asc' } })
  if (who.memberId === undefined) return []
  return db.room.findMany({
    where: { memberships: { some: { memberId: who.memberId, role: 'secretary' } } },
    orderBy: { id: 'asc' },
  })
}
