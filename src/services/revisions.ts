import type { Db, Queryable } from '../db/client.js'
import type { Revision } from '../generated/prisma/client.js'

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
