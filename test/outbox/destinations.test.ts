import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { log } from '../../src/log.js'
import { Outbox, type OutboxRouting } from '../../src/outbox/outbox.js'
import type { Destination, OutboxContent, Transport } from '../../src/chat/transport.js'
import type { OutboxMessage, Room } from '../../src/generated/prisma/client.js'
import { freshDb } from '../helpers.js'
import { RoomBinding } from '../../src/services/room-binding.js'
import { LoginSession } from '../../src/identity/session.js'

/** Records what it is asked to send; answers with a topic when told the group was renamed. */
class Recorder implements Transport {
  readonly sent: { destination: Destination; content: OutboxContent }[] = []
  renamedTo: string | undefined
  async send(destination: Destination, content: OutboxContent) {
    this.sent.push({ destination, content })
    return this.renamedTo ? { topic: this.renamedTo } : undefined
  }
}

/** A login whose id can change, with rooms held until confirmed. */
function routing(over: Partial<OutboxRouting> & { login?: { id: string | undefined }; held?: Set<number> } = {}) {
  const gaveUp: OutboxMessage[] = []
  const login = over.login ?? { id: 'login-1' }
  const held = over.held ?? new Set<number>()
  const r: OutboxRouting = {
    // As the room binding does: a room found to be another group is held (heldAt) and has no group.
    groupOf: async (room: Room) => (held.has(room.id) || room.heldAt ? undefined : `group-of-${room.id}`),
    loginId: () => login.id,
    gaveUp: async (row) => void gaveUp.push(row),
  }
  return { routing: r, gaveUp, login, held }
}

const fast = { minIntervalMs: 0, maxPerMinute: 0, retryBaseMs: 10_000 }

describe('where the outbox delivers', () => {
  it('sends to a contact by this login’s id, and after a re-login by remark only, never by the old id', async () => {
    const { db } = await freshDb()
    const r = routing()
    const outbox = new Outbox(db, log, r.routing, fast)
    await outbox.enqueue({ kind: 'contact', name: '王芳', puppetId: 'c-1', remark: '王芳秘书' }, { text: '一' })
    expect(await db.outboxMessage.findFirstOrThrow()).toMatchObject({ targetKind: 'contact', targetName: '王芳', puppetId: 'c-1', puppetLogin: 'login-1', targetRemark: '王芳秘书', roomId: null })
    r.login.id = 'login-2'
    await outbox.enqueue({ kind: 'contact', name: '李明', puppetId: 'c-9' }, { text: '二' })
    const transport = new Recorder()
    outbox.attach(transport)
    await outbox.idle()
    expect(transport.sent.map((s) => s.destination)).toEqual([
      { kind: 'contact', name: '王芳', remark: '王芳秘书' },
      { kind: 'contact', name: '李明', puppetId: 'c-9' },
    ])
  })

  it('keeps any id where ids are stable (no login id), and stores no login for a target without an id', async () => {
    const { db } = await freshDb()
    const r = routing({ login: { id: undefined } })
    const outbox = new Outbox(db, log, r.routing, fast)
    await outbox.enqueue({ kind: 'contact', name: '王芳', puppetId: 'wxid-1' }, { text: '一' })
    await outbox.enqueue({ kind: 'contact', name: '李明', remark: '李明' }, { text: '二' })
    const rows = await db.outboxMessage.findMany({ orderBy: { id: 'asc' } })
    expect(rows.map((x) => [x.puppetId, x.puppetLogin])).toEqual([['wxid-1', null], [null, null]])
    const transport = new Recorder()
    outbox.attach(transport)
    await outbox.idle()
    expect(transport.sent.map((s) => s.destination)).toEqual([
      { kind: 'contact', name: '王芳', puppetId: 'wxid-1' },
      { kind: 'contact', name: '李明', remark: '李明' },
    ])
  })

  it('sends to an unbound group by this login’s id, and fails it (no retry) once the id is of an earlier login', async () => {
    const { db } = await freshDb()
    const r = routing()
    const outbox = new Outbox(db, log, r.routing, fast)
    await outbox.enqueue({ kind: 'raw-room', topic: '新群', puppetId: 'g-1' }, { text: '请先绑定' })
    await outbox.enqueue({ kind: 'raw-room', topic: '新群', puppetId: 'g-1' }, { text: '第二条' })
    const transport = new Recorder()
    outbox.attach(transport)
    await outbox.idle()
    expect(transport.sent.map((s) => s.destination)).toEqual([
      { kind: 'group', topic: '新群', puppetId: 'g-1', bound: false },
      { kind: 'group', topic: '新群', puppetId: 'g-1', bound: false },
    ])
    outbox.detach()
    await outbox.enqueue({ kind: 'raw-room', topic: '新群', puppetId: 'g-1' }, { text: '重新登录后' })
    r.login.id = 'login-2'
    outbox.attach(transport)
    await outbox.idle()
    expect(transport.sent).toHaveLength(2)
    const failed = await db.outboxMessage.findFirstOrThrow({ where: { text: '重新登录后' } })
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 })
    expect(failed.lastError).toContain('不按群名找')
    // Undeliverable is not "given up after trying": the admins are not alerted for it.
    expect(r.gaveUp).toEqual([])
  })

  it('fails a row whose room is gone, and holds a room’s rows while it waits for #确认绑定', async () => {
    const { db } = await freshDb()
    const room = await db.room.create({ data: { name: '甲', kind: '会客厅', topic: '甲群', heldAt: new Date() } })
    const r = routing()
    const outbox = new Outbox(db, log, r.routing, fast)
    await outbox.enqueue({ kind: 'room', roomId: room.id }, { text: '等确认' })
    await outbox.enqueue({ kind: 'room', roomId: 9999 }, { text: '没有这个群' })
    const transport = new Recorder()
    outbox.attach(transport)
    await outbox.idle()
    expect(transport.sent).toEqual([])
    const rows = await db.outboxMessage.findMany({ orderBy: { id: 'asc' } })
    expect(rows.map((x) => [x.text, x.status, x.attempts])).toEqual([['等确认', 'pending', 0], ['没有这个群', 'failed', 1]])
    await db.room.update({ where: { id: room.id }, data: { heldAt: null } })
    outbox.wake()
    await outbox.idle()
    expect(transport.sent.map((s) => [s.destination, s.content.text])).toEqual([[{ kind: 'group', topic: '甲群', puppetId: `group-of-${room.id}`, bound: true }, '等确认']])
  })

  it('follows a group renamed while nobody spoke, and leaves the topic alone otherwise', async () => {
    const { db } = await freshDb()
    const room = await db.room.create({ data: { name: '甲', kind: '会客厅', topic: '甲群' } })
    const outbox = new Outbox(db, log, routing().routing, fast)
    const transport = new Recorder()
    outbox.attach(transport)
    await outbox.enqueue({ kind: 'room', roomId: room.id }, { text: '一' })
    await outbox.idle()
    expect((await db.room.findUniqueOrThrow({ where: { id: room.id } })).topic).toBe('甲群')
    transport.renamedTo = '甲群（新）'
    await outbox.enqueue({ kind: 'room', roomId: room.id }, { text: '二' })
    await outbox.idle()
    expect((await db.room.findUniqueOrThrow({ where: { id: room.id } })).topic).toBe('甲群（新）')
    // A renamed unbound group changes no room.
    transport.renamedTo = '别的名字'
    await outbox.enqueue({ kind: 'raw-room', topic: '新群', puppetId: 'g-1' }, { text: '三' })
    await outbox.idle()
    expect((await db.room.findUniqueOrThrow({ where: { id: room.id } })).topic).toBe('甲群（新）')
  })

  it('sends a file by its name, then removes it and its own folder, leaving other files alone', async () => {
    const { db } = await freshDb()
    const dir = join(process.env.TEST_TMP_DIR!, `export-${Date.now()}`)
    mkdirSync(join(dir, 'a'), { recursive: true })
    mkdirSync(join(dir, 'b'), { recursive: true })
    writeFileSync(join(dir, 'a', '台账.xlsx'), 'x')
    writeFileSync(join(dir, 'b', '台账.xlsx'), 'y')
    writeFileSync(join(dir, 'b', '另一个.xlsx'), 'z')
    const outbox = new Outbox(db, log, routing().routing, fast)
    const transport = new Recorder()
    outbox.attach(transport)
    await outbox.enqueue({ kind: 'contact', name: '王芳', puppetId: 'c-1' }, { file: { path: join(dir, 'a', '台账.xlsx'), name: '2022年台账.xlsx' } })
    await outbox.enqueue({ kind: 'contact', name: '王芳', puppetId: 'c-1' }, { file: { path: join(dir, 'b', '台账.xlsx'), name: '台账.xlsx' } })
    await outbox.idle()
    expect(transport.sent.map((s) => s.content)).toEqual([
      { file: { path: join(dir, 'a', '台账.xlsx'), name: '2022年台账.xlsx' } },
      { file: { path: join(dir, 'b', '台账.xlsx'), name: '台账.xlsx' } },
    ])
    expect([existsSync(join(dir, 'a')), existsSync(join(dir, 'b', '台账.xlsx')), existsSync(join(dir, 'b', '另一个.xlsx'))]).toEqual([false, false, true])
  })

  it('keys the parts of a long text by its key, so a repeat queues none of them', async () => {
    const { db } = await freshDb()
    const outbox = new Outbox(db, log, routing().routing, { ...fast, maxChars: 40 })
    const long = Array.from({ length: 6 }, (_, i) => `第${i}行：${'字'.repeat(12)}`).join('\n')
    expect(await outbox.enqueue({ kind: 'contact', name: '王芳', puppetId: 'c-1' }, { text: long }, 'digest:1', 'reply')).toBe(true)
    const rows = await db.outboxMessage.findMany({ orderBy: { id: 'asc' } })
    expect(rows.length).toBeGreaterThan(1)
    expect(rows.map((x) => x.dedupeKey)).toEqual(rows.map((_, i) => (i === 0 ? 'digest:1' : `digest:1#${i}`)))
    expect(new Set(rows.map((x) => x.priority))).toEqual(new Set([0]))
    expect(await outbox.enqueue({ kind: 'contact', name: '王芳', puppetId: 'c-1' }, { text: long }, 'digest:1', 'reply')).toBe(false)
    expect(await outbox.enqueue({ kind: 'contact', name: '王芳', puppetId: 'c-1' }, { text: '推送' })).toBe(true)
    expect((await db.outboxMessage.findFirstOrThrow({ where: { text: '推送' } })).priority).toBe(1)
    expect(await db.outboxMessage.count()).toBe(rows.length + 1)
  })

  it('sends only this account’s rows and those from before accounts', async () => {
    const { db } = await freshDb()
    const outbox = new Outbox(db, log, routing().routing, { ...fast, account: '甲号' })
    for (const [account, text] of [['甲号', '甲的'], ['乙号', '乙的'], ['', '旧的']] as const) {
      await db.outboxMessage.create({ data: { targetKind: 'contact', targetName: '王芳', puppetId: 'c-1', puppetLogin: 'login-1', text, account } })
    }
    const transport = new Recorder()
    outbox.attach(transport)
    await outbox.idle()
    expect(transport.sent.map((s) => s.content.text)).toEqual(['甲的', '旧的'])
    expect((await db.outboxMessage.findFirstOrThrow({ where: { text: '乙的' } })).status).toBe('pending')
  })

  it('retries, rather than spins on, a room with stable ids whose group id was never recorded', async () => {
    const { db } = await freshDb()
    const room = await db.room.create({ data: { name: '甲', kind: '会客厅', topic: '甲群', account: 'bot' } })
    const binding = new RoomBinding(db, new LoginSession(), { admins: [], stableIds: true }, async () => {}, 'bot')
    const outbox = new Outbox(db, log, { groupOf: (r) => binding.groupOf(r), loginId: () => undefined, gaveUp: async () => {} }, { ...fast, account: 'bot' })
    await outbox.enqueue({ kind: 'room', roomId: room.id }, { text: '通知' })
    const transport = new Recorder()
    outbox.attach(transport)
    await outbox.idle()
    outbox.detach()
    expect(transport.sent).toEqual([])
    const row = await db.outboxMessage.findFirstOrThrow()
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: '群「甲群」没有记下稳定的群 ID：请在群里重新发送 #绑定' })
    expect(row.notBefore.getTime()).toBeGreaterThan(Date.now())
  })
})
