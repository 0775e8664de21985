import { describe, expect, it } from 'vitest'
import type { Db } from '../../src/db/client.js'
import { computeFigures } from '../../src/services/stats.js'
import { addStatus, removeStatus, setOpinionWithdrawn } from '../../src/services/opinions.js'
import type { OpinionReport } from '../../src/generated/prisma/client.js'
import { freshDb, seededRandom, stepRow } from '../helpers.js'
import { rebuildMonthlyRows } from '../../src/services/monthly-rows.js'
import { runFile } from '../exec.js'

/**
 * A hand-made book for two rooms. Expected figures are counted by hand in the comments,
 * so a wrong filter (withdrawn, room, inclusive bounds, event dates) shows as a wrong number.
 */
async function seed(db: Db) {
  const [a, b] = await Promise.all([
    db.room.create({ data: { name: '健康家园会客厅', kind: '会客厅', topic: '健康群' } }),
    db.room.create({ data: { name: '东海论健工作室', kind: '工作室', topic: '东海群' } }),
  ])
  const wang = await db.member.create({ data: { name: '王芳' } })
  const li = await db.member.create({ data: { name: '李明' } })
  let n = 0
  const activity = (roomId: number, date: string, participants: number | null, reach: number | null, people: [string, number | null][], withdrawn = false) =>
    db.activity.create({
      data: {
        code: `A${++n}`, roomId, date, title: `活动${n}`, type: '义诊', participants, reach, withdrawn,
        reporterName: '王芳', sourceMessageId: `m${n}`, rawText: '',
        participantsOf: { create: people.map(([name, memberId]) => ({ name, memberId })) },
      },
    })
  await activity(a.id, '2022-08-31', 10, 100, [['王芳', wang.id]]) // before September
  await activity(a.id, '2022-09-01', 8, 200, [['王芳', wang.id], ['李明', li.id]]) // first day: counts
  await activity(a.id, '2022-09-15', null, 36000, [['王芳', wang.id], ['赵六', null]])
  await activity(a.id, '2022-09-20', 50, 50, [['钱七', null]], true) // withdrawn: never counts
  await activity(a.id, '2022-09-30', 12, null, [['赵六', null]]) // last day: counts
  await activity(b.id, '2022-09-10', 5, 5, [['李明', li.id]]) // other room
  const report = (roomId: number, date: string, withdrawn = false) =>
    db.opinionReport.create({
      data: { code: `M${++n}`, roomId, date, title: `民意${n}`, reporterName: '王芳', sourceMessageId: `m${n}`, rawText: '', withdrawn },
    })
  const r1 = await report(a.id, '2022-08-20') // collected in August, adopted in September
  const r2 = await report(a.id, '2022-09-05')
  const r3 = await report(a.id, '2022-09-06', true) // withdrawn
  const r4 = await report(b.id, '2022-09-07')
  const event = (report: OpinionReport, kind: string, date: string, level: string | null = null) =>
    db.opinionEvent.create({ data: stepRow(report, { kind, date, level, actorName: '王芳' }) })
  await event(r1, 'adopted', '2022-09-02', 'city')
  await event(r1, 'adopted', '2022-09-20', 'province') // two levels: once in each
  await event(r2, 'adopted', '2022-09-25', 'city')
  await event(r2, 'instructed', '2022-09-26')
  await event(r2, 'instructed', '2022-09-27') // two instructions, one report
  await event(r2, 'resolved', '2022-10-01') // October
  await event(r3, 'adopted', '2022-09-10', 'national') // withdrawn report
  await event(r4, 'resolved', '2022-09-30')
  // Written straight to the tables, as an import would: the monthly rows are recounted after.
  await rebuildMonthlyRows(db)
  return { a, b }
}

describe('computeFigures', () => {
  it('counts one room over an inclusive month, withdrawn records excluded', async () => {
    const { db } = await freshDb()
    const { a } = await seed(db)
    const figures = await computeFigures(db, { roomIds: [a.id], from: '2022-09-01', to: '2022-09-30' })
    expect(figures).toEqual({
      activities: 3, // 09-01, 09-15, 09-30
      participants: 20, // 8 + null + 12
      reach: 36200, // 200 + 36000
      members: 3, // 王芳, 李明, 赵六 (赵六 twice, by name)
      opinions: 1, // r2 (r1 is August, r3 withdrawn)
      adopted: { county: 0, city: 2, province: 1, national: 0 }, // r1 city + province, r2 city
      instructed: 1, // r2, twice
      resolved: 0, // r2 resolved in October
      proposals: 0, // no proposals in this seed
      registered: 0,
      answered: 0,
      research: 0, researchAdopted: 0, researchInstructed: 0, speeches: 0, oralSpeeches: 0, writtenSpeeches: 0,
    })
  })

  it('counts every room and every date when not limited', async () => {
    const { db } = await freshDb()
    await seed(db)
    const figures = await computeFigures(db, {})
    expect(figures).toMatchObject({ activities: 5, participants: 35, reach: 36305, members: 3, opinions: 3, resolved: 2 })
    expect(figures.adopted).toEqual({ county: 0, city: 2, province: 1, national: 0 })
  })

  it('counts a report’s steps by the flag they carry, changed with the report: withdrawn, restored', async () => {
    const { db } = await freshDb()
    const { a, b } = await seed(db)
    const september = { roomIds: [a.id, b.id], from: '2022-09-01', to: '2022-09-30' }
    const r2 = await db.opinionReport.findUniqueOrThrow({ where: { code: 'M8' } })
    expect(await computeFigures(db, september)).toMatchObject({ adopted: { county: 0, city: 2, province: 1, national: 0 }, instructed: 1, resolved: 1 })
    expect(await setOpinionWithdrawn(db, r2, true, new Date())).toBe(true)
    expect(await db.opinionEvent.findMany({ where: { reportId: r2.id }, select: { reportWithdrawn: true } })).toEqual(Array(4).fill({ reportWithdrawn: true }))
    expect(await computeFigures(db, september)).toMatchObject({ adopted: { county: 0, city: 1, province: 1, national: 0 }, instructed: 0, resolved: 1 })
    expect(await setOpinionWithdrawn(db, r2, false, new Date())).toBe(true)
    expect(await computeFigures(db, september)).toMatchObject({ adopted: { county: 0, city: 2, province: 1, national: 0 }, instructed: 1, resolved: 1 })
    // A step added through the bot copies its report's room.
    const added = await addStatus(db, r2, { kind: 'adopted', level: 'county', date: '2022-09-29', actorName: '王芳', actorKey: 'r:王芳', messageId: 'step-1', at: new Date() })
    expect(added.ok).toBe(true)
    expect(await db.opinionEvent.findUniqueOrThrow({ where: { sourceMessageId: 'step-1' } })).toMatchObject({ roomId: a.id, reportWithdrawn: false })
    expect(await computeFigures(db, september)).toMatchObject({ adopted: { county: 1, city: 2, province: 1, national: 0 } })
  })

  it('keeps every step’s room and withdrawn flag equal to its report’s through random withdrawals, restorations and steps', async () => {
    const { db } = await freshDb()
    await seed(db)
    const reports = await db.opinionReport.findMany()
    const rnd = seededRandom(42)
    const kinds = ['adopted', 'instructed', 'resolved'] as const
    const levels = ['county', 'city', 'province', 'national'] as const
    for (let i = 0; i < 60; i++) {
      const report = await db.opinionReport.findUniqueOrThrow({ where: { id: rnd.pick(reports).id } })
      const move = rnd.int(3)
      if (move === 0) await setOpinionWithdrawn(db, report, !report.withdrawn, new Date())
      else if (move === 1) {
        const kind = rnd.pick(kinds)
        await addStatus(db, report, { kind, ...(kind === 'adopted' ? { level: rnd.pick(levels) } : {}), date: '2022-09-15', actorName: '王芳', actorKey: 'r:王芳', messageId: `random-${i}`, at: new Date() })
      } else {
        const step = await db.opinionEvent.findFirst({ where: { reportId: report.id } })
        if (step) await removeStatus(db, report, step, new Date())
      }
    }
    const steps = await db.opinionEvent.findMany({ include: { report: true } })
    expect(steps.length).toBeGreaterThan(0)
    expect(steps.filter((s) => s.reportWithdrawn).length).toBeGreaterThan(0)
    for (const step of steps) expect([step.roomId, step.reportWithdrawn]).toEqual([step.report.roomId, step.report.withdrawn])
  })

  it('stores a step with the flag its report has when the step is stored, not the one the command read', async () => {
    const { db } = await freshDb()
    await seed(db)
    // Read before another message's #撤销 commits, as two commands at once would.
    const stale = await db.opinionReport.findUniqueOrThrow({ where: { code: 'M7' } })
    expect(await setOpinionWithdrawn(db, stale, true, new Date())).toBe(true)
    await addStatus(db, stale, { kind: 'instructed', date: '2022-09-15', actorName: '王芳', actorKey: 'r:王芳', messageId: 'late-step', at: new Date() })
    expect(await db.opinionEvent.findUniqueOrThrow({ where: { sourceMessageId: 'late-step' } })).toMatchObject({ reportWithdrawn: true })
    expect(await computeFigures(db, { from: '2022-09-01', to: '2022-09-30' })).toMatchObject({ instructed: 1 }) // r2's only
  })

  it('returns zeros, not nulls, for an empty range', async () => {
    const { db } = await freshDb()
    const { b } = await seed(db)
    expect(await computeFigures(db, { roomIds: [b.id], from: '2023-01-01', to: '2023-12-31' })).toEqual({
      activities: 0, participants: 0, reach: 0, members: 0, opinions: 0,
      adopted: { county: 0, city: 0, province: 0, national: 0 }, instructed: 0, resolved: 0,
      proposals: 0, registered: 0, answered: 0,
      research: 0, researchAdopted: 0, researchInstructed: 0, speeches: 0, oralSpeeches: 0, writtenSpeeches: 0,
    })
  })

  it('is what `npm run stats` prints', async () => {
    const { db, file } = await freshDb()
    await seed(db)
    await db.$disconnect()
    const { stdout } = await runFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/stats.ts', '--db', file, '--room', '健康群', '--from', '2022-09-01', '--to', '2022-09-30'],
    )
    expect(JSON.parse(stdout)).toMatchObject({ activities: 3, participants: 20, reach: 36200, members: 3, opinions: 1, instructed: 1 })
  }, 30_000)
})
