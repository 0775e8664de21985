import type { Db, Queryable, Tx } from '../db/client.js'
import type { Prisma } from '../generated/prisma/client.js'

/**
 * What commits with a new record, in its one transaction: the message's outcome and its
 * confirmation (see `ChatContext.commitRecord`), drafts it completes, the plan it fulfils. It
 * reads on `on` (inside the record's transaction, or just before a one-batch commit, see
 * createActivity) and returns the statements to commit with the record; it writes nothing itself.
 */
export type WithinCommit<R> = (on: Queryable, record: R) => Promise<Prisma.Sql[]>

/**
 * What else a change writes in its own transaction, after the change: its revision (#修改,
 * #撤销, #恢复), so a record is never changed without the line that says who changed it.
 */
export type AfterChange<R = void> = (tx: Queryable, changed: R) => Promise<void>

/** A change of some rows and, only when it changed any, `after`, in one transaction: whether it changed. */
export function changeWith(db: Db, change: (tx: Tx) => Promise<{ count: number }>, after?: AfterChange): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await change(tx)
    if (count > 0) await after?.(tx)
    return count > 0
  })
}

export interface RecordSteps<R> {
  /** Takes a code and writes the record with its people and figures. */
  insert(tx: Tx): Promise<R>
  /** The record this source message became before, if it did. */
  storedBefore(db: Queryable): Promise<R | null>
}

async function runWithin<R>(tx: Tx, record: R, within: WithinCommit<R> | undefined): Promise<void> {
  for (const statement of (await within?.(tx, record)) ?? []) await tx.$executeRaw(statement)
}

/**
 * Stores a new record and commits `within`'s statements with it: the record, the message's
 * outcome and its confirmation are kept together or not at all. The source message id is
 * unique, so a message stored before fails the insert (its code is not used up) and gets its
 * stored record back instead, with `within` committed for it: never a second record. Drafts
 * and plans are stored the same way, without `within`.
 */
export async function storeOnce<R>(db: Db, steps: RecordSteps<R>, within?: WithinCommit<R>): Promise<R> {
  try {
    return await db.$transaction(async (tx) => {
      const record = await steps.insert(tx)
      await runWithin(tx, record, within)
      return record
    })
  } catch (error) {
    return committedBefore(db, steps.storedBefore, error, within)
  }
}

/**
 * After a failed insert: the record the message became before, with `within` committed for it;
 * else the insert's own error (a database that fails the lookup as well: the first error is the one to report).
 */
export async function committedBefore<R, S extends R>(
  db: Db,
  storedBefore: (on: Queryable) => Promise<S | null>,
  error: unknown,
  within?: WithinCommit<R>,
): Promise<S> {
  const before = await storedBefore(db).catch(() => null)
  if (!before) throw error
  return db.$transaction(async (tx) => {
    await runWithin(tx, before, within)
    return before
  })
}
