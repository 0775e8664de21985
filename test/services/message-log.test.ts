import { describe, expect, it } from 'vitest'
import type { IncomingMessage } from '../../src/chat/message.js'
import { Prisma } from '../../src/generated/prisma/client.js'
import type { Db } from '../../src/db/client.js'
import { finishIncoming, judgeIncoming, type LogVerdict } from '../../src/services/message-log.js'
import { freshDb } from '../helpers.js'

const at = (s: number) => new Date(Date.UTC(2022, 8, 20, 2, 0, s))
const message = (id: string, text: string, time: Date, over: Partial<IncomingMessage> = {}): IncomingMessage => ({
  puppetMessageId: id,
  text,
  time,
  fromSelf: false,
  sender: { puppetId: 'c-1', name: '王芳' },
  room: { puppetId: 'g-1', topic: '健康群' },
  mentions: [],
  mentionsBot: false,
  ...over,
})

function asNew(verdict: LogVerdict) {
  if (verdict.kind !== 'new') throw new Error(`expected new, got ${JSON.stringify(verdict)}`)
  return verdict
}

/** Judged and handled with `outcome`: what the router does for one message. */
async function handle(db: Db, msg: IncomingMessage, outcome: string) {
  await finishIncoming(db, msg, msg.text, asNew(await judgeIncoming(db, msg, msg.text, 10)), outcome, {})
}

describe('judgeIncoming', () => {
  it('writes nothing for a new delivery; once handled, the same id again is a duplicate of its row', async () => {
    const { db } = await freshDb()
    const m1 = message('m1', '#活动 义诊', at(0))
    const first = asNew(await judgeIncoming(db, m1, m1.text, 10))
    expect(first).toEqual({ kind: 'new', receivedAt: expect.any(Date) })
    expect(await db.messageLog.count()).toBe(0)
    // The process died before the outcome was written: the redelivery is simply new again.
    expect((await judgeIncoming(db, m1, m1.text, 10)).kind).toBe('new')
    await finishIncoming(db, m1, m1.text, first, 'activity', {})
    const [row] = await db.messageLog.findMany()
    expect(row).toMatchObject({ puppetMessageId: 'm1', roomTopic: '健康群', senderName: '王芳', text: '#活动 义诊', sentAt: at(0), receivedAt: first.receivedAt, outcome: 'activity' })
    expect(await judgeIncoming(db, m1, m1.text, 10)).toEqual({ kind: 'duplicate', of: row!.id })
    expect(await db.messageLog.count()).toBe(1)
  })

  it('handles again a row an earlier version left "received", and finishes that same row', async () => {
    const { db } = await freshDb()
    const m1 = message('m1', '#活动 义诊', at(0))
    const left = await db.messageLog.create({ data: { puppetMessageId: 'm1', roomTopic: '健康群', senderName: '王芳', text: m1.text, sentAt: at(0), outcome: 'received' } })
    const again = asNew(await judgeIncoming(db, m1, m1.text, 10))
    expect(again.logId).toBe(left.id)
    await finishIncoming(db, m1, m1.text, again, 'activity', { roomId: undefined })
    expect((await db.messageLog.findMany()).map((r) => [r.id, r.outcome])).toEqual([[left.id, 'activity']])
  })

  it('takes the same text from the same sender in the same chat within the window as a duplicate of the first, and logs it', async () => {
    const { db } = await freshDb()
    await handle(db, message('m1', '#月报', at(0)), 'digest')
    const first = await db.messageLog.findFirstOrThrow()
    expect(await judgeIncoming(db, message('m2', '#月报', at(10)), '#月报', 10)).toEqual({ kind: 'duplicate', of: first.id })
    expect(await judgeIncoming(db, message('m2b', '#月报', at(-10)), '#月报', 10)).toEqual({ kind: 'duplicate', of: first.id })
    // Outside the window, in another group, in a private chat, from someone else, or another text: new.
    const others = [
      message('m3', '#月报', at(11)),
      message('m3b', '#月报', at(-11)),
      message('m4', '#月报', at(5), { room: { puppetId: 'g-2', topic: '东海群' } }),
      message('m5', '#月报', at(5), { room: undefined }),
      message('m6', '#月报', at(5), { sender: { puppetId: 'c-2', name: '李明' } }),
      message('m7', '#季报', at(5)),
    ]
    for (const m of others) expect((await judgeIncoming(db, m, m.text, 10)).kind, m.puppetMessageId).toBe('new')
    const rows = await db.messageLog.findMany({ orderBy: { id: 'asc' } })
    expect(rows.map((r) => [r.puppetMessageId, r.roomTopic, r.outcome])).toEqual([
      ['m1', '健康群', 'digest'],
      ['m2', '健康群', 'duplicate'],
      ['m2b', '健康群', 'duplicate'],
    ])
    // A duplicate is no model for the next resend, nor is a row left unfinished.
    await db.messageLog.update({ where: { id: first.id }, data: { outcome: 'received', puppetMessageId: 'gone' } })
    expect((await judgeIncoming(db, message('m8', '#月报', at(1)), '#月报', 10)).kind).toBe('new')
  })

  it('matches a private chat only with private chats, and takes a resend after an error reply as new', async () => {
    const { db } = await freshDb()
    await handle(db, message('p1', '#我的', at(0), { room: undefined }), 'mine')
    const first = await db.messageLog.findFirstOrThrow()
    expect(await judgeIncoming(db, message('p2', '#我的', at(3), { room: undefined }), '#我的', 10)).toEqual({ kind: 'duplicate', of: first.id })
    await handle(db, message('p3', '#导出', at(0), { room: undefined }), 'error:ABC123')
    expect((await judgeIncoming(db, message('p4', '#导出', at(2), { room: undefined }), '#导出', 10)).kind).toBe('new')
  })
})

describe('finishIncoming', () => {
  it('writes the outcome with the room and member it was about, or none', async () => {
    const { db } = await freshDb()
    const room = await db.room.create({ data: { name: '甲', kind: '会客厅', topic: '健康群' } })
    const member = await db.member.create({ data: { name: '王芳' } })
    const [a, b] = [message('m1', '一', at(0)), message('m2', '二', at(0))]
    await finishIncoming(db, a, a.text, asNew(await judgeIncoming(db, a, a.text, 10)), 'activity', { roomId: room.id, memberId: member.id })
    await finishIncoming(db, b, b.text, asNew(await judgeIncoming(db, b, b.text, 10)), 'unknown-command', {})
    const rows = await db.messageLog.findMany({ orderBy: { id: 'asc' } })
    expect(rows.map((r) => [r.outcome, r.roomId, r.memberId])).toEqual([['activity', room.id, member.id], ['unknown-command', null, null]])
  })

  it('commits the outcome and the statements queued with it together, or none of them', async () => {
    const { db } = await freshDb()
    const queue = (key: string) => Prisma.sql`INSERT INTO "OutboxMessage" ("targetKind", "text", "dedupeKey", "notBefore", "createdAt") VALUES ('contact', 'x', ${key}, ${at(0)}, ${at(0)})`
    const m1 = message('m1', '一', at(0))
    await finishIncoming(db, m1, m1.text, asNew(await judgeIncoming(db, m1, m1.text, 10)), 'handled:一', {}, [queue('reply:m1:1'), queue('reply:m1:2')])
    expect(await db.outboxMessage.count()).toBe(2)
    // The second reply fails (its key is taken without ON CONFLICT): neither the outcome nor the first reply stays.
    const m2 = message('m2', '二', at(0))
    const failing = finishIncoming(db, m2, m2.text, asNew(await judgeIncoming(db, m2, m2.text, 10)), 'handled:二', {}, [queue('reply:m2:1'), queue('reply:m1:1')])
    await expect(failing).rejects.toThrow()
    expect((await db.messageLog.findMany()).map((r) => r.puppetMessageId)).toEqual(['m1'])
    expect((await db.outboxMessage.findMany({ orderBy: { id: 'asc' } })).map((r) => r.dedupeKey)).toEqual(['reply:m1:1', 'reply:m1:2'])
    expect((await judgeIncoming(db, m2, m2.text, 10)).kind).toBe('new')
  })
})
