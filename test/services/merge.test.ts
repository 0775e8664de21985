import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Db } from '../../src/db/client.js'
import { MEMBER_ID_COLUMNS, MEMBER_ID_COLUMNS_APART, mergeMember } from '../../src/services/identity.js'
import { rebuildMonthlyRows } from '../../src/services/monthly-rows.js'
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
    const [from, into] = [
      await db.member.create({ data: { name: '李明', memberships: { create: { roomId: room.id, role: 'secretary' } } } }),
      await db.member.create({ data: { name: '李明', key: 't:K7Q2M9', memberships: { create: { roomId: room.id, role: 'member' } } } }),
    ]
    const activity = (code: string, date: string, memberId: number, name: string) =>
      db.activity.create({
        data: {
          code, roomId: room.id, date, title: '读书会', type: '宣讲', reporterId: memberId, reporterName: name, sourceMessageId: code, rawText: '',
          participantsOf: { create: [{ name, memberId }] },
        },
      })
    await activity('A1', '2022-09-03', from.id, '李明')
    await activity('A2', '2022-09-20', into.id, '李明')
    await activity('A3', '2022-10-01', from.id, '明哥')
    await db.researchReport.create({
      data: { code: 'R1', roomId: room.id, date: '2022-09-10', title: '调研', reporterId: from.id, reporterName: '李明', sourceMessageId: 'R1', rawText: '', authors: { create: [{ name: '李明', memberId: from.id, isLead: true }] } },
    })
    await rebuildMonthlyRows(db)

    await mergeMember(db, from.id, into.id)

    expect(await db.member.findUnique({ where: { id: from.id } })).toBeNull()
    for (const [table, column] of MEMBER_ID_COLUMNS) {
      const [row] = await db.$queryRawUnsafe<{ n: bigint | number }[]>(`SELECT COUNT(*) AS n FROM "${table}" WHERE "${column}" = ${from.id}`)
      expect([table, Number(row!.n)]).toEqual([table, 0])
    }
    expect(await db.researchAuthor.findFirstOrThrow()).toMatchObject({ memberId: into.id })
    // The higher role of the two stays on the one membership left.
    expect(await db.roomMembership.findMany({ where: { roomId: room.id }, select: { memberId: true, role: true } })).toEqual([{ memberId: into.id, role: 'secretary' }])
    const kept = await db.memberMonth.findMany({ orderBy: [{ month: 'asc' }, { key: 'asc' }] })
    expect(kept.map((r) => [r.month, r.key, r.times])).toEqual([['2022-09', `m${into.id}`, 2], ['2022-10', `m${into.id}`, 1]])
    await rebuildMonthlyRows(db)
    expect(await db.memberMonth.findMany({ orderBy: [{ month: 'asc' }, { key: 'asc' }] })).toEqual(kept)
    await db.$disconnect()
  })
})
