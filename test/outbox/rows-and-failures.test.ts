import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import pino from 'pino'
import { describe, expect, it } from 'vitest'
import { log } from '../../src/log.js'
import { Outbox, type PaceTimer } from '../../src/outbox/outbox.js'
import { freshDb } from '../helpers.js'
import { RecordingTransport, knownGroups } from './recording.js'

/** A clock that stands still: rows are due at exactly the times the outbox computes. */
const T0 = Date.parse('2026-12-03T02:00:00Z')
const stillClock: PaceTimer = { now: () => T0, sleep: async () => undefined }
const unpaced = { minIntervalMs: 0, maxPerMinute: 0, timer: stillClock }

/** A logger whose lines are kept, to read what an operator would see. */
function keptLog() {
  const lines: Record<string, unknown>[] = []
  const logger = pino({ base: undefined }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) })
  return { logger: logger as typeof log, lines }
}

describe('what the outbox stores for each kind of target', () => {
  it('keeps a room by its id, a group not bound yet by topic and id, a person by id and remark, with the login the ids belong to', async () => {
    const { db } = await freshDb()
    const room = await db.room.create({ data: { name: '健康家园会客厅', kind: '会客厅', topic: '健康群' } })
    const outbox = new Outbox(db, log, knownGroups('login-A'), unpaced)
    await outbox.enqueue({ kind: 'room', roomId: room.id }, { text: '群' })
    await outbox.enqueue({ kind: 'raw-room', topic: '新群', puppetId: 'g-1' }, { text: '未绑定的群' })
    await outbox.enqueue({ kind: 'contact', name: '王芳', puppetId: 'c-1', remark: '王芳委员' }, { text: '有备注的人' })
    await outbox.enqueue({ kind: 'contact', name: '李明' }, { text: '没有 ID 的人' })
    const rows = await db.outboxMessage.findMany({ orderBy: { id: 'asc' } })
    expect(rows.map(({ text, targetKind, roomId, targetName, puppetId, puppetLogin, targetRemark }) => ({ text, targetKind, roomId, targetName, puppetId, puppetLogin, targetRemark }))).toEqual([
      { text: '群', targetKind: 'room', roomId: room.id, targetName: null, puppetId: null, puppetLogin: null, targetRemark: null },
      { text: '未绑定的群', targetKind: 'group', roomId: null, targetName: '新群', puppetId: 'g-1', puppetLogin: 'login-A', targetRemark: null },
      { text: '有备注的人', targetKind: 'contact', roomId: null, targetName: '王芳', puppetId: 'c-1', puppetLogin: 'login-A', targetRemark: '王芳委员' },
      { text: '没有 ID 的人', targetKind: 'contact', roomId: null, targetName: '李明', puppetId: null, puppetLogin: null, targetRemark: null },
    ])
    expect(rows.every((r) => r.createdAt.getTime() === T0 && r.notBefore.getTime() === T0 && r.priority === 1)).toBe(true)
  })

  it('gives the parts of a long text their own keys, and no key where none was given', async () => {
    const { db } = await freshDb()
    const outbox = new Outbox(db, log, knownGroups(), { ...unpaced, maxChars: 40 })
    const long = Array.from({ length: 6 }, (_, i) => `第${i + 1}段：${'字'.repeat(20)}`).join('\n')
    await outbox.enqueue({ kind: 'contact', name: '王芳', puppetId: 'c-1' }, { text: long }, 'digest-1', 'reply')
    await outbox.enqueue({ kind: 'contact', name: '王芳', puppetId: 'c-1' }, { text: long })
    const rows = await db.outboxMessage.findMany({ orderBy: { id: 'asc' } })
    const keyed = rows.filter((r) => r.priority === 0)
    expect(keyed.length).toBeGreaterThan(2)
    expect(keyed.map((r) => r.dedupeKey)).toEqual(keyed.map((_, i) => (i === 0 ? 'digest-1' : `digest-1#${i}`)))
    expect(rows.filter((r) => r.priority === 1).map((r) => r.dedupeKey)).toEqual(keyed.map(() => null))
  })
})

describe('when a send fails', () => {
  it('retries first after retryBaseMs, keeps 500 characters of the error, and logs which row and when', async () => {
    const { db } = await freshDb()
    const { logger, lines } = keptLog()
    const outbox = new Outbox(db, logger, knownGroups(), { ...unpaced, retryBaseMs: 10_000, retryMaxMs: 60_000 })
    outbox.attach(new RecordingTransport(1, () => new Error('错'.repeat(800))))
    await outbox.enqueue({ kind: 'contact', name: '王芳', puppetId: 'c-1' }, { text: '通知' })
    await outbox.idle()
    outbox.detach()
    const row = await db.outboxMessage.findFirstOrThrow()
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: '错'.repeat(500) })
    expect(row.notBefore.getTime()).toBe(T0 + 10_000)
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'send failed, will retry', outboxId: row.id, attempts: 1, retryInMs: 10_000 }))
  })

  it('gives up a row exactly giveUpMs after it was queued, tells the admins once and logs it', async () => {
    const { db } = await freshDb()
    const { logger, lines } = keptLog()
    const routing = knownGroups()
    const outbox = new Outbox(db, logger, routing, { ...unpaced, giveUpMs: 60_000 })
    await db.outboxMessage.create({ data: { targetKind: 'contact', targetName: '王芳', puppetId: 'c-1', text: '到点', createdAt: new Date(T0 - 60_000), notBefore: new Date(T0) } })
    await db.outboxMessage.create({ data: { targetKind: 'contact', targetName: '李明', puppetId: 'c-2', text: '还差 1 毫秒', createdAt: new Date(T0 - 59_999), notBefore: new Date(T0) } })
    outbox.attach(new RecordingTransport(2))
    await outbox.idle()
    outbox.detach()
    const rows = await db.outboxMessage.findMany({ orderBy: { id: 'asc' } })
    expect(rows.map((r) => [r.text, r.status])).toEqual([['到点', 'failed'], ['还差 1 毫秒', 'pending']])
    expect(routing.givenUp.map((r) => r.text)).toEqual(['到点'])
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'send given up', outboxId: rows[0]!.id, attempts: 1 }))
  })

  it('never gives up when giveUpMs is 0, however old the row', async () => {
    const { db } = await freshDb()
    const routing = knownGroups()
    const outbox = new Outbox(db, log, routing, { ...unpaced, giveUpMs: 0 })
    await db.outboxMessage.create({ data: { targetKind: 'contact', targetName: '王芳', puppetId: 'c-1', text: '很旧', createdAt: new Date(T0 - 365 * 86_400_000), notBefore: new Date(T0) } })
    outbox.attach(new RecordingTransport(1))
    await outbox.idle()
    outbox.detach()
    expect(await db.outboxMessage.findFirstOrThrow()).toMatchObject({ status: 'pending', attempts: 1 })
    expect(routing.givenUp).toEqual([])
  })

  it('fails a row that can never be delivered at once, and says so in the log', async () => {
    const { db } = await freshDb()
    const { logger, lines } = keptLog()
    const outbox = new Outbox(db, logger, knownGroups('login-B'), unpaced)
    // A group of an earlier login that was never bound: its id means nothing now.
    await db.outboxMessage.create({ data: { targetKind: 'group', targetName: '旧群', puppetId: 'g-old', puppetLogin: 'login-A', text: '旧', notBefore: new Date(T0) } })
    const transport = new RecordingTransport()
    outbox.attach(transport)
    await outbox.idle()
    outbox.detach()
    const row = await db.outboxMessage.findFirstOrThrow()
    expect(row).toMatchObject({ status: 'failed', attempts: 1 })
    expect(transport.delivered).toEqual([])
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'undeliverable, not retried', outboxId: row.id, err: row.lastError }))
  })
})

describe('after a send', () => {
  it('marks a file sent once even if the puppet already moved it away', async () => {
    const { db } = await freshDb()
    const dir = mkdtempSync(join(process.env.TEST_TMP_DIR!, 'export-'))
    const path = join(dir, '台账.xlsx')
    writeFileSync(path, 'xlsx')
    const transport = new RecordingTransport(0, undefined, (_, content) => rmSync(content.file!.path))
    const outbox = new Outbox(db, log, knownGroups(), unpaced)
    outbox.attach(transport)
    await outbox.enqueue({ kind: 'contact', name: '王芳', puppetId: 'c-1' }, { file: { path, name: '台账.xlsx' } })
    await outbox.idle()
    outbox.detach()
    expect(transport.delivered).toHaveLength(1)
    expect(await db.outboxMessage.findFirstOrThrow()).toMatchObject({ status: 'sent', attempts: 1 })
    expect(existsSync(dir)).toBe(false)
  })

  it('follows a bound room’s group renamed unheard, and leaves the room alone when the puppet says nothing', async () => {
    const { db } = await freshDb()
    const renamed = await db.room.create({ data: { name: '健康家园会客厅', kind: '会客厅', topic: '健康群', puppetRoomId: 'g-1' } })
    const quiet = await db.room.create({ data: { name: '东海论健工作室', kind: '工作室', topic: '东海群', puppetRoomId: 'g-2' } })
    const transport = new RecordingTransport(0, undefined, (destination) => (destination.kind === 'group' && destination.puppetId === 'g-1' ? { topic: '健康家园群' } : undefined))
    const outbox = new Outbox(db, log, knownGroups(), unpaced)
    outbox.attach(transport)
    await outbox.enqueue({ kind: 'room', roomId: renamed.id }, { text: '一' })
    await outbox.enqueue({ kind: 'room', roomId: quiet.id }, { text: '二' })
    await outbox.idle()
    outbox.detach()
    expect((await db.room.findMany({ orderBy: { id: 'asc' } })).map((r) => r.topic)).toEqual(['健康家园群', '东海群'])
    expect((await db.outboxMessage.findMany()).map((r) => [r.status, r.attempts])).toEqual([['sent', 1], ['sent', 1]])
  })

  it('sends once to a group not bound to any room, whatever topic the puppet reports', async () => {
    const { db } = await freshDb()
    const transport = new RecordingTransport(0, undefined, () => ({ topic: '别的名字' }))
    const outbox = new Outbox(db, log, knownGroups(), unpaced)
    outbox.attach(transport)
    await outbox.enqueue({ kind: 'raw-room', topic: '新群', puppetId: 'g-9' }, { text: '请发 #绑定' })
    await outbox.idle()
    outbox.detach()
    expect(transport.delivered.map((d) => d.destination)).toEqual([{ kind: 'group', topic: '新群', puppetId: 'g-9', bound: false }])
    expect(await db.outboxMessage.findFirstOrThrow()).toMatchObject({ status: 'sent', attempts: 1, lastError: null })
  })
})

describe('held rooms, detaching and the wall clock', () => {
  it('keeps the rows of a room held while its group was checked: not sent, not counted as failed', async () => {
    const { db } = await freshDb()
    const room = await db.room.create({ data: { name: '健康家园会客厅', kind: '会客厅', topic: '健康群' } })
    const transport = new RecordingTransport()
    // The room binding found its group doubtful just now: it holds the room and has no group for it.
    const holding = { ...knownGroups(), groupOf: async () => void (await db.room.update({ where: { id: room.id }, data: { heldAt: new Date(T0), heldReason: '测试' } })) }
    const outbox = new Outbox(db, log, holding, unpaced)
    outbox.attach(transport)
    await outbox.enqueue({ kind: 'room', roomId: room.id }, { text: '等确认' })
    await outbox.idle()
    outbox.detach()
    expect(transport.delivered).toEqual([])
    expect(await db.outboxMessage.findFirstOrThrow()).toMatchObject({ status: 'pending', attempts: 0, lastError: null })
  })

  it('sends nothing queued after detach (a logout) until attached again', async () => {
    const { db } = await freshDb()
    const transport = new RecordingTransport()
    const outbox = new Outbox(db, log, knownGroups(), unpaced)
    outbox.attach(transport)
    outbox.detach()
    await outbox.enqueue({ kind: 'contact', name: '王芳', puppetId: 'c-1' }, { text: '登出后' })
    await outbox.idle()
    expect(transport.delivered).toEqual([])
    outbox.attach(transport)
    await outbox.idle()
    outbox.detach()
    expect(transport.delivered.map((d) => d.content.text)).toEqual(['登出后'])
  })

  it('paces on the wall clock when given no other', async () => {
    const { db } = await freshDb()
    const transport = new RecordingTransport()
    const outbox = new Outbox(db, log, knownGroups(), { minIntervalMs: 40, maxPerMinute: 0 })
    outbox.attach(transport)
    await outbox.enqueue({ kind: 'contact', name: '王芳', puppetId: 'c-1' }, { text: '一' })
    await outbox.enqueue({ kind: 'contact', name: '王芳', puppetId: 'c-1' }, { text: '二' })
    await expect.poll(() => transport.delivered.length, { timeout: 2000, interval: 10 }).toBe(2)
    outbox.detach()
    // 40 ms after the first send began; the first delivery itself may take a few of them.
    expect(transport.delivered[1]!.at - transport.delivered[0]!.at).toBeGreaterThanOrEqual(20)
  })
})
