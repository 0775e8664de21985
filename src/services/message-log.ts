import type { Db } from '../db/client.js'
import { Prisma } from '../generated/prisma/client.js'
import type { IncomingMessage } from '../router/message.js'
import { sqlExecute, sqlRows } from '../db/direct.js'
import { insertRows } from '../db/sql.js'

export type LogVerdict = { kind: 'new'; logId: number } | { kind: 'duplicate'; of: number }

// Every message addressed to the bot passes here: plain SQL (portable to PostgreSQL), since
// each ORM call costs milliseconds in Prisma's query compiler.

/**
 * Records a message addressed to the bot, once. The same puppet message id, or the same
 * sender and text in the same chat within `windowSeconds`, is a duplicate delivery. A row
 * still marked 'received' was being handled when the process died: it is handled again
 * (records and replies are keyed by the message, so nothing is stored or sent twice).
 */
export async function logIncoming(
  db: Db,
  msg: IncomingMessage,
  text: string,
  windowSeconds: number,
): Promise<LogVerdict> {
  const [sameId] = await sqlRows<{ id: number; outcome: string }[]>(db, Prisma.sql`
    SELECT "id", "outcome" FROM "MessageLog" WHERE "puppetMessageId" = ${msg.puppetMessageId}`)
  if (sameId) return sameId.outcome === 'received' ? { kind: 'new', logId: sameId.id } : { kind: 'duplicate', of: sameId.id }

  const topic = msg.room?.topic ?? null
  const windowMs = windowSeconds * 1000
  const [sameText] = await sqlRows<{ id: number }[]>(db, Prisma.sql`
    SELECT "id" FROM "MessageLog"
    WHERE "senderName" = ${msg.sender.name} AND "text" = ${text}
      AND ${topic === null ? Prisma.sql`"roomTopic" IS NULL` : Prisma.sql`"roomTopic" = ${topic}`}
      AND "sentAt" >= ${new Date(msg.time.getTime() - windowMs)} AND "sentAt" <= ${new Date(msg.time.getTime() + windowMs)}
      -- A resend after an error reply is what we asked for, not a duplicate.
      AND "outcome" NOT IN ('duplicate', 'received') AND "outcome" NOT LIKE 'error:%'
    ORDER BY "id" LIMIT 1`)
  const [row] = await sqlRows<{ id: number }[]>(
    db,
    insertRows(
      'MessageLog',
      [{ puppetMessageId: msg.puppetMessageId, roomTopic: topic, senderName: msg.sender.name, text, sentAt: msg.time, receivedAt: new Date(), outcome: sameText ? 'duplicate' : 'received' }],
      Prisma.sql`RETURNING "id"`,
    ),
  )
  return sameText ? { kind: 'duplicate', of: sameText.id } : { kind: 'new', logId: row!.id }
}

export async function recordOutcome(
  db: Db,
  logId: number,
  outcome: string,
  link: { roomId?: number; memberId?: number },
): Promise<void> {
  await sqlExecute(db, Prisma.sql`
    UPDATE "MessageLog" SET "outcome" = ${outcome}, "roomId" = ${link.roomId ?? null}, "memberId" = ${link.memberId ?? null}
    WHERE "id" = ${logId}`)
}
