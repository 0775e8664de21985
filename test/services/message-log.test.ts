import { describe, expect, it } from 'vitest'
import type { IncomingMessage } from '../../src/chat/message.js'
import { logIncoming, recordOutcome } from '../../src/services/message-log.js'
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

describe('logIncoming', () => {
  it('handles a delivery once; the same id again is a duplicate, or handled again while still unfinished', async () => {
    const { db } = await freshDb()
    const first = await logIncoming(db, message('m1', '#活动 义诊', at(0)), '#活动 义诊', 10)
    expect(first).toEqual({ kind: 'new', logId: expect.any(Number) })
    if (first.kind !== 'new') return
    // The process died before the outcome was written: the redelivery is handled again, same row.
    expect(await logIncoming(db, message('m1', '#活动 义诊', at(0)), '#活动 义诊', 10)).toEqual({ kind: 'new', logId: first.logId })
    await recordOutcome(db, first.logId, 'activity', { roomId: undefined, memberId: undefined })
    expect(await logIncoming(db, message('m1', '#活动 义诊', at(0)), '#活动 义诊', 10)).toEqual({ kind: 'duplicate', of: first.logId })
    expect(await db.messageLog.count()).toBe(1)
  })

  it('takes the same text from the same sender in the same chat within the window as a duplicate of the first', async () => {
    const { db } = await freshDb()
    const first = await logIncoming(db, message('m1', '#月报', at(0)), '#月报', 10)
    if (first.kind !== 'new') throw new Error('expected new')
    await recordOutcome(db, first.logId, 'digest', {})
    expect(await logIncoming(db, message('m2', '#月报', at(10)), '#月报', 10)).toEqual({ kind: 'duplicate', of: first.logId })
    // Outside the window, in another group, in a private chat, from someone else, or another text: new.
    const others = [
      message('m3', '#月报', at(11)),
      message('m4', '#月报', at(5), { room: { puppetId: 'g-2', topic: '东海群' } }),
      message('m5', '#月报', at(5), { room: undefined }),
      message('m6', '#月报', at(5), { sender: { puppetId: 'c-2', name: '李明' } }),
      message('m7', '#季报', at(5)),
    ]
    for (const m of others) expect((await logIncoming(db, m, m.text, 10)).kind).toBe('new')
    const rows = await db.messageLog.findMany({ orderBy: { id: 'asc' } })
    expect(rows.map((r) => [r.puppetMessageId, r.roomTopic, r.outcome])).toEqual([
      ['m1', '健康群', 'digest'],
      ['m2', '健康群', 'duplicate'],
      ['m3', '健康群', 'received'],
      ['m4', '东海群', 'received'],
      ['m5', null, 'received'],
      ['m6', '健康群', 'received'],
      ['m7', '健康群', 'received'],
    ])
  })

  it('matches a private chat only with private chats, and takes a resend after an error reply as new', async () => {
    const { db } = await freshDb()
    const first = await logIncoming(db, message('p1', '#我的', at(0), { room: undefined }), '#我的', 10)
    if (first.kind !== 'new') throw new Error('expected new')
    await recordOutcome(db, first.logId, 'mine', {})
    expect(await logIncoming(db, message('p2', '#我的', at(3), { room: undefined }), '#我的', 10)).toEqual({ kind: 'duplicate', of: first.logId })
    const failed = await logIncoming(db, message('p3', '#导出', at(0), { room: undefined }), '#导出', 10)
    if (failed.kind !== 'new') throw new Error('expected new')
    await recordOutcome(db, failed.logId, 'error:ABC123', {})
    expect((await logIncoming(db, message('p4', '#导出', at(2), { room: undefined }), '#导出', 10)).kind).toBe('new')
  })
})

describe('recordOutcome', () => {
  it('writes the outcome with the room and member it was about, or none', async () => {
    const { db } = await freshDb()
    const room = await db.room.create({ data: { name: '甲', kind: '会客厅', topic: '健康群' } })
    const member = await db.member.create({ data: { name: '王芳' } })
    const a = await logIncoming(db, message('m1', '一', at(0)), '一', 10)
    const b = await logIncoming(db, message('m2', '二', at(0)), '二', 10)
    if (a.kind !== 'new' || b.kind !== 'new') throw new Error('expected new')
    await recordOutcome(db, a.logId, 'activity', { roomId: room.id, memberId: member.id })
    await recordOutcome(db, b.logId, 'unknown-command', {})
    const rows = await db.messageLog.findMany({ orderBy: { id: 'asc' } })
    expect(rows.map((r) => [r.outcome, r.roomId, r.memberId])).toEqual([['activity', room.id, member.id], ['unknown-command', null, null]])
  })
})
