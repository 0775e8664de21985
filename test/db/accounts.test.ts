import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/client.js'
import { claimWriter } from '../../src/db/writer.js'
import { log } from '../../src/log.js'
import { Outbox } from '../../src/outbox/outbox.js'
import type { Destination, Transport } from '../../src/chat/transport.js'
import { startChat, runSchedule } from '../helpers.js'
import { freshPostgres, postgresAdminUrl } from './pg.js'

const at = (local: string) => new Date(`${local}+08:00`)

/** A transport that takes a moment per message, as a puppet does, and remembers what it got. */
function slowTransport(): Transport & { texts: string[] } {
  const texts: string[] = []
  return {
    texts,
    async send(_destination: Destination, content) {
      await new Promise((resolve) => setTimeout(resolve, 1))
      texts.push(content.text ?? '')
    },
  }
}

const routing = { groupOf: async () => undefined, loginId: () => undefined, gaveUp: async () => undefined }

describe.runIf(postgresAdminUrl)('bot accounts sharing one PostgreSQL database', () => {
  it('sends every row once when two processes of one account pump the same outbox', async () => {
    const { db, url } = await freshPostgres()
    const other = await openDatabase(url)
    const options = { minIntervalMs: 0, maxPerMinute: 0, account: 'bot-a' }
    const first = new Outbox(db, log, routing, options)
    const second = new Outbox(other, log, routing, options)
    for (let i = 0; i < 60; i++) await first.enqueue({ kind: 'contact', name: `委员${i % 6}`, puppetId: `c${i % 6}` }, { text: `第${i}条` })
    const [a, b] = [slowTransport(), slowTransport()]
    first.attach(a)
    second.attach(b)
    while ((await db.outboxMessage.count({ where: { status: { in: ['pending', 'sending'] } } })) > 0) {
      await Promise.all([first.idle(), second.idle()])
      first.wake()
      second.wake()
    }
    await Promise.all([first.idle(), second.idle()])
    const all = [...a.texts, ...b.texts].sort()
    expect(all).toEqual(Array.from({ length: 60 }, (_, i) => `第${i}条`).sort())
    expect(await db.outboxMessage.count({ where: { status: 'sent' } })).toBe(60)
    await other.$disconnect()
    await db.$disconnect()
  }, 60_000)

  it('leaves the rows of another account to that account', async () => {
    const { db, url } = await freshPostgres()
    await db.room.create({ data: { name: '乙工作室', kind: '工作室', topic: '乙群', account: 'bot-b' } })
    const mine = new Outbox(db, log, routing, { minIntervalMs: 0, maxPerMinute: 0, account: 'bot-a' })
    const theirs = new Outbox(db, log, routing, { minIntervalMs: 0, maxPerMinute: 0, account: 'bot-b' })
    await theirs.enqueue({ kind: 'contact', name: '王芳', puppetId: 'w' }, { text: '乙的消息' })
    await mine.enqueue({ kind: 'contact', name: '李明', puppetId: 'l' }, { text: '甲的消息' })
    // Starting as the writer of bot-a takes nothing of bot-b's (on SQLite, one writer takes all).
    const lease = await claimWriter(db, url, 'bot-a', 'npm start')
    expect((await db.room.findFirstOrThrow()).account).toBe('bot-b')
    const transport = slowTransport()
    mine.attach(transport)
    await mine.idle()
    expect(transport.texts).toEqual(['甲的消息'])
    expect((await db.outboxMessage.findMany({ orderBy: { id: 'asc' } })).map((r) => [r.account, r.status])).toEqual([
      ['bot-b', 'pending'],
      ['bot-a', 'sent'],
    ])
    await lease.release()
    await db.$disconnect()
  })

  it('has each account check, record in and push to its own rooms only, also after a re-login', async () => {
    const { url } = await freshPostgres()
    const start = '2022-09-20T09:00:00+08:00'
    const a = await startChat({ db: await openDatabase(url), env: { BOT_NAME: 'bot-a' }, start })
    const b = await startChat({ db: await openDatabase(url), env: { BOT_NAME: 'bot-b' }, start })
    await a.say({ room: '甲群', from: '管理员', text: '#绑定 甲会客厅 会客厅', time: at('2022-09-20T09:00:00') })
    await b.say({ room: '乙群', from: '管理员', text: '#绑定 乙工作室 工作室', time: at('2022-09-20T09:01:00') })
    expect((await a.say({ room: '甲群', from: '王芳', text: '#活动 9月20日 健康义诊，参与人次12', time: at('2022-09-20T10:00:00') }))[0]!.text).toMatch(/^已记录活动 A1/)
    expect((await b.say({ room: '乙群', from: '李明', text: '#活动 9月20日 读书会，参与人次8', time: at('2022-09-20T10:01:00') }))[0]!.text).toMatch(/^已记录活动 A2/)

    // Account A is in B's group too: it stays silent there (B answers), and records nothing.
    expect(await a.say({ room: '乙群', from: '李明', text: '#活动 9月20日 座谈会，参与人次5', time: at('2022-09-20T10:02:00') })).toEqual([])
    expect(await a.say({ room: '乙群', from: '李明', text: '#最近', time: at('2022-09-20T10:03:00') })).toEqual([])

    // A re-login of one account checks its own rooms; the other account's room is not its to hold.
    await a.relogin()
    const db = a.app.services.db
    const rooms = await db.room.findMany({ orderBy: { id: 'asc' } })
    expect(rooms.map((r) => [r.name, r.account, r.heldAt])).toEqual([
      ['甲会客厅', 'bot-a', null],
      ['乙工作室', 'bot-b', null],
    ])

    const fromA = await runSchedule(a, '2022-09-30T12:00:00', '2022-10-01T12:00:00')
    const fromB = await runSchedule(b, '2022-09-30T12:00:00', '2022-10-01T12:00:00')
    // 1 October: the month's and the quarter's digests, each to the room and to the admin.
    expect(fromA.map((m) => m.to)).toEqual(['甲群', '管理员', '甲群', '管理员'])
    expect(fromA[0]!.text).toContain('【甲会客厅 · 2022年9月月报】')
    for (const m of fromA.filter((m) => m.to === '管理员')) expect([m.text?.includes('甲会客厅'), m.text?.includes('乙工作室')]).toEqual([true, false])
    expect(fromB.map((m) => m.to)).toEqual(['乙群', '管理员', '乙群', '管理员'])
    expect(fromB[0]!.text).toContain('【乙工作室 · 2022年9月月报】')
    for (const m of fromB.filter((m) => m.to === '管理员')) expect([m.text?.includes('乙工作室'), m.text?.includes('甲会客厅')]).toEqual([true, false])
    const rows = await db.outboxMessage.findMany({ where: { roomId: { not: null } } })
    for (const row of rows) expect([row.roomId, row.account]).toEqual([row.roomId, row.roomId === rooms[0]!.id ? 'bot-a' : 'bot-b'])
    expect(await db.outboxMessage.count({ where: { status: { not: 'sent' } } })).toBe(0)
    expect((await db.activity.findMany({ orderBy: { id: 'asc' } })).map((x) => x.title)).toEqual(['健康义诊', '读书会'])
  }, 60_000)
})
