import type { Db } from '../db/client.js'
import { Prisma } from '../generated/prisma/client.js'
import type { IncomingMessage } from '../chat/message.js'
import { insertRows } from '../db/sql.js'

export type LogVerdict = { kind: 'new'; logId: number } | { kind: 'duplicate'; of: number }

// Every message addressed to the bot passes here: plain SQL (portable to PostgreSQL), so a
// message costs as few statements as it can.

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
  const topic = msg.room?.topic ?? null
  const windowMs = windowSeconds * 1000
  const sameText = Prisma.sql`
    SELECT "id" FROM "MessageLog"
    WHERE "senderName" = ${msg.sender.name} AND "text" = ${text}
      AND ${topic === null ? Prisma.sql`"roomTopic" IS NULL` : Prisma.sql`"roomTopic" = ${topic}`}
      AND "sentAt" >= ${new Date(msg.time.getTime() - windowMs)} AND "sentAt" <= ${new Date(msg.time.getTime() + windowMs)}
      -- A resend after an error reply is what we asked for, not a duplicate.
      AND "outcome" NOT IN ('duplicate', 'received') AND "outcome" NOT LIKE 'error:%'
    ORDER BY "id" LIMIT 1`
  // One statement for a new delivery: logged, and judged against the same text just sent.
  // The row it adds is 'duplicate' or 'received', so `of` never finds the row itself.
  const outcome = Prisma.sql`CASE WHEN EXISTS (${sameText}) THEN 'duplicate' ELSE 'received' END`
  const [row] = await db.$queryRaw<{ id: number; outcome: string; of: number | null }[]>(
    insertRows(
      'MessageLog',
      [{ puppetMessageId: msg.puppetMessageId, roomTopic: topic, senderName: msg.sender.name, text, sentAt: msg.time, receivedAt: new Date(), outcome }],
      Prisma.sql`ON CONFLICT ("puppetMessageId") DO NOTHING RETURNING "id", "outcome", (${sameText}) AS "of"`,
    ),
  )
  if (row) return row.outcome === 'duplicate' ? { kind: 'duplicate', of: row.of! } : { kind: 'new', logId: row.id }
  // Delivered before: handled again only if the process died while handling it.
  const [sameId] = await db.$queryRaw<{ id: number; outcome: string }[]>(Prisma.sql`
    SELECT "id", "outcome" FROM "MessageLog" WHERE "puppetMessageId" = ${msg.puppetMessageId}`)
  return sameId!.outcome === 'received' ? { kind: 'new', logId: sameId!.id } : { kind: 'duplicate', of: sameId!.id }
}

export async function recordOutcome(
  db: Db,
  logId: number,
  outcome: string,
  link: { roomId?: number; memberId?: number },
): Promise<void> {
  await db.$executeRaw(Prisma.sql`
    UPDATE "MessageLog" SET "outcome" = ${outcome}, "roomId" = ${link.roomId ?? null}, "memberId" = ${link.memberId ?? null}
    WHERE "id" = ${logId}`)
}
