import type { Config } from '../config.js'
import type { Db } from '../db/client.js'

export interface Swept {
  privateMessages: number
  sentRows: number
}

/**
 * What an office's bot must not keep for months in its database: private chatter in the message
 * log (only de-duplication needs it, for minutes) and sent outbox rows (their keys matter only
 * within the catch-up window). Export files nobody fetched go by `sweepExports` (src/export).
 */
export async function sweepOldData(db: Db, config: Config, now: Date): Promise<Swept> {
  const day = 86_400_000
  const logCutoff = new Date(now.getTime() - config.MESSAGE_LOG_DAYS * day)
  // Sent rows keep their exactly-once keys for as long as a catch-up could queue them again.
  const sentCutoff = new Date(now.getTime() - Math.max(config.MESSAGE_LOG_DAYS, config.CATCH_UP_DAYS + 1) * day)
  const privateMessages = (await db.messageLog.deleteMany({ where: { roomId: null, roomTopic: null, receivedAt: { lt: logCutoff } } })).count
  const sentRows = (await db.outboxMessage.deleteMany({ where: { status: 'sent', sentAt: { lt: sentCutoff } } })).count
  return { privateMessages, sentRows }
}
