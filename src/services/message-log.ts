import type { Db } from '../db/client.js'
import { Prisma } from '../generated/prisma/client.js'
import type { IncomingMessage } from '../chat/message.js'
import { insertRows } from '../db/sql.js'

/**
 * `new`: handle it; `logId` is a row an earlier version left 'received' when it died (it wrote
 * that row first). `duplicate`: the delivery of an earlier message, `of` its row.
 */
export type LogVerdict = { kind: 'new'; receivedAt: Date; logId?: number } | { kind: 'duplicate'; of: number }

// Every message addressed to the bot passes here: plain SQL (portable to PostgreSQL), so a
// message costs as few statements and commits as it can.

/** The earliest row of the same text from the same sender in the same chat within the window. */
function sameTextSql(msg: IncomingMessage, text: string, windowSeconds: number): Prisma.Sql {
  const topic = msg.room?.topic ?? null
  const windowMs = windowSeconds * 1000
  return Prisma.sql`
    SELECT "id" FROM "MessageLog"
    WHERE "senderName" = ${msg.sender.name} AND "text" = ${text}
      AND ${topic === null ? Prisma.sql`"roomTopic" IS NULL` : Prisma.sql`"roomTopic" = ${topic}`}
      AND "sentAt" >= ${new Date(msg.time.getTime() - windowMs)} AND "sentAt" <= ${new Date(msg.time.getTime() + windowMs)}
      -- A resend after an error reply is what we asked for, not a duplicate.
      AND "outcome" NOT IN ('duplicate', 'received') AND "outcome" NOT LIKE 'error:%'
    ORDER BY "id" LIMIT 1`
}

/**
 * Judges a message addressed to the bot in one read: the same puppet message id seen before,
 * or the same sender and text in the same chat within `windowSeconds`, is a duplicate
 * delivery. A new message writes nothing here: its row is written with its outcome and its
 * replies in one commit (`finishIncoming`), so a process that dies while handling it handles it
 * again (records and replies are keyed by the message: nothing is stored or sent twice).
 */
export async function judgeIncoming(db: Db, msg: IncomingMessage, text: string, windowSeconds: number): Promise<LogVerdict> {
  const receivedAt = new Date()
  const [seen] = await db.$queryRaw<{ id: number | null; outcome: string | null; of: number | null }[]>(Prisma.sql`
    SELECT m."id", m."outcome", (${sameTextSql(msg, text, windowSeconds)}) AS "of"
    FROM (SELECT 1 AS "one") AS "probe" LEFT JOIN "MessageLog" m ON m."puppetMessageId" = ${msg.puppetMessageId}`)
  if (seen!.id !== null) return seen!.outcome === 'received' ? { kind: 'new', receivedAt, logId: seen!.id } : { kind: 'duplicate', of: seen!.id }
  if (seen!.of === null) return { kind: 'new', receivedAt }
  // A resend within seconds is kept in the log, as what it was.
  await db.$executeRaw(insertRows('MessageLog', [logRow(msg, text, receivedAt, 'duplicate', {})], Prisma.sql`ON CONFLICT ("puppetMessageId") DO NOTHING`))
  return { kind: 'duplicate', of: seen!.of }
}

export interface LogLink {
  roomId?: number
  memberId?: number
}

function logRow(msg: IncomingMessage, text: string, receivedAt: Date, outcome: string, link: LogLink) {
  const room = { roomId: link.roomId ?? null, memberId: link.memberId ?? null }
  return { puppetMessageId: msg.puppetMessageId, roomTopic: msg.room?.topic ?? null, senderName: msg.sender.name, text, sentAt: msg.time, receivedAt, outcome, ...room }
}

/** The statement that writes a handled message's row with its outcome (and the room and member it was about). */
function outcomeStatement(msg: IncomingMessage, text: string, verdict: Extract<LogVerdict, { kind: 'new' }>, outcome: string, link: LogLink): Prisma.Sql {
  return verdict.logId === undefined
    ? insertRows('MessageLog', [logRow(msg, text, verdict.receivedAt, outcome, link)], Prisma.sql`ON CONFLICT ("puppetMessageId") DO NOTHING`)
    : Prisma.sql`UPDATE "MessageLog" SET "outcome" = ${outcome}, "roomId" = ${link.roomId ?? null}, "memberId" = ${link.memberId ?? null} WHERE "id" = ${verdict.logId}`
}

/**
 * A handled message: its row with the outcome, and `alsoQueue` (its replies' outbox rows), in
 * one transaction. Either the message counts as handled and its replies are queued, or
 * neither: one commit where there were one per reply plus one for the outcome.
 */
export async function finishIncoming(
  db: Db,
  msg: IncomingMessage,
  text: string,
  verdict: Extract<LogVerdict, { kind: 'new' }>,
  outcome: string,
  link: LogLink,
  alsoQueue: readonly Prisma.Sql[] = [],
): Promise<void> {
  const row = outcomeStatement(msg, text, verdict, outcome, link)
  if (alsoQueue.length === 0) {
    await db.$executeRaw(row)
    return
  }
  await db.$transaction([row, ...alsoQueue].map((sql) => db.$executeRaw(sql)))
}

/**
 * The same as statements, for a caller that commits them with a new record (see storeOnce),
 * so that the record, the message's outcome and its confirmation are one commit.
 */
export function incomingStatements(
  msg: IncomingMessage,
  text: string,
  verdict: Extract<LogVerdict, { kind: 'new' }>,
  outcome: string,
  link: LogLink,
  alsoQueue: readonly Prisma.Sql[],
): Prisma.Sql[] {
  return [outcomeStatement(msg, text, verdict, outcome, link), ...alsoQueue]
}
