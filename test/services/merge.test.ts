import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Db } from '../../src/db/client.js'
import { MEMBER_ID_COLUMNS, MEMBER_ID_COLUMNS_APART, mergeMember } from '../../src/services/identity.js'
import { rebuildMonthlyRows } from '../../src/services/monthly-rows.js'
import { scoreMemberYear } from '../../src/scoring/score.js'
import { DEFAULT_RULES } from '../../src/scoring/rules.js'
import { freshDb } from '../helpers.js'
import { freshPostgres, postgresAdminUrl } from '../db/pg.js'

/** `Model.column` of every integer column that names a member, read from the schema itself. */
function memberColumnsOfSchema(): string[] {
  const schema = readFileSync(new URL('../../prisma/schema.prisma', import.meta.url), 'utf8')
  const found: string[] = []
  let model = ''
  for (const line of schema.split('\n')) {
    model = /^model (\w+) \{/.exec(line)?.[1] ?? model
    const column = /^\s+(\w+Id)\s+Int\b/.exec(line)?.[1]
    // Ids of rooms and of a record's own parent are not people.
    if (column && !['roomId', 'activityId', 'reportId', 'proposalId', 'speechId'].includes(column)) found.push(`${model}.${column}`)
  }
  return found.sort()
}

const listed = (columns: readonly (readonly [string, string])[]) => columns.map(([table, column]) => `${table}.${column}`)

describe('mergeMember', () => {
  it('knows every column of the schema that names a member: a new kind cannot leave its rows with a deleted member', () => {
    const schema = memberColumnsOfSchema()
    expect(schema.length).toBeGreaterThan(10)
    expect([...listed(MEMBER_ID_COLUMNS), ...listed(MEMBER_ID_COLUMNS_APART)].sort()).toEqual(schema)
  })

  const cases: [string, () => Promise<Db>][] = [['SQLite', async () => (await freshDb()).db]]
  if (postgresAdminUrl) cases.push(['PostgreSQL', async () => (await freshPostgres()).db])
  it.each(cases)('moves every record and recounts the monthly rows of both members in one transaction (%s)', async (_engine, open) => {
    const db = await open()
    const room = await db.room.create({ data: { name: '健康家园会客厅', kind: '会客厅', topic: '健康群' } })
    const other = await db.room.create({ data: { name: '东海论健工作室', kind: '工作室', topic: '东海群' } })
    const [from, into] = [
      await db.member.create({ data: { name: '李明', memberships: { create: [{ roomId: room.id, role: 'secretary' }, { roomId: other.id, role: 'member' }] } } }),
      await db.member.create({ data: { name: '阿明', key: 't:K7Q2M9', memberships: { create: { roomId: room.id, role: 'member' } } } }),
    ]
    let n = 0
    const activity = (roomId: number, date: string, people: { name: string; memberId: number | null }[], extra: { withdrawn?: boolean; memberCount?: number } = {}) =>
      db.activity.create({
        data: {
          code: `A${++n}`, roomId, date, title: '读书会', type: '宣讲', reporterName: '李明', sourceMessageId: `m${n}`, rawText: '', ...extra,
          participantsOf: { create: people },
        },
      })
    await activity(room.id, '2022-09-03', [{ name: '李明', memberId: from.id }, { name: '路人甲', memberId: null }])
    await activity(room.id, '2022-09-20', [{ name: '阿明', memberId: into.id }])
    // Both names of the one person, with 3 members counted: after the merge 1 named and 2 not.
    await activity(room.id, '2022-09-25', [{ name: '李明', memberId: from.id }, { name: '阿明', memberId: into.id }], { memberCount: 3 })
    await activity(room.id, '2022-10-01', [{ name: '李明', memberId: from.id }], { withdrawn: true })
    await activity(other.id, '2022-10-02', [{ name: '李明', memberId: from.id }]) // a room only `from` was in
    await db.researchReport.create({
      data: { code: 'R1', roomId: room.id, date: '2022-09-10', title: '调研', reporterId: from.id, reporterName: '李明', sourceMessageId: 'R1', rawText: '', authors: { create: [{ name: '李明', memberId: from.id, isLead: true }] } },
    })
    await rebuildMonthlyRows(db)
    const unnamedBefore = (await db.activityMonth.findMany({ where: { month: '2022-09' } })).reduce((sum, r) => sum + r.unnamedMemberTimes, 0)
    expect(unnamedBefore).toBe(1)

    await mergeMember(db, from.id, into.id)

    expect(await db.member.findUnique({ where: { id: from.id } })).toBeNull()
    for (const [table, column] of MEMBER_ID_COLUMNS) {
      const [row] = await db.$queryRawUnsafe<{ n: bigint | number }[]>(`SELECT COUNT(*) AS n FROM "${table}" WHERE "${column}" = ${from.id}`)
      expect([table, Number(row!.n)]).toEqual([table, 0])
    }
    expect(await db.researchAuthor.findFirstOrThrow()).toMatchObject({ memberId: into.id })
    // The higher role of the two stays on the one membership left; the other room's membership moves.
    expect(await db.roomMembership.findMany({ where: { memberId: into.id }, select: { roomId: true, role: true }, orderBy: { roomId: 'asc' } })).toEqual([
      { roomId: room.id, role: 'secretary' }, { roomId: other.id, role: 'member' },
    ])
    // A3 named him twice: he took part once; its third member is now one not named.
    expect((await db.activityParticipant.findMany({ where: { activity: { code: 'A3' } } })).map((p) => [p.name, p.memberId])).toEqual([['李明', into.id]])
    expect((await db.activityMonth.findMany({ where: { month: '2022-09' } })).reduce((sum, r) => sum + r.unnamedMemberTimes, 0)).toBe(2)
    const kept = await db.memberMonth.findMany({ orderBy: [{ roomId: 'asc' }, { month: 'asc' }, { key: 'asc' }] })
    expect(kept.map((r) => [r.roomId, r.month, r.key, r.times])).toEqual([
      [room.id, '2022-09', `m${into.id}`, 3], [room.id, '2022-09', 'n路人甲', 1], [other.id, '2022-10', `m${into.id}`, 1],
    ])
    const months = await db.activityMonth.findMany({ orderBy: [{ roomId: 'asc' }, { month: 'asc' }, { type: 'asc' }, { brand: 'asc' }] })
    await rebuildMonthlyRows(db)
    expect(await db.memberMonth.findMany({ orderBy: [{ roomId: 'asc' }, { month: 'asc' }, { key: 'asc' }] })).toEqual(kept)
    expect(await db.activityMonth.findMany({ orderBy: [{ roomId: 'asc' }, { month: 'asc' }, { type: 'asc' }, { brand: 'asc' }] })).toEqual(months)
    await db.$disconnect()
  })

  it('counts a person named twice on a record once, and as its lead when either name led', async () => {
    const { db } = await freshDb()
    const room = await db.room.create({ data: { name: '健康家园会客厅', kind: '会客厅', topic: '健康群' } })
    const from = await db.member.create({ data: { name: '李明', memberships: { create: { roomId: room.id } } } })
    const into = await db.member.create({ data: { name: '阿明', key: 't:K7Q2M9', memberships: { create: { roomId: room.id } } } })
    // 李明 leads M1 and T1 (named first, as records store it) and is named again as 阿明; 王芳 leads R1 and S1.
    const wang = { name: '王芳', memberId: null, isLead: true }
    const base = (code: string) => ({ code, roomId: room.id, date: '2022-09-10', title: code, reporterName: '李明', sourceMessageId: code, rawText: '' })
    await db.opinionReport.create({ data: { ...base('M1'), field: '交通', authors: { create: [{ name: '李明', memberId: from.id, isLead: true }, { name: '阿明', memberId: into.id }] } } })
    await db.proposal.create({ data: { ...base('T1'), type: '联名', authors: { create: [{ name: '李明', memberId: from.id, isLead: true }, { name: '阿明', memberId: into.id }] }, events: { create: { kind: 'registered', date: '2022-09-20', actorName: '王芳' } } } })
    await db.researchReport.create({ data: { ...base('R1'), authors: { create: [wang, { name: '阿明', memberId: into.id }, { name: '李明', memberId: from.id }] } } })
    await db.conferenceSpeech.create({ data: { ...base('S1'), meeting: '市政协十届三次会议', form: '口头', authors: { create: [wang, { name: '阿明', memberId: into.id }, { name: '李明', memberId: from.id }] } } })
    await mergeMember(db, from.id, into.id)
    const year = await scoreMemberYear(db, DEFAULT_RULES, { id: into.id, name: '阿明', realName: null }, 2022)
    expect(year.counts).toMatchObject({ opinion: 1, proposal: 1, research: 1, speech: 1 })
    expect(year.entries.map((e) => [e.recordCode, e.why])).toEqual(expect.arrayContaining([['M1', '牵头'], ['R1', '调研报告（参与）']]))
    // T1's 立案 scores the lead's points, not a co-signer's.
    expect(year.entries.find((e) => e.recordCode === 'T1')).toMatchObject({ why: '立案（领衔）', points: DEFAULT_RULES.proposal.registeredLead })
    expect(year.entries.filter((e) => e.recordCode === 'R1' || e.recordCode === 'S1' || e.recordCode === 'M1')).toHaveLength(3)
    // Both names stay on the records, as they were written.
    expect(await db.researchAuthor.count({ where: { memberId: into.id } })).toBe(2)
    await db.$disconnect()
  })

  it('leaves nothing changed when a step fails: the merge is one transaction', async () => {
    const { db } = await freshDb()
    const room = await db.room.create({ data: { name: '健康家园会客厅', kind: '会客厅', topic: '健康群' } })
    const from = await db.member.create({ data: { name: '李明', memberships: { create: { roomId: room.id } } } })
    const into = await db.member.create({ data: { name: '阿明', key: 't:K7Q2M9' } })
    await db.activity.create({
      data: { code: 'A1', roomId: room.id, date: '2022-09-03', title: '读书会', type: '宣讲', reporterId: from.id, reporterName: '李明', sourceMessageId: 'm1', rawText: '', participantsOf: { create: [{ name: '李明', memberId: from.id }] } },
    })
    await rebuildMonthlyRows(db)
    // The last table a merge moves refuses: everything before it must be rolled back.
    await db.$executeRawUnsafe(`CREATE TRIGGER "no_move" BEFORE UPDATE ON "MessageLog" BEGIN SELECT RAISE(ABORT, 'disk full'); END`)
    await db.messageLog.create({ data: { puppetMessageId: 'x', senderName: '李明', text: '', sentAt: new Date(), memberId: from.id, outcome: 'handled' } })
    await expect(mergeMember(db, from.id, into.id)).rejects.toThrow()
    expect(await db.member.findUnique({ where: { id: from.id } })).not.toBeNull()
    expect((await db.activity.findFirstOrThrow()).reporterId).toBe(from.id)
    expect((await db.activityParticipant.findFirstOrThrow()).memberId).toBe(from.id)
    expect((await db.memberMonth.findFirstOrThrow()).key).toBe(`m${from.id}`)
    await db.$disconnect()
  })
})
