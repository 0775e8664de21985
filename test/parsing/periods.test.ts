import { describe, expect, it } from 'vitest'
import { monthsOf, parsePeriod, periodOf, sameLastYear, shiftPeriod, type PeriodKind } from '../../src/parsing/mod.js'

// 2022-09-21 10:00 in Shanghai.
const clock = { now: new Date('2022-09-21T02:00:00Z'), timeZone: 'Asia/Shanghai' }
const january = { now: new Date('2023-01-05T02:00:00Z'), timeZone: 'Asia/Shanghai' }

describe('parsePeriod', () => {
  it.each<[PeriodKind, string, string, string, string]>([
    ['month', '', '2022年9月', '2022-09-01', '2022-09-30'],
    ['month', '本月', '2022年9月', '2022-09-01', '2022-09-30'],
    ['month', '上月', '2022年8月', '2022-08-01', '2022-08-31'],
    ['month', '上个月', '2022年8月', '2022-08-01', '2022-08-31'],
    ['month', '2022-02', '2022年2月', '2022-02-01', '2022-02-28'],
    ['month', '2024/2', '2024年2月', '2024-02-01', '2024-02-29'],
    ['month', '2022年9月', '2022年9月', '2022-09-01', '2022-09-30'],
    ['month', '２０２２年９月', '2022年9月', '2022-09-01', '2022-09-30'],
    ['month', '7月', '2022年7月', '2022-07-01', '2022-07-31'],
    ['month', '七月份', '2022年7月', '2022-07-01', '2022-07-31'],
    ['month', '12月', '2021年12月', '2021-12-01', '2021-12-31'],
    ['quarter', '', '2022年第三季度', '2022-07-01', '2022-09-30'],
    ['quarter', '上季度', '2022年第二季度', '2022-04-01', '2022-06-30'],
    ['quarter', '2022Q3', '2022年第三季度', '2022-07-01', '2022-09-30'],
    ['quarter', '2022-q1', '2022年第一季度', '2022-01-01', '2022-03-31'],
    ['quarter', '三季度', '2022年第三季度', '2022-07-01', '2022-09-30'],
    ['quarter', '第二季度', '2022年第二季度', '2022-04-01', '2022-06-30'],
    ['quarter', '2021年第四季度', '2021年第四季度', '2021-10-01', '2021-12-31'],
    ['quarter', '四季度', '2021年第四季度', '2021-10-01', '2021-12-31'],
    ['year', '', '2022年', '2022-01-01', '2022-12-31'],
    ['year', '去年', '2021年', '2021-01-01', '2021-12-31'],
    ['year', '今年', '2022年', '2022-01-01', '2022-12-31'],
    ['quarter', '本季', '2022年第三季度', '2022-07-01', '2022-09-30'],
    ['month', '这个月', '2022年9月', '2022-09-01', '2022-09-30'],
    ['year', '2020', '2020年', '2020-01-01', '2020-12-31'],
    ['year', '2020年', '2020年', '2020-01-01', '2020-12-31'],
  ])('%s %j → %s', (kind, text, label, from, to) => {
    expect(parsePeriod(text, kind, clock)).toEqual({ ok: true, period: expect.objectContaining({ label, from, to }) })
  })

  it('reads last month across a year boundary', () => {
    expect(parsePeriod('上月', 'month', january)).toMatchObject({ ok: true, period: { label: '2022年12月' } })
    expect(parsePeriod('上季度', 'quarter', january)).toMatchObject({ ok: true, period: { label: '2022年第四季度' } })
  })

  it.each<[PeriodKind, string]>([
    ['month', '13月'],
    ['month', '2022Q3'],
    ['month', '9'],
    ['quarter', '五季度'],
    ['quarter', '2022-09'],
    ['year', '三季度'],
    ['year', '1899'],
    // A relative word of another kind's unit is not this kind's period.
    ['month', '去年'],
    ['month', '本季度'],
    ['quarter', '上月'],
    ['quarter', '上年'],
    ['year', '上月'],
    ['year', '本季度'],
  ])('%s %j is refused with examples', (kind, text) => {
    const result = parsePeriod(text, kind, clock)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.problem).toMatch(new RegExp(`看不懂："${text}"。可以写`))
  })
})

describe('period arithmetic', () => {
  it('steps back across years and finds the same period a year before', () => {
    expect(shiftPeriod(periodOf('month', 2022, 1), -1).label).toBe('2021年12月')
    expect(shiftPeriod(periodOf('quarter', 2022, 1), -1).label).toBe('2021年第四季度')
    expect(sameLastYear(periodOf('quarter', 2022, 3)).from).toBe('2021-07-01')
    expect(monthsOf(periodOf('quarter', 2022, 4)).map((m) => m.label)).toEqual(['2022年10月', '2022年11月', '2022年12月'])
  })
})
