import { describe, expect, it } from 'vitest'
import { occurrences, parseCron } from '../../src/schedule/cron.js'

const tz = 'Asia/Shanghai'
const list = (expr: string, after: string, until: string) =>
  occurrences(parseCron(expr), tz, new Date(after), new Date(until)).map((d) => d.toISOString())

describe('cron occurrences', () => {
  it('fires the monthly digest at 09:00 Shanghai on the 1st', () => {
    expect(list('0 9 1 * *', '2022-08-15T00:00:00+08:00', '2022-11-01T09:00:00+08:00')).toEqual([
      '2022-09-01T01:00:00.000Z',
      '2022-10-01T01:00:00.000Z',
      '2022-11-01T01:00:00.000Z',
    ])
  })

  it('excludes the start and includes the end of the window', () => {
    expect(list('0 9 1 * *', '2022-09-01T09:00:00+08:00', '2022-10-01T08:59:00+08:00')).toEqual([])
  })

  it('handles quarters, weekdays, ranges and steps', () => {
    expect(list('0 9 1 1,4,7,10 *', '2022-01-02T00:00:00+08:00', '2023-01-01T23:00:00+08:00')).toHaveLength(4)
    expect(list('0 9 * * 1', '2022-09-01T00:00:00+08:00', '2022-09-30T00:00:00+08:00')).toEqual([
      '2022-09-05T01:00:00.000Z',
      '2022-09-12T01:00:00.000Z',
      '2022-09-19T01:00:00.000Z',
      '2022-09-26T01:00:00.000Z',
    ])
    expect(list('*/30 8-9 21 9 *', '2022-09-21T00:00:00+08:00', '2022-09-22T00:00:00+08:00')).toHaveLength(4)
    expect(list('0 0 * * 7', '2022-09-17T00:00:00+08:00', '2022-09-19T00:00:00+08:00')).toEqual(['2022-09-17T16:00:00.000Z'])
  })

  it('uses either day field when both are restricted, as cron does', () => {
    expect(list('0 12 13 * 5', '2022-06-01T00:00:00+08:00', '2022-06-30T00:00:00+08:00')).toHaveLength(5) // 4 Fridays + Monday the 13th
  })

  it('rejects a malformed expression in Chinese', () => {
    expect(() => parseCron('0 9 1 *')).toThrow('应为 5 段')
    expect(() => parseCron('0 25 1 * *')).toThrow('小时字段「25」超出范围')
    expect(() => parseCron('0 9 1 JAN *')).toThrow('月字段「JAN」看不懂')
  })
})
