import { describe, expect, it } from 'vitest'
import { findDateInText, parseDate } from '../../src/parsing/mod.js'
import type { ParseClock } from '../../src/parsing/mod.js'
import { CLOCK } from './helpers.js'

// CLOCK is Wednesday 2022-09-21 10:00 Asia/Shanghai.
const VALID: Array<[string, string, string?]> = [
  ['2022年9月19日', '2022-09-19'],
  ['2022年9月19号', '2022-09-19'],
  ['9月19日', '2022-09-19'],
  ['9月19号', '2022-09-19'],
  ['9.19', '2022-09-19'],
  ['2022.9.19', '2022-09-19'],
  ['2022-09-19', '2022-09-19'],
  ['2022/9/19', '2022-09-19'],
  ['9/19', '2022-09-19'],
  ['昨天', '2022-09-20'],
  ['前天', '2022-09-19'],
  ['今天', '2022-09-21'],
  ['上周五', '2022-09-16'],
  ['本周三', '2022-09-21'],
  ['这周一', '2022-09-19'],
  ['周五', '2022-09-16'], // most recent Friday not after today
  ['周三', '2022-09-21'], // today itself
  ['星期四', '2022-09-15'],
  ['上周日', '2022-09-18'],
  ['下周一', '2022-09-26'],
  ['本月20号', '2022-09-20'],
  ['上月5日', '2022-08-05'],
  ['上个月31日', '2022-08-31'],
  ['下午3点', '2022-09-21', '15:00'],
  ['上午9:30', '2022-09-21', '09:30'],
  ['9月19日下午3点', '2022-09-19', '15:00'],
  ['晚上7点半', '2022-09-21', '19:30'],
  ['中午12点', '2022-09-21', '12:00'],
  ['9月19日（周一）下午2点', '2022-09-19', '14:00'],
  ['2022年9月19日 15:30', '2022-09-19', '15:30'],
  ['19日', '2022-09-19'],
  ['２０２２年９月１９日', '2022-09-19'],
  ['９．１９', '2022-09-19'],
  ['９月１９日　下午３点', '2022-09-19', '15:00'],
  ['九月十九日', '2022-09-19'],
  ['二〇二二年九月十九日', '2022-09-19'],
  ['22年9月19日', '2022-09-19'],
  ['3天前', '2022-09-18'],
  ['两天前', '2022-09-19'],
  ['2024年2月29日', '2024-02-29'],
  ['9月19日至20日', '2022-09-19'],
  ['11月20日', '2022-11-20'], // 60 days ahead: still this year
  ['9月上旬，具体是9月5日', '2022-09-05'], // a precise date beats a vague month
]

describe('parseDate (valid)', () => {
  it.each(VALID)('%s → %s %s', (text, date, time) => {
    const expected = time ? { ok: true, date, time } : { ok: true, date }
    expect(parseDate(text, CLOCK)).toEqual(expected)
  })
})

const INVALID: Array<[string, string]> = [
  ['9月32日', '日期看不懂："9月32日"，请写成 9月22日 或 2022-09-22 这样'],
  ['2月30日', '日期看不懂："2月30日"，请写成 9月22日 或 2022-09-22 这样'],
  ['13月1日', '日期看不懂："13月1日"，请写成 9月22日 或 2022-09-22 这样'],
  ['2022年2月29日', '日期看不懂："2022年2月29日"，请写成 9月22日 或 2022-09-22 这样'],
  ['本月31日', '日期看不懂："本月31日"，请写成 9月22日 或 2022-09-22 这样'], // September has 30 days
  ['９月３２日', '日期看不懂："９月３２日"，请写成 9月22日 或 2022-09-22 这样'],
  ['9.32', '日期看不懂："9.32"，请写成 9月22日 或 2022-09-22 这样'],
  ['很多天以前', '日期看不懂："很多天以前"，请写成 9月22日 或 2022-09-22 这样'],
  ['下周', '日期看不懂："下周"，请写成 9月22日 或 2022-09-22 这样'],
  ['下午25点', '时间看不懂："下午25点"，请写成 15:00 或 下午3点 这样'],
  ['9月19日下午3:75', '时间看不懂："9月19日下午3:75"，请写成 15:00 或 下午3点 这样'],
  ['', '日期没有填写'],
  ['2022年7月下旬', '日期不够具体："2022年7月下旬"，请写明几月几日'],
  ['9月底', '日期不够具体："9月底"，请写明几月几日'],
  ['2022年9月', '日期不够具体："2022年9月"，请写明几月几日'],
]

describe('parseDate (invalid)', () => {
  it.each(INVALID)('%j is rejected', (text, problem) => {
    expect(parseDate(text, CLOCK)).toEqual({ ok: false, problem })
  })
})

describe('year inference', () => {
  const january: ParseClock = { now: new Date('2023-01-10T04:00:00Z'), timeZone: 'Asia/Shanghai' }
  it.each([
    ['12月28日', '2022-12-28'], // written in January about last December
    ['12.28', '2022-12-28'],
    ['1月5日', '2023-01-05'],
    ['3月5日', '2023-03-05'], // 54 days ahead: this year
    ['4月1日', '2022-04-01'], // more than two months ahead: last year
    ['上月20日', '2022-12-20'],
    ['2023年12月28日', '2023-12-28'], // an explicit year is kept
    ['12月31日', '2022-12-31'], // the last day of last year
    ['3月13日', '2023-03-13'], // exactly 62 days ahead: still this year
    ['3月14日', '2022-03-14'], // 63 days ahead: last year
  ])('in January, %s → %s', (text, date) => {
    expect(parseDate(text, january)).toEqual({ ok: true, date })
  })

  it.each([
    ['10月31日', '2022-10-31'],
    ['2022年12月31日', '2022-12-31'],
    ['1900年1月1日', '1900-01-01'],
    ['2200年12月31日', '2200-12-31'],
  ])('takes the last and first days that exist: %s → %s', (text, date) => {
    expect(parseDate(text, CLOCK)).toEqual({ ok: true, date })
  })

  it.each(['11月31日', '2022年6月31日', '1899年12月31日', '2201年1月1日', '2023年2月29日'])('refuses %s, which is no day of the calendar here', (text) => {
    expect(parseDate(text, CLOCK)).toEqual({ ok: false, problem: `日期看不懂："${text}"，请写成 9月22日 或 2022-09-22 这样` })
  })
})

describe('time zone', () => {
  // 17:00 UTC on 30 September is already 1 October in Shanghai.
  const instant = new Date('2022-09-30T17:00:00Z')
  it.each([
    ['今天', 'Asia/Shanghai', '2022-10-01'],
    ['今天', 'UTC', '2022-09-30'],
    ['昨天', 'Asia/Shanghai', '2022-09-30'],
    ['3天前', 'Asia/Shanghai', '2022-09-28'],
    ['3天前', 'UTC', '2022-09-27'],
    ['周五', 'Asia/Shanghai', '2022-09-30'], // Saturday in Shanghai: yesterday
    ['下午3点', 'America/New_York', '2022-09-30'],
  ])('%s in %s → %s', (text, timeZone, date) => {
    const r = parseDate(text, { now: instant, timeZone })
    expect(r).toMatchObject({ ok: true, date })
  })
})

describe('findDateInText', () => {
  it('finds a date inside a narrative sentence', () => {
    expect(findDateInText('会客厅于9月19日在市爱卫中心开展健康义诊', CLOCK)).toEqual({
      ok: true,
      date: '2022-09-19',
      timeOnly: false,
      matched: '9月19日',
      index: 4,
    })
  })

  it('includes a following time in the matched text', () => {
    expect(findDateInText('昨天晚上8点在会客厅举办联谊会', CLOCK)).toMatchObject({
      ok: true,
      date: '2022-09-20',
      time: '20:00',
      matched: '昨天晚上8点',
      index: 0,
    })
  })

  it('reports a time-only expression against the clock date', () => {
    expect(findDateInText('下午3点在社区开展反诈宣传', CLOCK)).toMatchObject({
      ok: true,
      date: '2022-09-21',
      time: '15:00',
      timeOnly: true,
      matched: '下午3点',
    })
  })

  it('reports an impossible date instead of rolling it over', () => {
    expect(findDateInText('9月31日在社区开展义诊', CLOCK)).toEqual({
      ok: false,
      problem: '日期看不懂："9月31日"，请写成 9月22日 或 2022-09-22 这样',
      matched: '9月31日',
      index: 0,
    })
  })

  it.each([
    '影响界别群众3.6万余人次',
    '在3号楼会议室开展活动',
    '解放路18号',
    '提出3点建议',
    '每周三开展读书活动',
    '服务时长2.5小时',
  ])('finds no date in %j', (text) => {
    expect(findDateInText(text, CLOCK)).toBeNull()
  })
})
