import type { Db } from '../db/client.js'
import { Prisma } from '../generated/prisma/client.js'
import { ADOPTION_LEVELS, type AdoptionLevel } from './opinions.js'

/** Which records count: rooms (all when absent) and an inclusive range of local dates. */
export interface FigureScope {
  roomIds?: number[]
  from?: string // YYYY-MM-DD
  to?: string // YYYY-MM-DD
}

/** The figures `stats` prints and digests build on. Withdrawn records never count. */
export interface Figures {
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

const dateRange = (scope: FigureScope) => ({
  ...(scope.from ? { gte: scope.from } : {}),
  ...(scope.to ? { lte: scope.to } : {}),
})

function sqlScope(alias: string, dateColumn: string, scope: FigureScope): Prisma.Sql {
  const parts: Prisma.Sql[] = []
  if (scope.roomIds) parts.push(Prisma.sql`${Prisma.raw(`${alias}."roomId"`)} IN (${Prisma.join(scope.roomIds.length ? scope.roomIds : [-1])})`)
  if (scope.from) parts.push(Prisma.sql`${Prisma.raw(dateColumn)} >= ${scope.from}`)
  if (scope.to) parts.push(Prisma.sql`${Prisma.raw(dateColumn)} <= ${scope.to}`)
  return parts.length ? Prisma.sql` AND ${Prisma.join(parts, ' AND ')}` : Prisma.empty
}

/**
 * One aggregate query per figure, all in the database. Activities and reports count by their
 * own date; adoptions, instructions and resolutions by the date they happened. A report adopted
 * at two levels counts once at each.
 */
export async function computeFigures(db: Db, scope: FigureScope): Promise<Figures> {
  const rooms = scope.roomIds ? { roomId: { in: scope.roomIds } } : {}
  const activityWhere = { withdrawn: false, date: dateRange(scope), ...rooms }
  const proposalSteps = (kind: string) =>
    db.proposalEvent.count({ where: { kind, date: dateRange(scope), proposal: { withdrawn: false, ...rooms } } })
  const [activity, opinions, members, adoptedRows, events, proposals, registered, answered] = await Promise.all([
    db.activity.aggregate({ where: activityWhere, _count: { _all: true }, _sum: { participants: true, reach: true } }),
    db.opinionReport.count({ where: { withdrawn: false, date: dateRange(scope), ...rooms } }),
    db.$queryRaw<{ n: bigint | number }[]>`
      SELECT COUNT(DISTINCT COALESCE('m' || p."memberId", 'n' || p."name")) AS n
      FROM "ActivityParticipant" p JOIN "Activity" a ON a."id" = p."activityId"
      WHERE a."withdrawn" = 0 ${sqlScope('a', 'a."date"', scope)}`,
    db.opinionEvent.groupBy({
      by: ['level'],
      where: { kind: 'adopted', date: dateRange(scope), report: { withdrawn: false, ...rooms } },
      _count: { _all: true },
    }),
    db.$queryRaw<{ kind: string; n: bigint | number }[]>`
      SELECT e."kind" AS kind, COUNT(DISTINCT e."reportId") AS n
      FROM "OpinionEvent" e JOIN "OpinionReport" r ON r."id" = e."reportId"
      WHERE r."withdrawn" = 0 AND e."kind" IN ('instructed', 'resolved') ${sqlScope('r', 'e."date"', scope)}
      GROUP BY e."kind"`,
    db.proposal.count({ where: { withdrawn: false, date: dateRange(scope), ...rooms } }),
    proposalSteps('registered'),
    proposalSteps('answered'),
  ])
  const adopted = Object.fromEntries(Object.keys(ADOPTION_LEVELS).map((level) => [level, 0])) as Record<AdoptionLevel, number>
  for (const row of adoptedRows) if (row.level && row.level in adopted) adopted[row.level as AdoptionLevel] = row._count._all
  const eventCount = (kind: string) => Number(events.find((e) => e.kind === kind)?.n ?? 0)
  return {
    activities: activity._count._all,
    participants: activity._sum.participants ?? 0,
    reach: activity._sum.reach ?? 0,
    members: Number(members[0]?.n ?? 0),
    opinions,
    adopted,
    instructed: eventCount('instructed'),
    resolved: eventCount('resolved'),
    proposals,
    registered,
    answered,
  }
}
