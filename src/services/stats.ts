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

export function emptyFigures(): Figures {
  return {
    activities: 0, participants: 0, reach: 0, members: 0, opinions: 0,
    adopted: { county: 0, city: 0, province: 0, national: 0 },
    instructed: 0, resolved: 0, proposals: 0, registered: 0, answered: 0,
  }
}

/** `AND <room> IN (…) AND <date> >= … AND <date> <= …` for the scope. */
function where(roomColumn: string, dateColumn: string, scope: FigureScope): Prisma.Sql {
  const parts: Prisma.Sql[] = []
  if (scope.roomIds) parts.push(Prisma.sql`${Prisma.raw(roomColumn)} IN (${Prisma.join(scope.roomIds.length ? scope.roomIds : [-1])})`)
  if (scope.from) parts.push(Prisma.sql`${Prisma.raw(dateColumn)} >= ${scope.from}`)
  if (scope.to) parts.push(Prisma.sql`${Prisma.raw(dateColumn)} <= ${scope.to}`)
  return parts.length ? Prisma.sql` AND ${Prisma.join(parts, ' AND ')}` : Prisma.empty
}

type Row = { room: number | bigint; key: string | null; n: number | bigint | null; m?: number | bigint | null; r?: number | bigint | null }
const num = (n: number | bigint | null | undefined) => Number(n ?? 0)

/**
 * Every figure in the database with one aggregate query each, per room (`byRoom`) or for the
 * whole scope (room 0). Activities, reports and proposals count by their own date; adoptions,
 * instructions, resolutions and proposal steps by the date they happened. A report adopted at
 * two levels counts once at each.
 */
export async function figuresByRoom(db: Db, scope: FigureScope, byRoom: boolean): Promise<Map<number, Figures>> {
  const room = (column: string) => Prisma.raw(byRoom ? column : '0')
  const [activities, members, opinions, adopted, steps, proposals, proposalSteps] = await Promise.all([
    db.$queryRaw<Row[]>`SELECT ${room('a."roomId"')} AS room, NULL AS key, COUNT(*) AS n, SUM(a."participants") AS m, SUM(a."reach") AS r
      FROM "Activity" a WHERE a."withdrawn" = false ${where('a."roomId"', 'a."date"', scope)} GROUP BY room`,
    // Members we know count by id, names we could not match by the name (integers distinct fast).
    db.$queryRaw<Row[]>`SELECT ${room('a."roomId"')} AS room, NULL AS key,
        COUNT(DISTINCT p."memberId") + COUNT(DISTINCT CASE WHEN p."memberId" IS NULL THEN p."name" END) AS n
      FROM "ActivityParticipant" p JOIN "Activity" a ON a."id" = p."activityId"
      WHERE a."withdrawn" = false ${where('a."roomId"', 'a."date"', scope)} GROUP BY room`,
    db.$queryRaw<Row[]>`SELECT ${room('r."roomId"')} AS room, NULL AS key, COUNT(*) AS n
      FROM "OpinionReport" r WHERE r."withdrawn" = false ${where('r."roomId"', 'r."date"', scope)} GROUP BY room`,
    db.$queryRaw<Row[]>`SELECT ${room('r."roomId"')} AS room, e."level" AS key, COUNT(*) AS n
      FROM "OpinionEvent" e JOIN "OpinionReport" r ON r."id" = e."reportId"
      WHERE r."withdrawn" = false AND e."kind" = 'adopted' ${where('r."roomId"', 'e."date"', scope)} GROUP BY room, e."level"`,
    db.$queryRaw<Row[]>`SELECT ${room('r."roomId"')} AS room, e."kind" AS key, COUNT(DISTINCT e."reportId") AS n
      FROM "OpinionEvent" e JOIN "OpinionReport" r ON r."id" = e."reportId"
      WHERE r."withdrawn" = false AND e."kind" IN ('instructed', 'resolved') ${where('r."roomId"', 'e."date"', scope)} GROUP BY room, e."kind"`,
    db.$queryRaw<Row[]>`SELECT ${room('p."roomId"')} AS room, NULL AS key, COUNT(*) AS n
      FROM "Proposal" p WHERE p."withdrawn" = false ${where('p."roomId"', 'p."date"', scope)} GROUP BY room`,
    db.$queryRaw<Row[]>`SELECT ${room('p."roomId"')} AS room, e."kind" AS key, COUNT(*) AS n
      FROM "ProposalEvent" e JOIN "Proposal" p ON p."id" = e."proposalId"
      WHERE p."withdrawn" = false AND e."kind" IN ('registered', 'answered') ${where('p."roomId"', 'e."date"', scope)} GROUP BY room, e."kind"`,
  ])
  const out = new Map<number, Figures>()
  const at = (row: Row) => {
    const key = num(row.room)
    let figures = out.get(key)
    if (!figures) out.set(key, (figures = emptyFigures()))
    return figures
  }
  for (const row of activities) Object.assign(at(row), { activities: num(row.n), participants: num(row.m), reach: num(row.r) })
  for (const row of members) at(row).members = num(row.n)
  for (const row of opinions) at(row).opinions = num(row.n)
  for (const row of adopted) if (row.key && row.key in ADOPTION_LEVELS) at(row).adopted[row.key as AdoptionLevel] = num(row.n)
  for (const row of steps) at(row)[row.key === 'instructed' ? 'instructed' : 'resolved'] = num(row.n)
  for (const row of proposals) at(row).proposals = num(row.n)
  for (const row of proposalSteps) at(row)[row.key === 'registered' ? 'registered' : 'answered'] = num(row.n)
  return out
}

/** What a digest compares with the period before and the same period a year before. */
export type Comparison = Pick<Figures, 'activities' | 'participants' | 'reach' | 'opinions'>

/** Only the four compared figures: two cheap queries instead of the full set. */
export async function computeComparison(db: Db, scope: FigureScope): Promise<Comparison> {
  const [activities, opinions] = await Promise.all([
    db.$queryRaw<Row[]>`SELECT 0 AS room, NULL AS key, COUNT(*) AS n, SUM(a."participants") AS m, SUM(a."reach") AS r
      FROM "Activity" a WHERE a."withdrawn" = false ${where('a."roomId"', 'a."date"', scope)}`,
    db.$queryRaw<Row[]>`SELECT 0 AS room, NULL AS key, COUNT(*) AS n
      FROM "OpinionReport" r WHERE r."withdrawn" = false ${where('r."roomId"', 'r."date"', scope)}`,
  ])
  return { activities: num(activities[0]?.n), participants: num(activities[0]?.m), reach: num(activities[0]?.r), opinions: num(opinions[0]?.n) }
}

export async function computeFigures(db: Db, scope: FigureScope): Promise<Figures> {
  return (await figuresByRoom(db, scope, false)).get(0) ?? emptyFigures()
}
