import { describe, expect, it } from 'vitest'
import { bigNumber, formatCrossRoomDigest, formatRoomDigest } from '../../src/texts/digest.js'
import { periodOf, type DigestPeriod } from '../../src/parsing/mod.js'
import { buildCrossRoomDigest, buildDigest, type Digest } from '../../src/services/digest.js'
import type { Figures } from '../../src/services/stats.js'
import { freshDb } from '../helpers.js'
import { rebuildMonthlyRows } from '../../src/services/monthly-rows.js'

const figures = (f: Partial<Figures> = {}): Figures => ({
  activities: 0,
  participants: 0,
  reach: 0,
  members: 0,
  opinions: 0,
  adopted: { county: 0, city: 0, province: 0, national: 0 },
  instructed: 0,
  resolved: 0,
  proposals: 0,
  registered: 0,
  answered: 0,
  research: 0, researchAdopted: 0, researchInstructed: 0, speeches: 0, oralSpeeches: 0, writtenSpeeches: 0,
  ...f,
})

const digest = (period: DigestPeriod, d: Partial<Digest> = {}): Digest => ({
  period,
  figures: figures(),
  previous: figures(),
  lastYear: figures(),
  byType: [],
  memberTimes: 0,
  unnamedMemberTimes: 0,
  brands: [],
  topMembers: [],
  collectedResolved: 0,
  emptyMonths: [],
  quarterFocus: [],
  ...d,
})

/** Room A's September 2022, as buildDigest counts it in test/services/digest.test.ts. */
const september = digest(periodOf('month', 2022, 9), {
  figures: figures({
    activities: 5, participants: 30, reach: 36200, members: 6, opinions: 3,
    adopted: { county: 1, city: 1, province: 0, national: 0 }, instructed: 1, resolved: 1,
    proposals: 2, registered: 1,
  }),
  previous: figures({ activities: 1, participants: 10, reach: 100, members: 1, opinions: 1 }),
  lastYear: figures({ activities: 2, participants: 10, reach: 400, members: 3, opinions: 1 }),
  byType: [{ name: '义诊', count: 3 }, { name: '调研', count: 1 }, { name: '宣讲', count: 1 }],
  memberTimes: 12,
  brands: [{ name: '百姓健康行', count: 2 }, { name: '健康大讲堂', count: 1 }],
  topMembers: [
    { name: '王芳', count: 4 }, { name: '赵六', count: 3 }, { name: '李明', count: 2 },
    { name: '周强', count: 1 }, { name: '孙八', count: 1 },
  ],
  collectedResolved: 1,
})

describe('bigNumber', () => {
  it('writes figures under ten thousand in full with thousands separators', () => {
    expect(bigNumber(0)).toBe('0')
    expect(bigNumber(7)).toBe('7')
    expect(bigNumber(999)).toBe('999')
    expect(bigNumber(8000)).toBe('8,000')
    expect(bigNumber(9999)).toBe('9,999')
  })

  it('writes round figures of ten thousand and more as 万 with the exact figure', () => {
    expect(bigNumber(10000)).toBe('1万（10,000）')
    expect(bigNumber(25000)).toBe('2.5万（25,000）')
    expect(bigNumber(23000)).toBe('2.3万（23,000）') // 2.3 × 10000 is not exact in floating point
    expect(bigNumber(100000)).toBe('10万（100,000）')
    expect(bigNumber(1200000)).toBe('120万（1,200,000）')
  })

  it('rounds down to one decimal of 万 and says 余 for the rest', () => {
    expect(bigNumber(36200)).toBe('3.6万余（36,200）')
    expect(bigNumber(10001)).toBe('1万余（10,001）')
    expect(bigNumber(10999)).toBe('1万余（10,999）') // not "1.1万"
    expect(bigNumber(12345)).toBe('1.2万余（12,345）')
    expect(bigNumber(99999)).toBe('9.9万余（99,999）') // not "10万"
    expect(bigNumber(1234567)).toBe('123.4万余（1,234,567）')
  })
})

describe('formatRoomDigest', () => {
  it('writes a month in full', () => {
    expect(formatRoomDigest('健康家园会客厅', september)).toBe(
      [
        '【健康家园会客厅 · 2022年9月月报】',
        '本月开展活动 5 场（义诊 3 场、调研 1 场、宣讲 1 场），参与 30 人次；委员 6 人、12 人次参与；服务群众 3.6万余（36,200） 人次。',
        '品牌活动：百姓健康行 2 场、健康大讲堂 1 场。',
        '社情民意：收集 3 篇，县级采纳 1 篇，市级采纳 1 篇，获批示 1 篇，办结 1 篇，本期收集的办结 1 篇，办结率 33.3%。',
        '提案：提交 2 件，立案 1 件，办复 0 件。',
        '参与最多的委员：王芳（4 次）、赵六（3 次）、李明（2 次）、周强（1 次）、孙八（1 次）。',
        '与上月比：活动 +4 场，参与 +20 人次，服务群众 +36,100 人次，社情民意 +2 篇',
        '与去年同期比：活动 +3 场，参与 +20 人次，服务群众 +35,800 人次，社情民意 +2 篇',
        '（已撤销的记录不计入；数字可直接用于总结。）',
      ].join('\n'),
    )
  })

  it('never says 月月有活动 for a month, and leaves out what there is none of', () => {
    const text = formatRoomDigest('新塍工作室', digest(periodOf('month', 2022, 7), {
      emptyMonths: ['7月'],
      previous: figures({ activities: 2, participants: 7, reach: 30, opinions: 1 }),
    }))
    expect(text.split('\n')).toEqual([
      '【新塍工作室 · 2022年7月月报】',
      '本月没有记录活动。',
      '社情民意：收集 0 篇，获批示 0 篇，办结 0 篇。', // no 办结率 without reports
      '与上月比：活动 -2 场，参与 -7 人次，服务群众 -30 人次，社情民意 -1 篇',
      '与去年同期比：活动 持平，参与 持平，服务群众 持平，社情民意 持平',
      '（已撤销的记录不计入；数字可直接用于总结。）',
    ])
    expect(text).not.toContain('品牌活动')
    expect(text).not.toContain('参与最多的委员')
    expect(text).not.toContain('月月有活动')
    expect(text).not.toContain('没有活动的月份')
    expect(text).not.toContain('提案') // none handed in, registered or answered: no line
  })

  it('writes the 办结率 of the reports collected in the period', () => {
    const text = formatRoomDigest('东海论健工作室', digest(periodOf('month', 2022, 9), {
      figures: figures({ opinions: 8, adopted: { county: 0, city: 0, province: 2, national: 1 }, instructed: 3, resolved: 4 }),
      collectedResolved: 3,
    }))
    expect(text).toContain('社情民意：收集 8 篇，省级采纳 2 篇，全国采纳 1 篇，获批示 3 篇，办结 4 篇，本期收集的办结 3 篇，办结率 37.5%。')
  })

  it('rounds the 办结率 to one decimal: 2 of 3 is 66.7%, 1 of 3 is 33.3%, 3 of 3 is 100%', () => {
    const rate = (collectedResolved: number) =>
      /办结率 ([\d.]+)%/.exec(formatRoomDigest('东海论健工作室', digest(periodOf('month', 2022, 9), { figures: figures({ opinions: 3, resolved: collectedResolved }), collectedResolved })))?.[1]
    expect([rate(2), rate(1), rate(3), rate(0)]).toEqual(['66.7', '33.3', '100', '0'])
  })

  it('writes a quarter with its empty months and both comparisons', () => {
    const text = formatRoomDigest('健康家园会客厅', digest(periodOf('quarter', 2022, 3), {
      figures: figures({ activities: 6, participants: 40, reach: 36300, members: 6, answered: 2 }),
      previous: figures({ activities: 1, participants: 7 }),
      lastYear: figures({ activities: 2, participants: 10, reach: 400 }),
      byType: [{ name: '义诊', count: 4 }, { name: '调研', count: 1 }, { name: '宣讲', count: 1 }],
      memberTimes: 13,
      emptyMonths: ['7月'],
    })).split('\n')
    expect(text[0]).toBe('【健康家园会客厅 · 2022年第三季度季报】')
    expect(text[1]).toBe('本季度开展活动 6 场（义诊 4 场、调研 1 场、宣讲 1 场），参与 40 人次；委员 6 人、13 人次参与；服务群众 3.6万余（36,300） 人次。')
    expect(text).toContain('与上季度比：活动 +5 场，参与 +33 人次，服务群众 +36,300 人次，社情民意 持平')
    expect(text).toContain('与去年同期比：活动 +4 场，参与 +30 人次，服务群众 +35,900 人次，社情民意 持平')
    expect(text).toContain('没有活动的月份：7月。')
    // Only answers this quarter: the line still shows, with its zeros.
    expect(text[3]).toBe('提案：提交 0 件，立案 0 件，办复 2 件。')
    expect(text).not.toContain('月月有活动 ✓')
    expect(text.at(-1)).toBe('（已撤销的记录不计入；数字可直接用于总结。）')
  })

  it('says 月月有活动 for a quarter with activity every month', () => {
    const text = formatRoomDigest('健康家园会客厅', digest(periodOf('quarter', 2022, 3), {
      figures: figures({ activities: 3, participants: 9, reach: 10, members: 2 }),
      byType: [{ name: '座谈', count: 3 }],
      memberTimes: 3,
    }))
    expect(text).toContain('\n月月有活动 ✓\n')
    expect(text).not.toContain('没有活动的月份')
    expect(text).not.toContain('各季度重点') // only for a year
  })

  it('writes a year without a same-period-last-year line, with empty months and quarter focus', () => {
    const text = formatRoomDigest('健康家园会客厅', digest(periodOf('year', 2022, 1), {
      figures: figures({
        activities: 10, participants: 57, reach: 36370, members: 6, opinions: 4, resolved: 2, instructed: 1, adopted: { county: 1, city: 1, province: 0, national: 0 },
        proposals: 4, registered: 3, answered: 1,
      }),
      previous: figures({ activities: 2, participants: 10, reach: 400, members: 3, opinions: 1, resolved: 1 }),
      lastYear: figures({ activities: 2, participants: 10, reach: 400, members: 3, opinions: 1, resolved: 1 }),
      byType: [{ name: '义诊', count: 4 }, { name: '调研', count: 3 }, { name: '宣讲', count: 2 }, { name: '座谈', count: 1 }],
      memberTimes: 17,
      collectedResolved: 2,
      emptyMonths: ['2月', '4月', '5月', '7月'],
      quarterFocus: [
        { quarter: '一季度', types: [{ name: '调研', count: 2 }, { name: '宣讲', count: 1 }] },
        { quarter: '二季度', types: [{ name: '座谈', count: 1 }] },
        { quarter: '三季度', types: [{ name: '义诊', count: 4 }, { name: '调研', count: 1 }] },
      ],
    }))
    expect(text.split('\n')).toEqual([
      '【健康家园会客厅 · 2022年年度总结】',
      '全年开展活动 10 场（义诊 4 场、调研 3 场、宣讲 2 场、座谈 1 场），参与 57 人次；委员 6 人、17 人次参与；服务群众 3.6万余（36,370） 人次。',
      '社情民意：收集 4 篇，县级采纳 1 篇，市级采纳 1 篇，获批示 1 篇，办结 2 篇，本期收集的办结 2 篇，办结率 50%。',
      '提案：提交 4 件，立案 3 件，办复 1 件。',
      '与上年比：活动 +8 场，参与 +47 人次，服务群众 +35,970 人次，社情民意 +3 篇',
      '没有活动的月份：2月、4月、5月、7月。',
      '各季度重点：一季度 调研、宣讲；二季度 座谈；三季度 义诊、调研。',
      '（已撤销的记录不计入；数字可直接用于总结。）',
    ])
    expect(text).not.toContain('与去年同期比')
  })

  it('says 月月有活动 for a year with activity every month, and leaves out an empty quarter focus', () => {
    const text = formatRoomDigest('东海论健工作室', digest(periodOf('year', 2021, 1), {
      figures: figures({ activities: 12, participants: 100, reach: 8000, members: 4 }),
      byType: [{ name: '学习', count: 12 }],
      memberTimes: 30,
    }))
    expect(text).toContain('全年开展活动 12 场（学习 12 场），参与 100 人次；委员 4 人、30 人次参与；服务群众 8,000 人次。')
    expect(text).toContain('\n月月有活动 ✓\n')
    expect(text).not.toContain('各季度重点')
    expect(text).not.toContain('办结率')
  })

  // A period none of whose months has begun by asOf has no empty months and no activity:
  // it must not be ticked 月月有活动.
  it('does not claim 月月有活动 for a quarter that has not begun', async () => {
    const { db } = await freshDb()
    const room = await db.room.create({ data: { name: '新塍工作室', kind: '工作室', topic: '新塍群' } })
    const d = await buildDigest(db, [room.id], periodOf('quarter', 2022, 4), '2022-09-21')
    const text = formatRoomDigest(room.name, d)
    expect(text).toContain('本季度没有记录活动。')
    expect(text).not.toContain('月月有活动 ✓')
  })
})

describe('formatCrossRoomDigest', () => {
  const period = periodOf('month', 2022, 9)
  const rooms = [
    { name: '健康家园会客厅', figures: september.figures },
    {
      name: '东海论健工作室',
      figures: figures({ activities: 1, participants: 15, reach: 1000, members: 2, opinions: 1, resolved: 1, research: 1, researchAdopted: 1, speeches: 2 }),
    },
    { name: '新塍工作室', figures: figures() },
  ]
  const total = digest(period, {
    figures: figures({
      activities: 6, participants: 45, reach: 37200, members: 7, opinions: 4,
      adopted: { county: 1, city: 1, province: 0, national: 0 }, instructed: 1, resolved: 2,
      proposals: 3, registered: 2, answered: 1,
    }),
    collectedResolved: 2,
  })

  it('writes a line per room, the totals and the idle rooms', () => {
    expect(formatCrossRoomDigest(rooms, total).split('\n')).toEqual([
      '【2022年9月 各会客厅、工作室汇总（3 个）】',
      '1. 健康家园会客厅：活动 5 场，参与 30 人次，服务群众 3.6万余（36,200） 人次，社情民意 3 篇，提案 2 件',
      // Each table-counted kind a room has joins its line: a room's research would else show in the total only.
      '2. 东海论健工作室：活动 1 场，参与 15 人次，服务群众 1,000 人次，社情民意 1 篇，调研报告 1 篇，大会发言 2 次',
      '3. 新塍工作室：活动 0 场，参与 0 人次，服务群众 0 人次，社情民意 0 篇',
      '合计：活动 6 场，参与 45 人次，委员 7 人，服务群众 3.7万余（37,200） 人次。',
      '社情民意：收集 4 篇，县级采纳 1 篇，市级采纳 1 篇，获批示 1 篇，办结 2 篇，本期收集的办结 2 篇，办结率 50%。',
      '提案：提交 3 件，立案 2 件，办复 1 件。',
      '本期没有活动：新塍工作室。',
    ])
  })

  it('lists every idle room, and says so when none is idle', () => {
    const idle = formatCrossRoomDigest([...rooms, { name: '王店会客厅', figures: figures() }], total)
    expect(idle).toContain('【2022年9月 各会客厅、工作室汇总（4 个）】')
    expect(idle).toContain('\n4. 王店会客厅：活动 0 场')
    expect(idle.split('\n').at(-1)).toBe('本期没有活动：新塍工作室、王店会客厅。')
    const busy = formatCrossRoomDigest(rooms.slice(0, 2), total)
    expect(busy.split('\n').at(-1)).toBe('每个会客厅、工作室本期都有活动 ✓')
    expect(busy).not.toContain('本期没有活动')
  })

  it('agrees with buildDigest on a seeded book', async () => {
    const { db } = await freshDb()
    const a = await db.room.create({ data: { name: '健康家园会客厅', kind: '会客厅', topic: '健康群' } })
    const b = await db.room.create({ data: { name: '东海论健工作室', kind: '工作室', topic: '东海群' } })
    let n = 0
    const activity = (roomId: number, date: string, participants: number, reach: number, withdrawn = false) =>
      db.activity.create({
        data: { code: `A${++n}`, roomId, date, title: `活动${n}`, type: '义诊', participants, reach, withdrawn, reporterName: '王芳', sourceMessageId: `m${n}`, rawText: '' },
      })
    await activity(a.id, '2022-09-03', 20, 6000)
    await activity(a.id, '2022-09-04', 30, 6000) // a: 50 人次, 12,000 群众
    await activity(a.id, '2022-09-05', 900, 900000, true) // withdrawn
    await activity(b.id, '2022-10-01', 5, 5) // October: b idle in September
    const proposal = (code: string, roomId: number, date: string, steps: [kind: string, date: string][], withdrawn = false) =>
      db.proposal.create({
        data: {
          code, roomId, date, title: `提案${code}`, type: '个人', withdrawn, reporterName: '王芳', sourceMessageId: `p${code}`, rawText: '',
          events: { create: steps.map(([kind, on]) => ({ kind, date: on, actorName: '王芳' })) },
        },
      })
    await proposal('T1', a.id, '2022-09-06', [['registered', '2022-09-20'], ['answered', '2022-10-08']]) // answered in October
    await proposal('T2', b.id, '2022-08-30', [['registered', '2022-09-02']]) // handed in in August, registered in September
    await proposal('T3', a.id, '2022-09-07', [['registered', '2022-09-08']], true) // withdrawn
    await rebuildMonthlyRows(db)
    const cross = await buildCrossRoomDigest(db, [a, b], period, '2022-09-30')
    expect(formatCrossRoomDigest(cross.rooms, cross.total).split('\n')).toEqual([
      '【2022年9月 各会客厅、工作室汇总（2 个）】',
      '1. 健康家园会客厅：活动 2 场，参与 50 人次，服务群众 1.2万（12,000） 人次，社情民意 0 篇，提案 1 件',
      '2. 东海论健工作室：活动 0 场，参与 0 人次，服务群众 0 人次，社情民意 0 篇',
      '合计：活动 2 场，参与 50 人次，委员 0 人，服务群众 1.2万（12,000） 人次。',
      '社情民意：收集 0 篇，获批示 0 篇，办结 0 篇。',
      // T1 handed in; T1 and T2 registered; T1's 办复 is October's, T3 withdrawn.
      '提案：提交 1 件，立案 2 件，办复 0 件。',
      '本期没有活动：东海论健工作室。',
    ])
  })
})
