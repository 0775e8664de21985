import type { Queryable } from '../db/client.js'
import { Prisma } from '../generated/prisma/client.js'
import type { RecordKind } from '../domain/kinds.js'

/** The table of each kind (an activity's twin is found in its own preview, by date and type). */
const TABLE_OF = {
  activity: 'Activity',
  opinion: 'OpinionReport',
  proposal: 'Proposal',
  research: 'ResearchReport',
  speech: 'ConferenceSpeech',
} as const satisfies Record<RecordKind, string>

/**
 * The earliest other live record of the kind in the room with the same title: two members often
 * report the same speech or report, and the second should hear of the first (as #活动 does).
 */
export async function sameTitleInRoom(
  on: Queryable,
  kind: RecordKind,
  record: { id: number; roomId: number; title: string },
): Promise<{ code: string; reporterName: string } | undefined> {
  const [twin] = await on.$queryRaw<{ code: string; reporterName: string }[]>(Prisma.sql`
    SELECT "code", "reporterName" FROM ${Prisma.raw(`"${TABLE_OF[kind]}"`)}
    WHERE "roomId" = ${record.roomId} AND "title" = ${record.title} AND "withdrawn" = false AND "id" <> ${record.id}
    ORDER BY "id" LIMIT 1`)
  return twin
}
