import type { Db } from '../db/client.js'
import type { Revision } from '../generated/prisma/client.js'
import { monthKeys, refreshActivityMonths } from './activity-months.js'

export type RevisionAction = 'edit' | 'withdraw' | 'restore' | 'undo-step'

/** Every change is kept: who, when, the record before and after. */
export async function recordRevision(
  db: Db,
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

/** Withdraws or restores an activity or report; returns false when it already was in that state. */
export async function setWithdrawn(
  db: Db,
  recordCode: string,
  withdrawn: boolean,
  actor: { name: string; key: string; at: Date },
): Promise<boolean> {
  const where = { code: recordCode }
  const letter = recordCode[0]
  const record =
    letter === 'A'
      ? await db.activity.findUnique({ where })
      : letter === 'M'
        ? await db.opinionReport.findUnique({ where })
        : await db.proposal.findUnique({ where })
  if (!record || record.withdrawn === withdrawn) return false
  if (letter === 'A') {
    await db.$transaction(async (tx) => {
      await tx.activity.update({ where, data: { withdrawn } })
      await refreshActivityMonths(tx, record.roomId, monthKeys(record.date))
    })
  } else if (letter === 'M') await db.opinionReport.update({ where, data: { withdrawn, lastChangeAt: actor.at } })
  else await db.proposal.update({ where, data: { withdrawn } })
  await recordRevision(db, {
    recordCode,
    action: withdrawn ? 'withdraw' : 'restore',
    actorName: actor.name,
    actorKey: actor.key,
    at: actor.at,
    before: { withdrawn: !withdrawn },
    after: { withdrawn },
  })
  return true
}

/** The newest revision of a record. */
export function latestRevision(db: Db, recordCode: string): Promise<Revision> {
  return db.revision.findFirstOrThrow({ where: { recordCode }, orderBy: { id: 'desc' } })
}
