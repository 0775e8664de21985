import type { Db } from '../db/client.js'
import type { IncomingMessage } from '../router/message.js'

export type LogVerdict = { kind: 'new'; logId: number } | { kind: 'duplicate'; of: number }

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
  const sameId = await db.messageLog.findUnique({ where: { puppetMessageId: msg.puppetMessageId } })
  if (sameId) return sameId.outcome === 'received' ? { kind: 'new', logId: sameId.id } : { kind: 'duplicate', of: sameId.id }

  const windowMs = windowSeconds * 1000
  const sameText = await db.messageLog.findFirst({
    where: {
      senderName: msg.sender.name,
      roomTopic: msg.room?.topic ?? null,
      text,
      // A resend after an error reply is what we asked for, not a duplicate.
      NOT: [{ outcome: 'duplicate' }, { outcome: 'received' }, { outcome: { startsWith: 'error:' } }],
      sentAt: { gte: new Date(msg.time.getTime() - windowMs), lte: new Date(msg.time.getTime() + windowMs) },
    },
  })
  const row = await db.messageLog.create({
    data: {
      puppetMessageId: msg.puppetMessageId,
      roomTopic: msg.room?.topic ?? null,
      senderName: msg.sender.name,
      text,
      sentAt: msg.time,
      outcome: sameText ? 'duplicate' : 'received',
    },
  })
  return sameText ? { kind: 'duplicate', of: sameText.id } : { kind: 'new', logId: row.id }
}

export async function recordOutcome(
  db: Db,
  logId: number,
  outcome: string,
  link: { roomId?: number; memberId?: number },
): Promise<void> {
  await db.messageLog.update({
    where: { id: logId },
    data: { outcome, roomId: link.roomId ?? null, memberId: link.memberId ?? null },
  })
}
