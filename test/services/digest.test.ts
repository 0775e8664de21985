import { describe, expect, it } from 'vitest'
import type { Db } from '../../src/db/client.js'
import { periodOf } from '../../src/parsing/mod.js'
import { buildCrossRoomDigest, buildDigest, roomsVisibleTo } from '../../src/services/digest.js'
import type { OpinionReport } from '../../src/generated/prisma/client.js'
import { freshDb, stepRow } from '../helpers.js'
import { rebuildMonthlyRows } from '../../src/services/monthly-rows.js'

const noAdoptions = { county: 0, city: 0, province: 0, national: 0 }

/**
 * A hand-made book for three rooms over 2021 and 2022. Every expected number below is
 * counted by hand from this seed, so a wrong filter (withdrawn, room, month bounds, names)
 * shows as a wrong number.
 *
 * Room A 健康家园会客厅 — activities (✗ = withdrawn, never counts):
 *   2021-09-10 宣讲  p6  r300   [王芳]
 *   2021-09-25 义诊  p4  r100   [小李→李明, 赵六]
 *   2021-09-28 义诊  p99 r999   [钱七]                         ✗
 *   2022-01-15 调研  p5  r20    [王芳]
 *   (February: nothing)
 *   2022-03-08 宣讲  p3  r50    [周周→周强]
 *   2022-03-20 调研  p2  r—     [王芳]
 *   (April: nothing)
 *   2022-05-05 义诊  p40 r400   [王芳]                          ✗ (May stays empty)
 *   2022-06-30 座谈  p7  r0     [小李→李明]
 *   (July: nothing)
 *   2022-08-31 义诊  p10 r100   [王芳]
 *   2022-09-01 义诊  p8  r200   [王芳, 小李→李明, 赵六]      brand 百姓健康行
 *   2022-09-10 宣讲  p—  r36000 [王芳, 周周→周强]            brand 百姓健康行
 *   2022-09-15 义诊  p12 r—     [王芳, 赵六, 钱七]            brand 健康大讲堂
 *   2022-09-20 义诊  p50 r50    [钱七, 孙八]                  brand 健康大讲堂  ✗
 *   2022-09-22 调研  p4  r0     [小李→李明, 王芳]
 *   2022-09-30 义诊  p6  r0     [赵六, 孙八]
 *   (October–December: nothing)
 * Room B 东海论健工作室:
 *   2021-12-01 宣讲  p3  r10    [陈静]
 *   2022-09-05 座谈  p15 r1000  [陈静, 小李→李明]            brand 东海议事
 *   2022-09-18 调研  p9  r90    [陈静]                          ✗
 * Room C 新塍工作室: nothing at all.
 *
 * Members: 王芳 (no real name), 小李 (real name 李明), 周周 (real name 周强), 陈静 (no real name).
 * 赵六, 钱七, 孙八 are written names we could not match (memberId null).
 *
 * Opinion reports (events in brackets):
 *   R1 A 2022-08-20 [adopted city 09-02, resolved 09-25]
 *   R2 A 2022-09-05 [instructed 09-26, resolved 10-10]
 *   R3 A 2022-09-06 [adopted county 09-28]
 *   R4 A 2022-09-07 ✗ [adopted national 09-10, resolved 09-10]
 *   R5 A 2021-09-15 [resolved 2021-10-01]
 *   R6 A 2022-09-30 []
 *   R7 B 2022-09-12 [resolved 09-20]
 */
async function seed(db: Db) {
  const a = await db.room.create({ data: { name: '健康家园会客厅', kind: '会客厅', topic: '健康群' } })
  const b = await db.room.create({ data: { name: '东海论健工作室', kind: '工作室', topic: '东海群' } })
  const c = await db.room.create({ data: { name: '新塍工作室', kind: '工作室', topic: '新塍群' } })
  const wang = await db.member.create({ data: { name: '王芳' } })
  const li = await db.member.create({ data: { name: '小李', realName: '李明' } })
  const zhou = await db.member.create({ data: { name: '周周', realName: '周强' } })
  const chen = await db.member.create({ data: { name: '陈静' } })
  const outsider = await db.member.create({ data: { name: '路人' } })
  await db.roomMembership.createMany({
    data: [
      { roomId: a.id, memberId: wang.id, role: 'member' },
      { roomId: a.id, memberId: li.id, role: 'secretary' },
      { roomId: b.id, memberId: li.id, role: 'member' },
      { roomId: a.id, memberId: chen.id, role: 'lead' },
      { roomId: b.id, memberId: chen.id, role: 'secretary' },
      { roomId: c.id, memberId: chen.id, role: 'secretary' },
      { roomId: a.id, memberId: zhou.id, role: 'lead' },
    ],
  })

  let n = 0
  const activity = (
    roomId: number,
    date: string,
    type: string,
    participants: number | null,
    reach: number | null,
    people: [string, number | null][],
    options: { brand?: string; withdrawn?: boolean } = {},
  ) =>
    db.activity.create({
      data: {
        code: `A${++n}`, roomId, date, title: `活动${n}`, type, participants, reach,
        brand: options.brand ?? null, withdrawn: options.withdrawn ?? false,
        reporterName: '王芳', sourceMessageId: `m${n}`, rawText: '',
        participantsOf: { create: people.map(([name, memberId]) => ({ name, memberId })) },
      },
    })
  const W: [string, number] = ['王芳', wang.id]
  const L: [string, number] = ['小李', li.id]
  const Z: [string, number] = ['周周', zhou.id]
  const C: [string, number] = ['陈静', chen.id]
  const zhao: [string, null] = ['赵六', null]
  const qian: [string, null] = ['钱七', null]
  const sun: [string, null] = ['孙八', null]

  // Room A, 2021
  await activity(a.id, '2021-09-10', '宣讲', 6, 300, [W])
  await activity(a.id, '2021-09-25', '义诊', 4, 100, [L, zhao])
  await activity(a.id, '2021-09-28', '义诊', 99, 999, [qian], { withdrawn: true })
  // Room A, 2022
  await activity(a.id, '2022-01-15', '调研', 5, 20, [W])
  await activity(a.id, '2022-03-08', '宣讲', 3, 50, [Z])
  await activity(a.id, '2022-03-20', '调研', 2, null, [W])
  await activity(a.id, '2022-05-05', '义诊', 40, 400, [W], { withdrawn: true })
  await activity(a.id, '2022-06-30', '座谈', 7, 0, [L])
  await activity(a.id, '2022-08-31', '义诊', 10, 100, [W])
  await activity(a.id, '2022-09-01', '义诊', 8, 200, [W, L, zhao], { brand: '百姓健康行' })
  await activity(a.id, '2022-09-10', '宣讲', null, 36000, [W, Z], { brand: '百姓健康行' })
  await activity(a.id, '2022-09-15', '义诊', 12, null, [W, zhao, qian], { brand: '健康大讲堂' })
  await activity(a.id, '2022-09-20', '义诊', 50, 50, [qian, sun], { brand: '健康大讲堂', withdrawn: true })
  await activity(a.id, '2022-09-22', '调研', 4, 0, [L, W])
  await activity(a.id, '2022-09-30', '义诊', 6, 0, [zhao, sun])
  // Room B
  await activity(b.id, '2021-12-01', '宣讲', 3, 10, [C])
  await activity(b.id, '2022-09-05', '座谈', 15, 1000, [C, L], { brand: '东海议事' })
  await activity(b.id, '2022-09-18', '调研', 9, 90, [C], { withdrawn: true })

  const report = (roomId: number, date: string, withdrawn = false) =>
    db.opinionReport.create({
      data: { code: `M${++n}`, roomId, date, title: `民意${n}`, reporterName: '王芳', sourceMessageId: `m${n}`, rawText: '', withdrawn },
    })
  const event = (report: OpinionReport, kind: string, date: string, level: string | null = null) =>
    db.opinionEvent.create({ data: stepRow(report, { kind, date, level, actorName: '王芳' }) })
  const r1 = await report(a.id, '2022-08-20')
  await event(r1, 'adopted', '2022-09-02', 'city')
  await event(r1, 'resolved', '2022-09-25')
  const r2 = await report(a.id, '2022-09-05')
  await event(r2, 'instructed', '2022-09-26')
  await event(r2, 'resolved', '2022-10-10')
  const r3 = await report(a.id, '2022-09-06')
  await event(r3, 'adopted', '2022-09-28', 'county')
  const r4 = await report(a.id, '2022-09-07', true)
  await event(r4, 'adopted', '2022-09-10', 'national')
  await event(r4, 'resolved', '2022-09-10')
  const r5 = await report(a.id, '2021-09-15')
  await event(r5, 'resolved', '2021-10-01')
  await report(a.id, '2022-09-30')
  const r7 = await report(b.id, '2022-09-12')
  await event(r7, 'resolved', '2022-09-20')

  // Written straight to the tables, as an import would: the monthly rows are recounted after.
  await rebuildMonthlyRows(db)
  return { a, b, c, wang, li, zhou, chen, outsider }
}

describe('buildDigest for a month', () => {
  it('counts one room over September 2022, withdrawn records excluded', async () => {
    const { db } = await freshDb()
    const { a } = await seed(db)
    const d = await buildDigest(db, [a.id], periodOf('month', 2022, 9))
    expect(d.period).toMatchObject({ kind: 'month', year: 2022, index: 9, from: '2022-09-01', to: '2022-09-30', label: '2022年9月' })
    expect(d.figures).toEqual({
      activities: 5, // 09-01, 09-10, 09-15, 09-22, 09-30 (09-20 withdrawn, 08-31 is August)
      participants: 30, // 8 + — + 12 + 4 + 6
      reach: 36200, // 200 + 36000 + — + 0 + 0
      members: 6, // 王芳, 李明, 赵六, 周强, 钱七 (09-15), 孙八 (09-30)
      opinions: 3, // R2, R3, R6 (R1 is August, R4 withdrawn)
      adopted: { county: 1, city: 1, province: 0, national: 0 }, // R3 county 09-28, R1 city 09-02; R4 withdrawn
      instructed: 1, // R2
      resolved: 1, // R1 on 09-25 (R2 in October, R4 withdrawn)
      proposals: 0, // no proposals in this seed
      registered: 0,
      answered: 0,
      research: 0, researchAdopted: 0, researchInstructed: 0, speeches: 0, oralSpeeches: 0, writtenSpeeches: 0,
    })
  })

  it('lists types by count, then by pinyin', async () => {
    const { db } = await freshDb()
    const { a } = await seed(db)
    const d = await buildDigest(db, [a.id], periodOf('month', 2022, 9))
    // 义诊 09-01, 09-15, 09-30 (09-20 withdrawn); 宣讲 09-10; 调研 09-22 — 调 (diao) before 宣 (xuan)
    expect(d.byType).toEqual([
      { name: '义诊', count: 3 },
      { name: '调研', count: 1 },
      { name: '宣讲', count: 1 },
    ])
  })

  it('counts 人次 as every participant row of counted activities', async () => {
    const { db } = await freshDb()
    const { a } = await seed(db)
    const d = await buildDigest(db, [a.id], periodOf('month', 2022, 9))
    expect(d.memberTimes).toBe(12) // 3 + 2 + 3 + 2 + 2; the withdrawn 09-20 (钱七, 孙八) not counted
  })

  it('lists brands by count, withdrawn activities and activities without brand left out', async () => {
    const { db } = await freshDb()
    const { a } = await seed(db)
    const d = await buildDigest(db, [a.id], periodOf('month', 2022, 9))
    expect(d.brands).toEqual([
      { name: '百姓健康行', count: 2 }, // 09-01, 09-10
      { name: '健康大讲堂', count: 1 }, // 09-15 (09-20 withdrawn)
    ])
  })

  it('names the five most active members by real name, else as written', async () => {
    const { db } = await freshDb()
    const { a } = await seed(db)
    const d = await buildDigest(db, [a.id], periodOf('month', 2022, 9))
    expect(d.topMembers).toEqual([
      { name: '王芳', count: 4 }, // 09-01, 09-10, 09-15, 09-22 (no real name: as written)
      { name: '赵六', count: 3 }, // 09-01, 09-15, 09-30 (unmatched name)
      { name: '李明', count: 2 }, // written 小李, real name 李明: 09-01, 09-22
      // Ties of 1: 周强 (09-10), 孙八 (09-30, its 09-20 withdrawn), 钱七 (09-15, its 09-20 withdrawn);
      // broken by name in SQLite's binary order: 周 U+5468 < 孙 U+5B59 < 钱 U+94B1. Only five are kept.
      { name: '周强', count: 1 },
      { name: '孙八', count: 1 },
    ])
  })

  it('counts reports collected in the period that are resolved by now, whenever resolved', async () => {
    const { db } = await freshDb()
    const { a } = await seed(db)
    const d = await buildDigest(db, [a.id], periodOf('month', 2022, 9))
    // Collected in September: R2 (resolved 10-10: counts), R3 (not resolved), R6 (not resolved);
    // R1 resolved in September but collected in August; R4 withdrawn.
    expect(d.collectedResolved).toBe(1)
  })

  it('compares with the month before and the same month last year', async () => {
    const { db } = await freshDb()
    const { a } = await seed(db)
    const d = await buildDigest(db, [a.id], periodOf('month', 2022, 9))
    // A comparison holds what the digest compares: activities, 参与人次, 服务人次, reports.
    expect(d.previous).toEqual({
      activities: 1, // 2022-08-31
      participants: 10,
      reach: 100,
      opinions: 1, // R1 collected 08-20
    })
    expect(d.lastYear).toEqual({
      activities: 2, // 2021-09-10, 2021-09-25 (09-28 withdrawn)
      participants: 10, // 6 + 4
      reach: 400, // 300 + 100
      opinions: 1, // R5
    })
  })

  it('has no empty months or quarter focus for an active month', async () => {
    const { db } = await freshDb()
    const { a } = await seed(db)
    const d = await buildDigest(db, [a.id], periodOf('month', 2022, 9))
    expect(d.emptyMonths).toEqual([])
    expect(d.quarterFocus).toEqual([])
  })

  it('reports an empty month, and a month with only withdrawn activities, as empty', async () => {
    const { db } = await freshDb()
    const { a } = await seed(db)
    const july = await buildDigest(db, [a.id], periodOf('month', 2022, 7))
    expect(july.figures.activities).toBe(0)
    expect(july.emptyMonths).toEqual(['7月'])
    const may = await buildDigest(db, [a.id], periodOf('month', 2022, 5))
    expect(may.figures).toMatchObject({ activities: 0, participants: 0, reach: 0, members: 0 }) // 05-05 withdrawn
    expect(may.byType).toEqual([])
    expect(may.memberTimes).toBe(0)
    expect(may.topMembers).toEqual([])
    expect(may.emptyMonths).toEqual(['5月'])
  })

  it('never counts withdrawn records, even alone in a room and month', async () => {
    const { db } = await freshDb()
    const { b } = await seed(db)
    const d = await buildDigest(db, [b.id], periodOf('month', 2022, 9))
    // Only 09-05 counts; 09-18 (调研, 陈静) is withdrawn.
    expect(d.figures).toMatchObject({ activities: 1, participants: 15, reach: 1000, members: 2, opinions: 1, resolved: 1 })
    expect(d.byType).toEqual([{ name: '座谈', count: 1 }])
    expect(d.memberTimes).toBe(2)
    expect(d.brands).toEqual([{ name: '东海议事', count: 1 }])
    expect(d.topMembers).toEqual([
      { name: '李明', count: 1 }, // 李 U+674E before 陈 U+9648
      { name: '陈静', count: 1 },
    ])
    expect(d.collectedResolved).toBe(1) // R7
  })
})

describe('buildDigest for a quarter', () => {
  it('lists the quarter’s months without activity', async () => {
    const { db } = await freshDb()
    const { a } = await seed(db)
    const q1 = await buildDigest(db, [a.id], periodOf('quarter', 2022, 1))
    expect(q1.figures).toMatchObject({ activities: 3, participants: 10, reach: 70 }) // 01-15, 03-08, 03-20
    expect(q1.emptyMonths).toEqual(['2月'])
    const q2 = await buildDigest(db, [a.id], periodOf('quarter', 2022, 2))
    expect(q2.emptyMonths).toEqual(['4月', '5月']) // May's only activity is withdrawn
    const q3 = await buildDigest(db, [a.id], periodOf('quarter', 2022, 3))
    expect(q3.emptyMonths).toEqual(['7月'])
    expect(q3.quarterFocus).toEqual([]) // only for a year
  })

  it('compares a quarter with the quarter before', async () => {
    const { db } = await freshDb()
    const { a } = await seed(db)
    const q3 = await buildDigest(db, [a.id], periodOf('quarter', 2022, 3))
    expect(q3.figures).toMatchObject({ activities: 6, participants: 40, reach: 36300 }) // August 1 + September 5
    expect(q3.previous).toMatchObject({ activities: 1, participants: 7, reach: 0 }) // 06-30 (05-05 withdrawn)
    expect(q3.lastYear).toMatchObject({ activities: 2, participants: 10, reach: 400 }) // 2021 Q3
  })

  it('does not report months that have not begun by asOf', async () => {
    const { db } = await freshDb()
    const { a } = await seed(db)
    // On 2022-08-15: July empty, August active, September not begun.
    const q3 = await buildDigest(db, [a.id], periodOf('quarter', 2022, 3), '2022-08-15')
    expect(q3.emptyMonths).toEqual(['7月'])
    // On 2022-10-01 the whole fourth quarter so far: October has begun and is empty.
    const q4 = await buildDigest(db, [a.id], periodOf('quarter', 2022, 4), '2022-10-01')
    expect(q4.emptyMonths).toEqual(['10月'])
    const q4Late = await buildDigest(db, [a.id], periodOf('quarter', 2022, 4), '2022-12-31')
    expect(q4Late.emptyMonths).toEqual(['10月', '11月', '12月'])
  })
})

describe('buildDigest for a year', () => {
  it('counts the year and compares with the year before', async () => {
    const { db } = await freshDb()
    const { a } = await seed(db)
    const d = await buildDigest(db, [a.id], periodOf('year', 2022, 1))
    expect(d.figures).toEqual({
      activities: 10, // 01-15, 03-08, 03-20, 06-30, 08-31 and five in September
      participants: 57, // 5 + 3 + 2 + 7 + 10 + 30
      reach: 36370, // 20 + 50 + 0 + 100 + 36200
      members: 6, // 王芳, 李明, 周强, 赵六, 钱七, 孙八
      opinions: 4, // R1, R2, R3, R6
      adopted: { county: 1, city: 1, province: 0, national: 0 },
      instructed: 1, // R2
      resolved: 2, // R1 09-25, R2 10-10
      proposals: 0, // no proposals in this seed
      registered: 0,
      answered: 0,
      research: 0, researchAdopted: 0, researchInstructed: 0, speeches: 0, oralSpeeches: 0, writtenSpeeches: 0,
    })
    expect(d.byType).toEqual([
      { name: '义诊', count: 4 }, // 08-31, 09-01, 09-15, 09-30
      { name: '调研', count: 3 }, // 01-15, 03-20, 09-22
      { name: '宣讲', count: 2 }, // 03-08, 09-10
      { name: '座谈', count: 1 }, // 06-30
    ])
    expect(d.memberTimes).toBe(17) // 1 + 1 + 1 + 1 + 1 before September, 12 in September
    expect(d.collectedResolved).toBe(2) // R1, R2
    const y2021 = { activities: 2, participants: 10, reach: 400, opinions: 1 }
    expect(d.previous).toEqual(y2021)
    expect(d.lastYear).toEqual(y2021)
  })

  it('lists empty months, but not those after asOf', async () => {
    const { db } = await freshDb()
    const { a } = await seed(db)
    const all = await buildDigest(db, [a.id], periodOf('year', 2022, 1))
    expect(all.emptyMonths).toEqual(['2月', '4月', '5月', '7月', '10月', '11月', '12月'])
    const soFar = await buildDigest(db, [a.id], periodOf('year', 2022, 1), '2022-09-30')
    expect(soFar.emptyMonths).toEqual(['2月', '4月', '5月', '7月'])
    const endOfYear = await buildDigest(db, [a.id], periodOf('year', 2022, 1), '2022-12-31')
    expect(endOfYear.emptyMonths).toEqual(['2月', '4月', '5月', '7月', '10月', '11月', '12月'])
  })

  it('names the two most frequent types of each quarter that had activity', async () => {
    const { db } = await freshDb()
    const { a } = await seed(db)
    const d = await buildDigest(db, [a.id], periodOf('year', 2022, 1), '2022-09-30')
    expect(d.quarterFocus).toEqual([
      { quarter: '一季度', types: [{ name: '调研', count: 2 }, { name: '宣讲', count: 1 }] },
      { quarter: '二季度', types: [{ name: '座谈', count: 1 }] }, // 05-05 义诊 withdrawn
      // 义诊 4; 调研 1 and 宣讲 1 tie, pinyin keeps 调研; 宣讲 is the third and dropped
      { quarter: '三季度', types: [{ name: '义诊', count: 4 }, { name: '调研', count: 1 }] },
      // no 四季度: nothing then
    ])
  })

  it('has a quarter focus and eleven empty months for a year with one active month', async () => {
    const { db } = await freshDb()
    const { a } = await seed(db)
    const d = await buildDigest(db, [a.id], periodOf('year', 2021, 1))
    expect(d.emptyMonths).toEqual(['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '10月', '11月', '12月'])
    // 宣讲 1, 义诊 1 (the 09-28 义诊 is withdrawn): tie, 宣 (xuan) before 义 (yi)
    expect(d.quarterFocus).toEqual([{ quarter: '三季度', types: [{ name: '宣讲', count: 1 }, { name: '义诊', count: 1 }] }])
  })
})

describe('buildCrossRoomDigest', () => {
  it('builds a digest per room and their total', async () => {
    const { db } = await freshDb()
    const { a, b, c } = await seed(db)
    const cross = await buildCrossRoomDigest(db, [a, b, c], periodOf('month', 2022, 9), '2022-09-30')
    expect(cross.rooms.map((r) => r.name)).toEqual(['健康家园会客厅', '东海论健工作室', '新塍工作室'])
    const [ra, rb, rc] = cross.rooms.map((r) => r.figures)
    expect(ra).toMatchObject({ activities: 5, participants: 30, reach: 36200, members: 6, opinions: 3 })
    expect(rb).toMatchObject({ activities: 1, participants: 15, reach: 1000, members: 2, opinions: 1 })
    expect(rc).toMatchObject({ activities: 0, participants: 0, reach: 0, members: 0, opinions: 0 })
    // Each room's figures equal its own full digest's.
    for (const [i, room] of [a, b, c].entries()) {
      expect(cross.rooms[i]!.figures).toEqual((await buildDigest(db, [room.id], periodOf('month', 2022, 9))).figures)
    }

    const t = cross.total
    expect(t.figures).toEqual({
      activities: 6, // 5 + 1
      participants: 45, // 30 + 15
      reach: 37200, // 36200 + 1000
      members: 7, // A's six and 陈静; 李明 is in both rooms and counts once
      opinions: 4, // R2, R3, R6, R7
      adopted: { county: 1, city: 1, province: 0, national: 0 },
      instructed: 1,
      resolved: 2, // R1, R7
      proposals: 0, // no proposals in this seed
      registered: 0,
      answered: 0,
      research: 0, researchAdopted: 0, researchInstructed: 0, speeches: 0, oralSpeeches: 0, writtenSpeeches: 0,
    })
    expect(t.memberTimes).toBe(14) // 12 + 2
    expect(t.byType).toEqual([
      { name: '义诊', count: 3 },
      { name: '调研', count: 1 }, // B's 调研 is withdrawn
      { name: '宣讲', count: 1 },
      { name: '座谈', count: 1 }, // ties: diao, xuan, zuo
    ])
    expect(t.brands).toEqual([
      { name: '百姓健康行', count: 2 },
      { name: '东海议事', count: 1 }, // 东 U+4E1C before 健 U+5065
      { name: '健康大讲堂', count: 1 },
    ])
    expect(t.topMembers).toEqual([
      { name: '王芳', count: 4 },
      { name: '李明', count: 3 }, // two in A, one in B: one person across rooms
      { name: '赵六', count: 3 }, // 李 U+674E before 赵 U+8D75
      { name: '周强', count: 1 },
      { name: '孙八', count: 1 }, // 陈静 (U+9648) and 钱七 (U+94B1) left out
    ])
    expect(t.collectedResolved).toBe(2) // R2, R7
    expect(t.emptyMonths).toEqual([])
  })

  it('only counts the rooms it is given', async () => {
    const { db } = await freshDb()
    const { b, c } = await seed(db)
    const cross = await buildCrossRoomDigest(db, [b, c], periodOf('year', 2022, 1))
    expect(cross.total.figures).toMatchObject({ activities: 1, participants: 15, reach: 1000, members: 2, opinions: 1, resolved: 1 })
    expect(cross.total.emptyMonths).toHaveLength(11) // only September
  })

  it('is empty for no rooms, not everything', async () => {
    const { db } = await freshDb()
    await seed(db)
    const cross = await buildCrossRoomDigest(db, [], periodOf('month', 2022, 9))
    expect(cross.rooms).toEqual([])
    expect(cross.total.figures).toMatchObject({ activities: 0, participants: 0, opinions: 0 })
    expect(cross.total.memberTimes).toBe(0)
  })
})

describe('roomsVisibleTo', () => {
  it('shows every room to an admin, a secretary their rooms, anyone else none', async () => {
    const { db } = await freshDb()
    const { wang, li, zhou, chen, outsider } = await seed(db)
    const names = async (who: { isAdmin: boolean; memberId: number | undefined }) => (await roomsVisibleTo(db, who)).map((r) => r.name)
    expect(await names({ isAdmin: true, memberId: undefined })).toEqual(['健康家园会客厅', '东海论健工作室', '新塍工作室'])
    expect(await names({ isAdmin: true, memberId: wang.id })).toEqual(['健康家园会客厅', '东海论健工作室', '新塍工作室'])
    expect(await names({ isAdmin: false, memberId: li.id })).toEqual(['健康家园会客厅']) // a member, not secretary, of B
    expect(await names({ isAdmin: false, memberId: chen.id })).toEqual(['东海论健工作室', '新塍工作室']) // lead of A
    expect(await names({ isAdmin: false, memberId: zhou.id })).toEqual([]) // lead only
    expect(await names({ isAdmin: false, memberId: wang.id })).toEqual([]) // member only
    expect(await names({ isAdmin: false, memberId: outsider.id })).toEqual([]) // in no room
    expect(await names({ isAdmin: false, memberId: undefined })).toEqual([])
  })
})
