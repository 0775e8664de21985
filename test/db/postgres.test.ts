import { describe, expect, it } from 'vitest'
import { formatRoomDigest } from '../../src/texts/digest.js'
import { openDatabase, type Db } from '../../src/db/client.js'
import { periodOf } from '../../src/parsing/mod.js'
import { DEFAULT_RULES } from '../../src/scoring/rules.js'
import { rankMembers } from '../../src/scoring/score.js'
import { buildCrossRoomDigest, buildDigest } from '../../src/services/digest.js'
import { buildLedger } from '../../src/export/ledger.js'
import { computeFigures } from '../../src/services/stats.js'
import type { MockChat } from '../../src/sim/mock-chat.js'
import { GROUP, freshDb, startChat } from '../helpers.js'
import { expectRawRowsLikeModels, expectRawTransactions } from './raw-rows.js'
import { freshPostgres, postgresAdminUrl } from './pg.js'

const admin = postgresAdminUrl

const at = (local: string) => new Date(`${local}+08:00`)
const CONVERSATION: [string, string, string][] = [
  ['管理员', '#绑定 平湖健康家园政协委员会客厅', '2022-09-01T09:00:00'],
  ['王芳', '#登记 王芳 医药卫生', '2022-09-01T09:01:00'],
  ['管理员', '#秘书 @王芳', '2022-09-01T09:02:00'],
  ['李明', '#活动 9月5日在市爱卫中心开展健康义诊，委员王芳、李明、赵六参加，服务群众3.6万人次，参与人次30', '2022-09-05T18:00:00'],
  ['李明', '#活动 9月6日 读书会，委员李明参加，参与人次12', '2022-09-06T18:00:00'],
  ['李明', '#撤销 A2', '2022-09-06T18:01:00'],
  ['王芳', '#活动 8月20日 宣讲会，参与人次8', '2022-09-06T18:02:00'],
  ['王芳', '#修改 A3 参与人次=9', '2022-09-06T18:03:00'],
  ['李明', '#民意 标题：关于增设公交站点的建议\n提交人：李明、王芳', '2022-09-07T10:00:00'],
  ['王芳', '#采纳 M1 市级 嘉兴市政协', '2022-09-10T10:00:00'],
  ['王芳', '#采纳 M1 省级', '2022-09-11T10:00:00'],
  ['王芳', '#办结 M1', '2022-09-12T10:00:00'],
  ['王芳', '#提案 案由：关于加快推进中医药事业发展的建议\n提案人：王芳、李明', '2022-09-13T10:00:00'],
  ['王芳', '#立案 T1', '2022-09-14T10:00:00'],
  ['王芳', '#重点 T1', '2022-09-14T10:01:00'],
  // A report with a step, withdrawn, restored and withdrawn again: its step leaves the figures.
  ['李明', '#民意 标题：关于加装路灯的建议\n提交人：李明', '2022-09-15T10:00:00'],
  ['王芳', '#采纳 M2 县级', '2022-09-15T10:01:00'],
  ['李明', '#撤销 M2', '2022-09-15T10:02:00'],
  ['李明', '#恢复 M2', '2022-09-15T10:03:00'],
  ['李明', '#撤销 M2', '2022-09-15T10:04:00'],
  // Kinds counted by their figure tables.
  ['李明', '#调研报告 标题：关于老旧小区加装电梯的调研报告 作者：李明 日期：9月16日 采纳：市住建局', '2022-09-16T10:00:00'],
  ['王芳', '#大会发言 题目：关于托育服务的建议 会议：市政协十届二次会议 形式：口头 日期：9月17日', '2022-09-17T10:00:00'],
  ['李明', '#大会发言 题目：关于停车难的建议 会议：市政协十届二次会议 形式：书面 日期：9月17日', '2022-09-17T10:01:00'],
]

async function converse(chat: MockChat, script = CONVERSATION) {
  const replies: string[] = []
  for (const [from, text, time] of script) {
    for (const m of await chat.say({ room: GROUP, from, text, time: at(time) })) replies.push(m.text ?? `[file] ${m.file}`)
  }
  return replies
}

/** A draft completed by a repost, and the same event reported twice: read before the activity's commit. */
const NEIGHBOURS: [string, string, string][] = [
  ['管理员', '#绑定 平湖健康家园政协委员会客厅', '2022-09-01T09:00:00'],
  ['李明', '#活动 13月1日 读书会', '2022-09-02T09:00:00'],
  ['王芳', '#活动 9月32日 读书分享会', '2022-09-02T09:01:00'],
  ['李明', '#活动 9月1日 会客读书会，参与人次20', '2022-09-02T09:02:00'],
  ['王芳', '#活动 9月1日 读书分享会，参与人次12', '2022-09-02T09:03:00'],
  ['李明', '#活动 9月1日 会客读书会第二场，参与人次9', '2022-09-02T09:04:00'],
]

describe.runIf(admin)('PostgreSQL', () => {
  it("reads a new activity's twin and open draft before its commit, as SQLite does", async () => {
    const pgDb = await freshPostgres()
    const onPg = await startChat({ db: pgDb.db, start: '2022-09-01T09:00:00+08:00' })
    const onSqlite = await startChat({ start: '2022-09-01T09:00:00+08:00' })
    const pgReplies = await converse(onPg, NEIGHBOURS)
    expect(pgReplies).toEqual(await converse(onSqlite, NEIGHBOURS))
    // 李明's repost completes his draft, not 王芳's; hers completes hers and meets his as its twin.
    expect(pgReplies[3]).toContain('已记录活动 A1')
    expect(pgReplies[3]).toContain('草稿 D1 已由这条补全')
    expect(pgReplies[3]).not.toContain('同一天已有同类活动')
    expect(pgReplies[4]).toContain('草稿 D2 已由这条补全')
    expect(pgReplies[4]).toContain('同一天已有同类活动 A1（会客读书会，记录人 李明）')
    expect(pgReplies[5]).not.toContain('草稿')
    expect(pgReplies[5]).toContain('同一天已有同类活动 A1')
    const drafts = await pgDb.db.draft.findMany({ orderBy: { id: 'asc' }, select: { code: true, resolvedCode: true } })
    expect(drafts).toEqual([{ code: 'D1', resolvedCode: 'A1' }, { code: 'D2', resolvedCode: 'A2' }])
  }, 60_000)

  it('reads raw rows shaped like the models', async () => {
    const { db } = await freshPostgres()
    await expectRawRowsLikeModels(db)
  })

  it('runs raw transactions all or nothing, ids taken once', async () => {
    const { db } = await freshPostgres()
    await expectRawTransactions(db)
  })

  it('migrates once, and gives the same replies, figures, digests and ranking as SQLite', async () => {
    const pgDb = await freshPostgres()
    // A second start applies nothing.
    const again = await openDatabase(pgDb.url)
    expect(await again.room.count()).toBe(0)
    await again.$disconnect()

    const onPg = await startChat({ db: pgDb.db, start: '2022-09-01T09:00:00+08:00' })
    const onSqlite = await startChat({ db: (await freshDb()).db, start: '2022-09-01T09:00:00+08:00' })
    const [pgReplies, sqliteReplies] = [await converse(onPg), await converse(onSqlite)]
    expect(pgReplies).toEqual(sqliteReplies)
    expect(pgReplies.some((r) => r.startsWith('已记录活动 A3'))).toBe(true)

    const sqliteDb = onSqlite.app.services.db
    const september = periodOf('month', 2022, 9)
    const scope = { from: september.from, to: september.to }
    const pgFigures = await computeFigures(pgDb.db, scope)
    expect(pgFigures).toEqual(await computeFigures(sqliteDb, scope))
    expect(pgFigures).toMatchObject({ activities: 1, participants: 30, reach: 36000, members: 3, opinions: 1, resolved: 1, proposals: 1, registered: 1 })
    expect(pgFigures.adopted).toEqual({ county: 0, city: 1, province: 1, national: 0 })
    expect(pgFigures).toMatchObject({ research: 1, researchAdopted: 1, researchInstructed: 0, speeches: 2, oralSpeeches: 1, writtenSpeeches: 1 })
    expect(await pgDb.db.opinionEvent.findMany({ where: { kind: 'adopted', level: 'county' }, select: { reportWithdrawn: true } })).toEqual([{ reportWithdrawn: true }])
    const room = await pgDb.db.room.findFirstOrThrow()
    const sqliteRoom = await sqliteDb.room.findFirstOrThrow()
    expect(formatRoomDigest(room.name, await buildDigest(pgDb.db, [room.id], periodOf('year', 2022, 1), '2022-09-30'))).toBe(
      formatRoomDigest(sqliteRoom.name, await buildDigest(sqliteDb, [sqliteRoom.id], periodOf('year', 2022, 1), '2022-09-30')),
    )
    expect((await buildCrossRoomDigest(pgDb.db, [room], september)).rooms[0]!.figures).toEqual(pgFigures)
    const ranks = async (db: Db, roomId: number) => (await rankMembers(db, DEFAULT_RULES, [roomId], 2022)).map((s) => [s.name, s.total, s.band])
    expect(await ranks(pgDb.db, room.id)).toEqual(await ranks(sqliteDb, sqliteRoom.id))
    // The ledger reads which activities #修改 changed by a join of its own: A3's 活动内容 says so.
    const activitySheet = async (db: Db, r: { id: number; name: string }) =>
      (await buildLedger(db, DEFAULT_RULES, [r], periodOf('year', 2022, 1))).getWorksheet('活动台账')!.getSheetValues().map((row) => (row as unknown[] | undefined)?.slice(1))
    const pgSheet = await activitySheet(pgDb.db, room)
    expect(pgSheet).toEqual(await activitySheet(sqliteDb, sqliteRoom))
    expect(pgSheet.find((row) => row?.[0] === 'A3')?.[13]).toBe('8月20日 宣讲会，参与人次8\n（以上是原始消息，之后用 #修改 改过：表中各栏是改后的）')

    // A message left 'received' by a process that died after its record was stored (an older
    // version): the insert fails inside PostgreSQL's transaction, and the stored record is confirmed.
    await onPg.say({ room: GROUP, from: '李明', text: '#活动 9月18日 健康讲座，参与人次5', time: at('2022-09-18T10:00:00') })
    const id = onPg.lastInjectedId()
    const stored = await pgDb.db.activity.count()
    await pgDb.db.messageLog.update({ where: { puppetMessageId: id }, data: { outcome: 'received' } })
    expect(await onPg.redeliver(id)).toEqual([])
    expect(await pgDb.db.activity.count()).toBe(stored)
    expect((await pgDb.db.messageLog.findUniqueOrThrow({ where: { puppetMessageId: id } })).outcome).toBe('recorded:A4')
  }, 60_000)
})
