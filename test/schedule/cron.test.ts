import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config.js'
import { checkCron, cronSchedule } from '../../src/schedule/cron.js'

const tz = 'Asia/Shanghai'
/** Local Shanghai time (no DST there: always UTC+8). */
const at = (local: string) => new Date(`${local}+08:00`)
const list = (expr: string, after: string, until: string, zone = tz) =>
  cronSchedule(expr, zone)
    .occurrences(at(after), at(until))
    .map((d) => d.toISOString())

describe('cron occurrences', () => {
  it('fires the monthly digest at 09:00 Shanghai on the 1st', () => {
    expect(list('0 9 1 * *', '2022-08-15T00:00:00', '2022-11-01T09:00:00')).toEqual([
      '2022-09-01T01:00:00.000Z',
      '2022-10-01T01:00:00.000Z',
      '2022-11-01T01:00:00.000Z',
    ])
  })

  it('excludes the start and includes the end of the window, to the millisecond', () => {
    expect(list('0 9 1 * *', '2022-09-01T09:00:00', '2022-10-01T08:59:00')).toEqual([])
    expect(list('0 9 1 * *', '2022-09-01T08:59:59.999', '2022-09-01T09:00:00')).toEqual(['2022-09-01T01:00:00.000Z'])
    expect(list('0 9 1 * *', '2022-09-01T08:59:59.999', '2022-09-01T08:59:59.999')).toEqual([])
    expect(list('0 9 1 * *', '2022-09-01T09:00:00.001', '2022-09-01T12:00:00')).toEqual([])
    // An empty window lists nothing, even when it sits on an occurrence.
    expect(list('0 9 1 * *', '2022-09-01T09:00:00', '2022-09-01T09:00:00')).toEqual([])
  })

  it('lists every occurrence of a catch-up window over several days, in time order', () => {
    expect(list('30,0 18,9 * * *', '2022-09-19T09:00:00', '2022-09-21T18:00:00')).toEqual([
      '2022-09-19T01:30:00.000Z',
      '2022-09-19T10:00:00.000Z',
      '2022-09-19T10:30:00.000Z',
      '2022-09-20T01:00:00.000Z',
      '2022-09-20T01:30:00.000Z',
      '2022-09-20T10:00:00.000Z',
      '2022-09-20T10:30:00.000Z',
      '2022-09-21T01:00:00.000Z',
      '2022-09-21T01:30:00.000Z',
      '2022-09-21T10:00:00.000Z',
    ])
    // Every minute of a day, across a month end: nothing skipped, nothing twice.
    const minutes = list('* * * * *', '2022-08-31T00:00:00', '2022-09-01T00:00:00')
    expect(minutes).toHaveLength(24 * 60)
    expect(minutes[0]).toBe('2022-08-30T16:01:00.000Z')
    expect(minutes.at(-1)).toBe('2022-08-31T16:00:00.000Z')
    expect(new Set(minutes).size).toBe(minutes.length)
  })

  it('reads the wall clock of the configured zone, which in Shanghai never shifts', () => {
    // Dates on which zones with daylight saving change their offset.
    expect(list('0 9 * * *', '2022-03-26T12:00:00', '2022-03-28T12:00:00')).toEqual(['2022-03-27T01:00:00.000Z', '2022-03-28T01:00:00.000Z'])
    expect(list('0 9 * * *', '2022-10-29T12:00:00', '2022-10-31T12:00:00')).toEqual(['2022-10-30T01:00:00.000Z', '2022-10-31T01:00:00.000Z'])
    // The same expression elsewhere follows that zone's clock, daylight saving included.
    expect(list('0 9 * * *', '2022-03-26T18:00:00', '2022-03-28T16:00:00', 'Europe/Berlin')).toEqual(['2022-03-27T07:00:00.000Z', '2022-03-28T07:00:00.000Z'])
    // 02:30 does not exist in Berlin on 27 March 2022: it runs once, right after the gap.
    expect(list('30 2 * * *', '2022-03-26T18:00:00', '2022-03-28T16:00:00', 'Europe/Berlin')).toEqual(['2022-03-27T01:00:00.000Z', '2022-03-28T00:30:00.000Z'])
  })

  it('handles month ends: 31st only in long months, 29 February only in leap years', () => {
    expect(list('0 9 31 * *', '2022-01-01T00:00:00', '2022-12-31T23:59:00').map((d) => d.slice(5, 10))).toEqual([
      '01-31',
      '03-31',
      '05-31',
      '07-31',
      '08-31',
      '10-31',
      '12-31',
    ])
    expect(list('0 9 29 2 *', '2021-01-01T00:00:00', '2025-01-01T00:00:00')).toEqual(['2024-02-29T01:00:00.000Z'])
    // Midnight on the 1st in Shanghai is still the previous day in UTC.
    expect(list('0 0 1 * *', '2022-02-27T00:00:00', '2022-03-01T00:00:00')).toEqual(['2022-02-28T16:00:00.000Z'])
  })

  it('handles quarters, weekdays, ranges, lists and steps', () => {
    expect(list('0 9 1 1,4,7,10 *', '2022-01-02T00:00:00', '2023-01-01T23:00:00')).toEqual([
      '2022-04-01T01:00:00.000Z',
      '2022-07-01T01:00:00.000Z',
      '2022-10-01T01:00:00.000Z',
      '2023-01-01T01:00:00.000Z',
    ])
    expect(list('0 9 * * 1', '2022-09-01T00:00:00', '2022-09-30T00:00:00')).toEqual([
      '2022-09-05T01:00:00.000Z',
      '2022-09-12T01:00:00.000Z',
      '2022-09-19T01:00:00.000Z',
      '2022-09-26T01:00:00.000Z',
    ])
    expect(list('*/30 8-9 21 9 *', '2022-09-21T00:00:00', '2022-09-22T00:00:00')).toEqual([
      '2022-09-21T00:00:00.000Z',
      '2022-09-21T00:30:00.000Z',
      '2022-09-21T01:00:00.000Z',
      '2022-09-21T01:30:00.000Z',
    ])
    expect(list('0 8-20/6 * * *', '2022-09-21T00:00:00', '2022-09-21T23:59:00')).toEqual([
      '2022-09-21T00:00:00.000Z',
      '2022-09-21T06:00:00.000Z',
      '2022-09-21T12:00:00.000Z',
    ])
    expect(list('0 9 10-12 * *', '2022-09-01T00:00:00', '2022-09-30T00:00:00').map((d) => d.slice(0, 10))).toEqual(['2022-09-10', '2022-09-11', '2022-09-12'])
    // A step from a start (`10/20`) runs to the end of the field, as before croner: 10, 30, 50.
    expect(list('10/20 9 21 9 *', '2022-09-21T00:00:00', '2022-09-22T00:00:00')).toEqual([
      '2022-09-21T01:10:00.000Z',
      '2022-09-21T01:30:00.000Z',
      '2022-09-21T01:50:00.000Z',
    ])
  })

  it('treats weekday 0 and 7 as Sunday, with weekday and month names too', () => {
    const sundays = ['2022-09-17T16:00:00.000Z', '2022-09-24T16:00:00.000Z']
    expect(list('0 0 * * 7', '2022-09-17T00:00:00', '2022-09-25T00:00:00')).toEqual(sundays)
    expect(list('0 0 * * 0', '2022-09-17T00:00:00', '2022-09-25T00:00:00')).toEqual(sundays)
    expect(list('0 0 * * SUN', '2022-09-17T00:00:00', '2022-09-25T00:00:00')).toEqual(sundays)
    expect(list('0 9 * * 5-7', '2022-09-19T00:00:00', '2022-09-26T00:00:00').map((d) => d.slice(0, 10))).toEqual(['2022-09-23', '2022-09-24', '2022-09-25'])
    expect(list('0 9 1 JAN *', '2022-01-02T00:00:00', '2024-01-01T09:00:00')).toEqual(['2023-01-01T01:00:00.000Z', '2024-01-01T01:00:00.000Z'])
  })

  it('uses either day field when both are restricted, and only the restricted one otherwise, as cron does', () => {
    const days = (expr: string) => list(expr, '2022-06-01T00:00:00', '2022-06-30T00:00:00').map((d) => d.slice(0, 10))
    // 13 June 2022 was a Monday.
    expect(days('0 12 13 * 5')).toEqual(['2022-06-03', '2022-06-10', '2022-06-13', '2022-06-17', '2022-06-24'])
    expect(days('0 12 13 * *')).toEqual(['2022-06-13'])
    expect(days('0 12 * * 5')).toEqual(['2022-06-03', '2022-06-10', '2022-06-17', '2022-06-24'])
  })

  it('gives the next occurrence strictly after an instant', () => {
    const monthly = cronSchedule('0 9 1 * *', tz)
    expect(monthly.next(at('2022-09-01T08:59:59'))).toEqual(at('2022-09-01T09:00:00'))
    expect(monthly.next(at('2022-09-01T09:00:00'))).toEqual(at('2022-10-01T09:00:00'))
    expect(cronSchedule('0 9 1 1 *', tz).next(at('2022-01-01T09:00:00'))).toEqual(at('2023-01-01T09:00:00'))
  })
})

describe('cron checking', () => {
  it('tolerates surrounding and repeated whitespace, and returns the expression with single spaces', () => {
    expect(checkCron('  0 9 1 * *  ')).toBe('0 9 1 * *')
    expect(checkCron('0  9\t1 *   *')).toBe('0 9 1 * *')
    expect(list('  0  9\t1 * * ', '2022-08-15T00:00:00', '2022-09-15T00:00:00')).toEqual(['2022-09-01T01:00:00.000Z'])
  })

  it('wants exactly five fields: no seconds, no year', () => {
    expect(() => checkCron('0 9 1 *')).toThrow('应为 5 段（分 时 日 月 星期），收到 4 段')
    expect(() => checkCron('0 0 9 1 * *')).toThrow('应为 5 段（分 时 日 月 星期），收到 6 段')
    expect(() => checkCron('')).toThrow('收到 1 段')
    expect(() => checkCron('@monthly')).toThrow('收到 1 段')
  })

  it('names the field whose number is out of range, with that field’s range', () => {
    expect(() => checkCron('60 9 1 * *')).toThrow('分钟字段「60」超出范围 0-59')
    expect(() => checkCron('0,60 9 1 * *')).toThrow('分钟字段「0,60」超出范围 0-59')
    expect(() => checkCron('*/61 9 1 * *')).toThrow('分钟字段「*/61」超出范围 0-59')
    expect(() => checkCron('0 25 1 * *')).toThrow('小时字段「25」超出范围 0-23')
    expect(() => checkCron('0 20-24 1 * *')).toThrow('小时字段「20-24」超出范围 0-23')
    expect(() => checkCron('0 9 0 * *')).toThrow('日字段「0」超出范围 1-31')
    expect(() => checkCron('0 9 32 * *')).toThrow('日字段「32」超出范围 1-31')
    expect(() => checkCron('0 9 20-10 * *')).toThrow('日字段「20-10」超出范围 1-31')
    expect(() => checkCron('0 9 1 0 *')).toThrow('月字段「0」超出范围 1-12')
    expect(() => checkCron('0 9 1 13 *')).toThrow('月字段「13」超出范围 1-12')
    expect(() => checkCron('0 9 1 * 8')).toThrow('星期字段「8」超出范围 0-7')
    expect(() => checkCron('*/0 9 1 * *')).toThrow('分钟字段「*/0」超出范围 0-59')
  })

  it('names the field it cannot read', () => {
    expect(() => checkCron('x5 9 1 * *')).toThrow('分钟字段「x5」看不懂')
    expect(() => checkCron('5x 9 1 * *')).toThrow('分钟字段「5x」看不懂')
    expect(() => checkCron('0 9.5 1 * *')).toThrow('小时字段「9.5」看不懂')
    expect(() => checkCron('0 9 */2x * *')).toThrow('日字段「*/2x」看不懂')
    expect(() => checkCron('0 9 1-2-3 * *')).toThrow('日字段「1-2-3」看不懂')
    expect(() => checkCron('0 9 1,x * *')).toThrow('日字段「1,x」看不懂')
    expect(() => checkCron('0 9 1 JANUARY *')).toThrow('月字段「JANUARY」看不懂')
    expect(() => checkCron('0 9 1 * 周一')).toThrow('星期字段「周一」看不懂')
  })

  it('refuses a date that never comes, and accepts one that comes in leap years', () => {
    expect(() => checkCron('0 9 30 2 *')).toThrow('「0 9 30 2 *」的日期永远不会到')
    expect(() => checkCron('0 9 31 4,6 *')).toThrow('的日期永远不会到')
    expect(checkCron('0 9 29 2 *')).toBe('0 9 29 2 *')
  })

  it('is what cronSchedule checks too', () => {
    expect(() => cronSchedule('0 25 1 * *', tz)).toThrow('小时字段「25」超出范围 0-23')
    expect(() => cronSchedule('0 9 31 2 *', tz)).toThrow('永远不会到')
  })
})

describe('a schedule set in the environment', () => {
  it('is checked at start, a bad one becoming one Chinese line that names the variable and the field', () => {
    expect(loadConfig({ SCHEDULE_FOLLOW_UP: ' 0 9 * * MON ' }).SCHEDULE_FOLLOW_UP).toBe(' 0 9 * * MON ')
    expect(() => loadConfig({ SCHEDULE_FOLLOW_UP: '0 9 * * 8' })).toThrow(ConfigError)
    expect(() => loadConfig({ SCHEDULE_FOLLOW_UP: '0 9 * * 8' })).toThrow(
      /^配置有误：SCHEDULE_FOLLOW_UP="0 9 \* \* 8"，不是有效的 cron 表达式（分 时 日 月 星期）：星期字段「8」超出范围 0-7（在环境变量或 \.env 中修改）$/,
    )
    expect(() => loadConfig({ SCHEDULE_MONTHLY_DIGEST: '0 0 9 1 * *' })).toThrow('SCHEDULE_MONTHLY_DIGEST="0 0 9 1 * *"，不是有效的 cron 表达式（分 时 日 月 星期）：应为 5 段')
  })
})
