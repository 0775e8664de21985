import { describe, expect, it } from 'vitest'
import { chatOf, nextRow } from '../../src/outbox/next-row.js'
import { freshDb } from '../helpers.js'

const NOW = new Date('2022-09-21T10:00:00+08:00')
const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000)
let key = 0

type Row = { roomId?: number; targetKind?: string; targetName?: string; puppetId?: string; priority?: number; notBefore?: Date; text: string }

async function setUp() {
  const { db } = await freshDb()
  const rooms = await Promise.all(['甲群', '乙群'].map((topic, i) => db.room.create({ data: { name: `会客厅${i}`, kind: '会客厅', topic } })))
  const add = (row: Row) =>
    db.outboxMessage.create({
      data: {
        targetKind: row.targetKind ?? 'room', roomId: row.roomId ?? null, targetName: row.targetName ?? null, puppetId: row.puppetId ?? null,
        text: row.text, dedupeKey: `k${++key}`, priority: row.priority ?? 1, notBefore: row.notBefore ?? at(-60), account: '',
      },
    })
  const next = async (served: Record<string, number> = {}, now = NOW) => {
    const { next: row, only } = await nextRow(db, '', now, new Map(Object.entries(served)))
    return { text: row?.text, room: row?.room?.topic ?? null, only }
  }
  return { db, rooms, add, next }
}

describe('nextRow', () => {
  it('gives a reply before any push, and the row with the room it goes to', async () => {
    const { rooms: [a, b], add, next } = await setUp()
    await add({ roomId: a!.id, text: '月报', notBefore: at(-120) })
    await add({ roomId: b!.id, text: '回复', priority: 0 })
    expect(await next()).toEqual({ text: '回复', room: '乙群', only: false })
  })

  it('serves the chat served longest ago among the due rows of the best rank, each chat in its own order', async () => {
    const { rooms: [a, b], add, next } = await setUp()
    await add({ roomId: a!.id, text: '甲一', notBefore: at(-300) })
    await add({ roomId: a!.id, text: '甲二', notBefore: at(-200) })
    await add({ roomId: b!.id, text: '乙一', notBefore: at(-100) })
    expect((await next()).text).toBe('甲一')
    expect((await next({ [`room:${a!.id}`]: 1 })).text).toBe('乙一')
    expect((await next({ [`room:${a!.id}`]: 2, [`room:${b!.id}`]: 1 })).text).toBe('乙一')
  })

  it('never lets a lower rank or a row not yet due jump ahead, whoever was served last', async () => {
    const { rooms: [a, b], add, next } = await setUp()
    await add({ roomId: a!.id, text: '甲的回复', priority: 0 })
    await add({ roomId: b!.id, text: '乙的推送' })
    await add({ roomId: b!.id, text: '乙的回复，稍后', priority: 0, notBefore: at(30) })
    expect((await next({ [`room:${a!.id}`]: 5 })).text).toBe('甲的回复')
  })

  it('counts a row due this very moment as due, and otherwise names the one due soonest to wake for', async () => {
    const { rooms: [a, b], add, next } = await setUp()
    await add({ roomId: a!.id, text: '甲', notBefore: at(60) })
    await add({ roomId: b!.id, text: '乙', notBefore: at(60) })
    await add({ roomId: b!.id, text: '乙稍后', notBefore: at(90) })
    // Due at 60 s: fairness decides (甲 was served last), not the order of the rows.
    expect(await next({ [`room:${a!.id}`]: 1 }, at(60))).toMatchObject({ text: '乙' })
    expect(await next({ [`room:${a!.id}`]: 1 }, at(10))).toMatchObject({ text: '甲', only: false })
  })

  it('tells contacts and unbound groups apart by id, else by name, for fairness', async () => {
    const { add, next } = await setUp()
    await add({ targetKind: 'contact', puppetId: 'c-wang', targetName: '王芳', text: '给王芳' , notBefore: at(-300) })
    await add({ targetKind: 'contact', targetName: '李明', text: '给李明', notBefore: at(-200) })
    await add({ targetKind: 'group', targetName: '新群', text: '给新群', notBefore: at(-100) })
    expect(await next()).toEqual({ text: '给王芳', room: null, only: false })
    expect((await next({ 'contact:c-wang': 1 })).text).toBe('给李明')
    expect((await next({ 'contact:c-wang': 1, 'contact:李明': 2 })).text).toBe('给新群')
    expect(chatOf({ roomId: null, targetKind: 'contact', puppetId: null, targetName: null } as Parameters<typeof chatOf>[0])).toBe('contact:')
  })

  it('says when the row is the only one pending, and skips held rooms', async () => {
    const { db, rooms: [a, b], add, next } = await setUp()
    await add({ roomId: a!.id, text: '甲' })
    expect(await next()).toEqual({ text: '甲', room: '甲群', only: true })
    await add({ roomId: b!.id, text: '乙' })
    await db.room.update({ where: { id: a!.id }, data: { heldAt: NOW, heldReason: '测试' } })
    expect(await next()).toEqual({ text: '乙', room: '乙群', only: true })
  })
})
