import type { Db, Queryable } from '../db/client.js'
import { Prisma, type Revision } from '../generated/prisma/client.js'

export type RevisionAction = 'edit' | 'withdraw' | 'restore' | 'undo-step'

/** Every change is kept: who, when, the record before and after. */
export async function recordRevision(
  db: Queryable,
  entry: { recordCode: string; action: RevisionAction; actorName: string; actorKey: string; at: Date; before: unknown; after: unknown },
): Promise<void> {
  await db.revision.create({
    data: {
      recordCode: entry.recordCode,
      action: entry.action,
      actorName: entry.actorName,
      actorKey: entry.actorKey,
      at: entry.at,
      before: JSON.stringify(entry.before),
      after: JSON.stringify(entry.after),
    },
  })
}

export function revisionsOf(db: Db, recordCode: string): Promise<Revision[]> {
  return db.revision.findMany({ where: { recordCode }, orderBy: { id: 'asc' } })
}

/** The newest revision of a record. */
export function latestRevision(db: Db, recordCode: string): Promise<Revision> {
  return db.revision.findFirstOrThrow({ where: { recordCode }, orderBy: { id: 'desc' } })
}

/**
 * The codes of the activities of some rooms dated in a range that #修改 changed. By a join, not
 * a list of codes: a year's book of many rooms has more codes than a statement takes parameters.
 */
export async function editedActivities(db: Db, roomIds: number[], from: string, to: string): Promise<Set<string>> {
  const edit: RevisionAction = 'edit'
  const rows = await db.$queryRaw<{ recordCode: string }[]>(Prisma.sql`
    SELECT DISTINCT r."recordCode" FROM "Revision" r JOIN "Activity" a ON a."code" = r."recordCode"
    WHERE r."action" = ${edit} AND a."roomId" IN (${Prisma.join(roomIds)}) AND a."date" >= ${from} AND a."date" <= ${to}`)
  return new Set(rows.map((r) => r.recordCode))
}
