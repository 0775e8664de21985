import type { Db, Queryable, Tx } from '../db/client.js'

/**
 * What commits with a new record, in its one transaction: the message's outcome and its
 * confirmation (see `ChatContext.commitRecord`), drafts it completes, the plan it fulfils.
 */
export type WithinCommit<R> = (tx: Tx, record: R) => Promise<void>

export interface RecordSteps<R> {
  /** Takes a code and writes the record with its people and figures. */
  insert(tx: Tx): Promise<R>
  /** The record this source message became before, if it did. */
  storedBefore(db: Queryable): Promise<R | null>
}

/**
 * Stores a new record and runs `within` before its one commit: the record, the message's
 * outcome and its confirmation are kept together or not at all. The source message id is
 * unique, so a message stored before fails the insert (its code is not used up) and gets its
 * stored record back instead, with `within` run for it: never a second record. Drafts and
 * plans are stored the same way, without `within`.
 */
export async function storeOnce<R>(db: Db, steps: RecordSteps<R>, within?: WithinCommit<R>): Promise<R> {
  try {
    return await db.$transaction(async (tx) => {
      const record = await steps.insert(tx)
      await within?.(tx, record)
      return record
    })
  } catch (error) {
    // A database that fails the lookup as well: the first error is the one to report.
    const before = await steps.storedBefore(db).catch(() => null)
    if (!before) throw error
    return db.$transaction(async (tx) => {
      await within?.(tx, before)
      return before
    })
  }
}
