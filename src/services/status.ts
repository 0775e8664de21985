import type { Db } from '../db/client.js'
import type { MessageLog, OutboxMessage, WriterClaim } from '../generated/prisma/client.js'

/** What `npm run status` reads: the writer's heartbeat, this account's outbox, the last message in. */
export interface StoredStatus {
  claim: WriterClaim | null
  pending: number
  failedCount: number
  /** The latest ten that failed. */
  failed: OutboxMessage[]
  oldestWaiting: OutboxMessage | null
  lastMessage: MessageLog | null
}

export async function storedStatus(db: Db, writerSlot: string, account: string): Promise<StoredStatus> {
  // This account's rows (on PostgreSQL other bot accounts may share the database).
  const mine = { account: { in: [account, ''] } }
  const waiting = { ...mine, status: { in: ['pending', 'sending'] } }
  const [claim, pending, failedCount, failed, oldestWaiting, lastMessage] = await Promise.all([
    db.writerClaim.findUnique({ where: { slot: writerSlot } }),
    db.outboxMessage.count({ where: waiting }),
    db.outboxMessage.count({ where: { ...mine, status: 'failed' } }),
    db.outboxMessage.findMany({ where: { ...mine, status: 'failed' }, orderBy: { id: 'desc' }, take: 10 }),
    db.outboxMessage.findFirst({ where: waiting, orderBy: { createdAt: 'asc' } }),
    db.messageLog.findFirst({ orderBy: { receivedAt: 'desc' } }),
  ])
  return { claim, pending, failedCount, failed, oldestWaiting, lastMessage }
}

/** The size of the PostgreSQL database the client is connected to, in bytes. */
export async function postgresBytes(db: Db): Promise<number> {
  const [row] = await db.$queryRaw<{ size: bigint }[]>`SELECT pg_database_size(current_database()) AS size`
  return Number(row?.size ?? 0)
}
