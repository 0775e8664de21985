import type { Db } from '../db/client.js'
import { Prisma } from '../generated/prisma/client.js'
import { monthsOf, sameLastYear, shiftPeriod, type DigestPeriod } from '../parsing/mod.js'
import { computeComparison, computeFigures, emptyFigures, figuresByRoom, type Comparison, type Figures } from './stats.js'

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
  brands: CountBy[]
  topMembers: CountBy[]
  /** Of the reports collected in the period, how many are resolved by now. */
  collectedResolved: number
  /** Months of the period with no activity (月月有活动). */
  emptyMonths: string[]
  /** Per quarter, its most frequent activity types (for a year). */
  quarterFocus: { quarter: string; types: CountBy[] }[]
}

const toNumber = (n: bigint | number | null | undefined) => Number(n ?? 0)

function activityFilter(roomIds: number[] | undefined, period: DigestPeriod): Prisma.Sql {
  const rooms = roomIds ? Prisma.sql` AND a."roomId" IN (${Prisma.join(roomIds.length ? roomIds : [-1])})` : Prisma.empty
  return Prisma.sql`a."withdrawn" = false AND a."date" >= ${period.from} AND a."date" <= ${period.to}${rooms}`
}

/** `asOf` (YYYY-MM-DD): months that have not begun by then are not reported as empty. */
export async function buildDigest(db: Db, roomIds: number[] | undefined, period: DigestPeriod, asOf?: string): Promise<Digest> {
  const scope = { ...(roomIds ? { roomIds } : {}), from: period.from, to: period.to }
  const where = activityFilter(roomIds, period)
  const rooms = roomIds ? { roomId: { in: roomIds } } : {}
  const [figures, previous, lastYear, byMonthType, memberTimes, brands, topMembers, collectedResolved] = await Promise.all([
    computeFigures(db, scope),
    computeComparison(db, { ...scope, ...rangeOf(shiftPeriod(period, -1)) }),
    computeComparison(db, { ...scope, ...rangeOf(sameLastYear(period)) }),
    db.$queryRaw<{ month: string; type: string; n: bigint }[]>`
      SELECT substr(a."date", 1, 7) AS month, a."type" AS type, COUNT(*) AS n
      FROM "Activity" a WHERE ${where} GROUP BY month, a."type"`,
    db.$queryRaw<{ n: bigint }[]>`
      SELECT COUNT(*) AS n FROM "ActivityParticipant" p JOIN "Activity" a ON a."id" = p."activityId" WHERE ${where}`,
    db.$queryRaw<{ name: string; n: bigint }[]>`
      SELECT a."brand" AS name, COUNT(*) AS n FROM "Activity" a
      WHERE ${where} AND a."brand" IS NOT NULL GROUP BY a."brand" ORDER BY n DESC, name`,
    db.$queryRaw<{ name: string; n: bigint }[]>`
      SELECT COALESCE(MAX(m."realName"), MIN(p."name")) AS name, COUNT(*) AS n
      FROM "ActivityParticipant" p JOIN "Activity" a ON a."id" = p."activityId"
      LEFT JOIN "Member" m ON m."id" = p."memberId"
      WHERE ${where}
      GROUP BY COALESCE('m' || p."memberId", 'n' || p."name")
      ORDER BY n DESC, name LIMIT 5`,
    db.opinionReport.count({
      where: { withdrawn: false, date: { gte: period.from, lte: period.to }, ...rooms, events: { some: { kind: 'resolved' } } },
    }),
  ])
  const typeCounts = new Map<string, number>()
  for (const row of byMonthType) typeCounts.set(row.type, (typeCounts.get(row.type) ?? 0) + toNumber(row.n))
  const activeMonths = new Set(byMonthType.map((row) => row.month))
  return {
    period,
    figures,
    previous,
    lastYear,
    byType: sortCounts(typeCounts),
    memberTimes: toNumber(memberTimes[0]?.n),
    brands: brands.map((b) => ({ name: b.name, count: toNumber(b.n) })),
    topMembers: topMembers.map((m) => ({ name: m.name, count: toNumber(m.n) })),
    collectedResolved,
    emptyMonths: monthsOf(period)
      .filter((m) => !activeMonths.has(m.from.slice(0, 7)) && (asOf === undefined || m.from <= asOf))
      .map((m) => `${m.index}月`),
    quarterFocus: period.kind === 'year' ? quarterFocus(byMonthType) : [],
  }
}

function rangeOf(period: DigestPeriod) {
  return { from: period.from, to: period.to }
}

function sortCounts(counts: Map<string, number>): CountBy[] {
  return [...counts].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh'))
}

const QUARTERS = ['一季度', '二季度', '三季度', '四季度']

/** The two most frequent activity types of each quarter that had any. */
function quarterFocus(rows: { month: string; type: string; n: bigint }[]) {
  return QUARTERS.flatMap((quarter, q) => {
    const counts = new Map<string, number>()
    for (const row of rows) {
      if (Math.ceil(Number(row.month.slice(5, 7)) / 3) === q + 1) counts.set(row.type, (counts.get(row.type) ?? 0) + toNumber(row.n))
    }
    return counts.size > 0 ? [{ quarter, types: sortCounts(counts).slice(0, 2) }] : []
  })
}

/**
 * Each room's figures (grouped queries: a hundred rooms cost no more than one) plus the full
 * digest of their total, for the cross-room view of secretaries and admins.
 */
export async function buildCrossRoomDigest(db: Db, rooms: { id: number; name: string }[], period: DigestPeriod, asOf?: string) {
  const roomIds = rooms.map((r) => r.id)
  const [byRoom, total] = await Promise.all([
    figuresByRoom(db, { roomIds, from: period.from, to: period.to }, true),
    buildDigest(db, roomIds, period, asOf),
  ])
  return { rooms: rooms.map((room) => ({ name: room.name, figures: byRoom.get(room.id) ?? emptyFigures() })), total }
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
