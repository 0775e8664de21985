import { describe, expect, it } from 'vitest'
import { log } from '../../src/log.js'
import { Outbox } from '../../src/outbox/outbox.js'
import { RecordingTransport, knownGroups } from './recording.js'
import { ONE_MESSAGE_BUDGET, fitOneMessage, splitForWeChat } from '../../src/outbox/chunk.js'
import { freshDb } from '../helpers.js'

const contact = { kind: 'contact', name: '王芳', puppetId: 'contact-1' } as const
const groupOfRoom = knownGroups()
const gaveUp = groupOfRoom.givenUp

describe('Outbox', () => {
  it('keeps messages while detached and sends them in order once attached', async () => {
    const { db } = await freshDb()
    const outbox = new Outbox(db, log, groupOfRoom, { minIntervalMs: 0, maxPerMinute: 0 })
    await outbox.enqueue(contact, { text: '一' })
    await outbox.enqueue(contact, { text: '二' })
    expect(await db.outboxMessage.count({ where: { status: 'pending' } })).toBe(2)
    const transport = new RecordingTransport()
    outbox.attach(transport)
    await outbox.idle()
    expect(transport.delivered.map((d) => d.content.text)).toEqual(['一', '二'])
    expect(await db.outboxMessage.count({ where: { status: 'pending' } })).toBe(0)
  })

  it('survives a restart: a new outbox on the same database sends what the old one could not', async () => {
    const { db } = await freshDb()
    await new Outbox(db, log, groupOfRoom).enqueue(contact, { text: '重启前排队的消息' })
    const transport = new RecordingTransport()
    const restarted = new Outbox(db, log, groupOfRoom, { minIntervalMs: 0, maxPerMinute: 0 })
    restarted.attach(transport)
    await restarted.idle()
    expect(transport.delivered).toHaveLength(1)
  })

  it('retries with back-off when the puppet fails, and never drops the message', async () => {
    const { db } = await freshDb()
    const outbox = new Outbox(db, log, groupOfRoom, { minIntervalMs: 0, maxPerMinute: 0, retryBaseMs: 300, retryMaxMs: 600 })
    const transport = new RecordingTransport(3)
    outbox.attach(transport)
    await outbox.enqueue(contact, { text: '重要通知' })
    await outbox.idle()
    const row = await db.outboxMessage.findFirstOrThrow()
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: '发送消息过于频繁' })
    await expect.poll(() => transport.delivered.length, { timeout: 3000, interval: 20 }).toBe(1)
    await outbox.idle()
    expect(await db.outboxMessage.findFirstOrThrow()).toMatchObject({ status: 'sent', attempts: 4 })
    outbox.detach()
  })

  it('caps the retry back-off at retryMaxMs', async () => {
    const { db } = await freshDb()
    const outbox = new Outbox(db, log, groupOfRoom, { minIntervalMs: 0, maxPerMinute: 0, retryBaseMs: 1000, retryMaxMs: 1500 })
    await db.outboxMessage.create({ data: { targetKind: 'contact', targetName: '王芳', puppetId: 'c-1', text: '重试', attempts: 5 } })
    outbox.attach(new RecordingTransport(1))
    await outbox.idle()
    const row = await db.outboxMessage.findFirstOrThrow()
    expect(row.attempts).toBe(6)
    // 1000 × 2^5 would be 32 s: the cap holds it to 1.5 s.
    expect(row.notBefore.getTime() - Date.now()).toBeLessThanOrEqual(1500)
    expect(row.notBefore.getTime() - Date.now()).toBeGreaterThan(1000)
    outbox.detach()
  })

  it('paces sends at least minIntervalMs apart', async () => {
    const { db } = await freshDb()
    let virtual = 1_000_000
    const timer = { now: () => virtual, sleep: async (ms: number) => void (virtual += ms) }
    const outbox = new Outbox(db, log, groupOfRoom, { minIntervalMs: 120, maxPerMinute: 0, timer })
    for (const text of ['a', 'b', 'c']) await outbox.enqueue(contact, { text })
    const times: number[] = []
    outbox.attach({ send: async () => void times.push(virtual) })
    await outbox.idle()
    expect(times).toEqual([1_000_000, 1_000_120, 1_000_240])
  })

  it('spreads a per-minute cap evenly instead of sending in bursts', async () => {
    const { db } = await freshDb()
    let virtual = 0
    const timer = { now: () => virtual, sleep: async (ms: number) => void (virtual += ms) }
    const outbox = new Outbox(db, log, groupOfRoom, { minIntervalMs: 1500, maxPerMinute: 20, timer })
    for (let i = 0; i < 30; i++) await outbox.enqueue(contact, { text: `第${i}条` })
    const times: number[] = []
    outbox.attach({ send: async () => void times.push(virtual) })
    await outbox.idle()
    const gaps = times.slice(1).map((t, i) => t - times[i]!)
    expect(new Set(gaps)).toEqual(new Set([3000]))
  })

  it('splits a long text into parts in the same order', async () => {
    const { db } = await freshDb()
    const outbox = new Outbox(db, log, groupOfRoom, { minIntervalMs: 0, maxPerMinute: 0, maxChars: 10 })
    const transport = new RecordingTransport()
    outbox.attach(transport)
    await outbox.enqueue(contact, { text: '第一行内容\n第二行内容\n第三行' })
    await outbox.idle()
    expect(transport.delivered.map((d) => d.content.text)).toEqual(['第一行内容', '第二行内容\n第三行'])
  })

  it('queues a message with a dedupe key only once', async () => {
    const { db } = await freshDb()
    const outbox = new Outbox(db, log, groupOfRoom)
    expect(await outbox.enqueue(contact, { text: '月报' }, 'monthly:1:2022-09')).toBe(true)
    expect(await outbox.enqueue(contact, { text: '月报' }, 'monthly:1:2022-09')).toBe(false)
    expect(await db.outboxMessage.count({ where: { status: 'pending' } })).toBe(1)
  })
})

describe('splitForWeChat', () => {
  it('never cuts an emoji in half', () => {
    const parts = splitForWeChat('👍'.repeat(5), 3)
    expect(parts.join('')).toBe('👍'.repeat(5))
    for (const part of parts) expect(part).not.toMatch(/[\uD800-\uDBFF]$/)
  })

  it('keeps short texts whole and cuts over-long lines', () => {
    expect(splitForWeChat('短', 5)).toEqual(['短'])
    expect(splitForWeChat('一二三四五六七', 3)).toEqual(['一二三', '四五六', '七'])
    const parts = splitForWeChat(Array.from({ length: 50 }, (_, i) => `第${i}行`).join('\n'), 40)
    expect(parts.every((p) => p.length <= 40)).toBe(true)
    expect(parts.join('\n')).toBe(Array.from({ length: 50 }, (_, i) => `第${i}行`).join('\n'))
  })
})

describe('fitOneMessage', () => {
  it('keeps the heading and what fits, and counts the rest in a last line', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `${i + 1}. 委员${i + 1} 60 分 称职`)
    const text = fitOneMessage(['【积分榜】'], lines, (n) => `……另有 ${n} 位`)
    expect(text.length).toBeLessThanOrEqual(ONE_MESSAGE_BUDGET)
    expect(text.startsWith('【积分榜】\n1. 委员1 60 分 称职\n')).toBe(true)
    const shown = text.split('\n').length - 2
    expect(text.endsWith(`……另有 ${200 - shown} 位`)).toBe(true)
    expect(fitOneMessage(['头'], ['一', '二'], () => '多')).toBe('头\n一\n二')
  })
})

describe('a fair outbox', () => {
  it('sends a reply before any push, and serves chats round-robin: one room’s backlog never holds another room up', async () => {
    const { db } = await freshDb()
    const a = await db.room.create({ data: { name: '甲', kind: '会客厅', topic: '甲群', puppetRoomId: 'g-a' } })
    const b = await db.room.create({ data: { name: '乙', kind: '会客厅', topic: '乙群', puppetRoomId: 'g-b' } })
    const outbox = new Outbox(db, log, groupOfRoom, { minIntervalMs: 0, maxPerMinute: 0 })
    for (let i = 0; i < 300; i++) await outbox.enqueue({ kind: 'room', roomId: a.id }, { text: `甲${i}` })
    await outbox.enqueue({ kind: 'room', roomId: b.id }, { text: '乙的回复' }, 'reply:x:1', 'reply')
    await outbox.enqueue({ kind: 'room', roomId: b.id }, { text: '乙的推送' })
    await outbox.enqueue({ kind: 'contact', name: '王芳', puppetId: 'c-1' }, { text: '王芳的推送' })
    const transport = new RecordingTransport()
    outbox.attach(transport)
    await outbox.idle()
    const order = transport.delivered.map((d) => d.content.text)
    expect(order).toHaveLength(303)
    expect(order[0]).toBe('乙的回复')
    // Then the three chats in turn: 甲 does not go first for 300 rows.
    expect(order.slice(1, 4).sort()).toEqual(['王芳的推送', '甲0', '乙的推送'].sort())
    // Each chat keeps its own order.
    expect(order.filter((t) => t!.startsWith('甲'))).toEqual(Array.from({ length: 300 }, (_, i) => `甲${i}`))
  })

  it('chooses the next row after waiting its turn: a reply queued during the wait goes before the push it waited to send', async () => {
    const { db } = await freshDb()
    const a = await db.room.create({ data: { name: '甲', kind: '会客厅', topic: '甲群', puppetRoomId: 'g-a' } })
    const b = await db.room.create({ data: { name: '乙', kind: '会客厅', topic: '乙群', puppetRoomId: 'g-b' } })
    // A clock that moves only when a wait is let go.
    let now = 100_000
    const waits: (() => void)[] = []
    const timer = { now: () => now, sleep: (ms: number) => new Promise<void>((resolve) => waits.push(() => ((now += ms), resolve()))) }
    const outbox = new Outbox(db, log, groupOfRoom, { minIntervalMs: 1500, maxPerMinute: 0, timer })
    await outbox.enqueue({ kind: 'room', roomId: a.id }, { text: '甲的推送一' })
    await outbox.enqueue({ kind: 'room', roomId: a.id }, { text: '甲的推送二' })
    const transport = new RecordingTransport()
    outbox.attach(transport)
    await expect.poll(() => waits.length).toBe(1)
    await outbox.enqueue({ kind: 'room', roomId: b.id }, { text: '乙的回复' }, 'reply:y:1', 'reply')
    while (transport.delivered.length < 3) {
      await expect.poll(() => waits.length).toBeGreaterThan(0)
      waits.shift()!()
    }
    expect(transport.delivered.map((d) => [d.content.text, d.destination])).toEqual([
      ['甲的推送一', { kind: 'group', topic: '甲群', puppetId: 'g-a', bound: true }],
      ['乙的回复', { kind: 'group', topic: '乙群', puppetId: 'g-b', bound: true }],
      ['甲的推送二', { kind: 'group', topic: '甲群', puppetId: 'g-a', bound: true }],
    ])
    outbox.detach()
  })

  it('gives up a row that keeps failing after giveUpMs, once, and keeps retrying before that', async () => {
    gaveUp.length = 0
    const { db } = await freshDb()
    const outbox = new Outbox(db, log, groupOfRoom, { minIntervalMs: 0, maxPerMinute: 0, retryBaseMs: 20, retryMaxMs: 20, giveUpMs: 60_000 })
    await outbox.enqueue(contact, { text: '新的' })
    await db.outboxMessage.create({ data: { targetKind: 'contact', targetName: '李明', puppetId: 'c-2', text: '旧的', createdAt: new Date(Date.now() - 61_000) } })
    outbox.attach(new RecordingTransport(2))
    await outbox.idle()
    // The new one failed too, but is retried (and then sent); only the old one is given up.
    await expect.poll(async () => (await db.outboxMessage.findFirstOrThrow({ where: { text: '新的' } })).status, { timeout: 3000 }).toBe('sent')
    const rows = await db.outboxMessage.findMany({ orderBy: { id: 'asc' } })
    expect(rows.map((r) => [r.text, r.status, r.attempts])).toEqual([['新的', 'sent', 2], ['旧的', 'failed', 1]])
    expect(gaveUp.map((r) => r.text)).toEqual(['旧的'])
    outbox.detach()
  })
})
