import { describe, expect, it } from 'vitest'
import { findDateInText } from '../../src/parsing/mod.js'
import type { ParseClock } from '../../src/parsing/mod.js'

// Peer cases from chrono's Simplified-Chinese suites (github.com/wanasit/chrono, test/zh/hans/*.test.ts):
// zh_hans_casual, zh_hans_date, zh_hans_time_exp, zh_hans_weekday, zh_hans_ago, zh_hans_deadline.
// Each row: [text chrono parses, chrono's reference date read as Shanghai wall time,
//            chrono's expected start date, chrono's expected start time (HH:mm) when it checks one, note].
// For ranges only the start is compared. Seconds are dropped (we report HH:mm).
// Where chrono asserts only the matched text (or only some fields), the missing values were taken from
// chrono-node 2.10.3 run with TZ=Asia/Shanghai; the note says so.
//
// Rule: we either give chrono's date (and its time, when chrono checks one and we report one),
// or we refuse (null / ok:false). A different date or time is a failure.
//
// Not imported: casual "星期四" with reference `new Date()` (not reproducible; chrono checks only weekday = 4).
type Row = [text: string, reference: string, date: string | null, time: string | undefined, note: string]

const TEXT_ONLY = 'chrono asserts the matched text only; value from chrono-node 2.10.3'

const IN_SCOPE: Row[] = [
  // zh_hans_casual
  ['我今天要打游戏', '2012-08-10T12:00:00+08:00', '2012-08-10', undefined, 'casual 今天'],
  ['我明日要打游戏', '2012-08-10T12:00:00+08:00', '2012-08-11', undefined, 'casual 明日'],
  ['我后天凌晨要打游戏', '2012-08-10T00:00:00+08:00', '2012-08-12', '00:00', 'casual 后天凌晨'],
  ['我大前天凌晨要打游戏', '2012-08-10T00:00:00+08:00', '2012-08-07', '00:00', 'casual 大前天凌晨'],
  ['我前天要打游戏', '2012-08-10T12:00:00+08:00', '2012-08-08', undefined, 'casual 前天'],
  ['我昨日要打游戏', '2012-08-10T12:00:00+08:00', '2012-08-09', undefined, 'casual 昨日'],
  ['我昨天晚上要打游戏', '2012-08-10T12:00:00+08:00', '2012-08-09', '22:00', 'casual 昨天晚上'],
  ['我今天早上要打游戏', '2012-08-10T12:00:00+08:00', '2012-08-10', '06:00', 'casual 今天早上'],
  ['我下午要打游戏', '2012-08-10T12:00:00+08:00', '2012-08-10', '15:00', 'casual 下午'],
  ['我今晚要打游戏', '2012-08-10T12:00:00+08:00', '2012-08-10', '22:00', 'casual 今晚'],
  ['我今天下午5点要打游戏', '2012-08-10T12:00:00+08:00', '2012-08-10', '17:00', 'casual combined'],
  ['我今天 - 下周五要打游戏', '2012-08-04T12:00:00+08:00', '2012-08-04', undefined, 'casual range, start (end 2012-08-10)'],
  ['我今日 - 下周五要打游戏', '2012-08-10T12:00:00+08:00', '2012-08-10', undefined, 'casual range, start (end 2012-08-17)'],
  ['今日夜晚', '2012-01-01T12:00:00+08:00', '2012-01-01', '22:00', 'casual random text'],
  ['今晚8点正', '2012-01-01T12:00:00+08:00', '2012-01-01', '20:00', 'casual random text'],
  ['晚上8点', '2012-01-01T12:00:00+08:00', '2012-01-01', '20:00', 'casual random text'],

  // zh_hans_date
  ['我2016年9月3号要打游戏', '2012-08-10T00:00:00+08:00', '2016-09-03', undefined, 'date'],
  ['我二零一六年，九月三号要打游戏', '2012-08-10T00:00:00+08:00', '2016-09-03', undefined, 'date, Chinese numerals'],
  ['我九月三号要打游戏', '2014-08-10T00:00:00+08:00', '2014-09-03', undefined, 'date without year'],
  ['2016年09月03号', '2012-08-10T00:00:00+08:00', '2016-09-03', undefined, 'date, zero-padded'],
  ['2016年9月3号-2017年10月24号', '2012-08-10T00:00:00+08:00', '2016-09-03', undefined, 'date range, start'],
  ['二零一六年九月三号ー2017年10月24号', '2012-08-10T00:00:00+08:00', '2016-09-03', undefined, 'date range (ー), start'],
  ['十月十日', '2012-08-10T00:00:00+08:00', '2012-10-10', undefined, 'chrono asserts month/day only; year from chrono-node 2.10.3'],

  // zh_hans_time_exp
  ['我上午6点13分打游戏', '2012-08-10T00:00:00+08:00', '2012-08-10', '06:13', 'time'],
  ['我后天凌晨打游戏', '2012-08-10T00:00:00+08:00', '2012-08-12', '00:00', 'time'],
  ['我大前天凌晨打游戏', '2012-08-10T00:00:00+08:00', '2012-08-07', '00:00', 'time'],
  ['我明天上午8点要打游戏', '2012-08-10T12:00:00+08:00', '2012-08-11', '08:00', 'time'],
  ['早上8点', '2012-08-10T12:00:00+08:00', '2012-08-10', '08:00', 'time'],
  ['我从今早八点十分至下午11点32分打游戏', '2012-08-10T00:00:00+08:00', '2012-08-10', '08:10', 'time range, start'],
  ['6点30pm-11点pm', '2012-08-10T00:00:00+08:00', '2012-08-10', '18:30', 'time range, start'],
  ['我二零一八年十一月二十六日下午三点半五十九秒打游戏', '2012-08-10T00:00:00+08:00', '2018-11-26', '15:30', 'date + time (15:30:59)'],
  ['1点pm到3点', '2012-08-10T00:00:00+08:00', '2012-08-10', '13:00', 'meridiem imply, start'],
  ['2014年, 3月5日早上 6 点至 7 点', '2012-08-10T00:00:00+08:00', '2014-03-05', '06:00', TEXT_ONLY],
  ['下星期六凌晨1点30分二十九秒', '2012-08-10T00:00:00+08:00', '2012-08-18', '01:30', TEXT_ONLY],
  ['昨天早上六点正', '2012-08-10T00:00:00+08:00', '2012-08-09', '06:00', TEXT_ONLY],
  ['六月四日3:00am', '2012-08-10T00:00:00+08:00', '2012-06-04', '03:00', TEXT_ONLY],
  ['上个礼拜五16时', '2012-08-10T00:00:00+08:00', '2012-08-03', '16:00', TEXT_ONLY],
  ['3月17日 20点15', '2012-08-10T00:00:00+08:00', '2012-03-17', '20:15', TEXT_ONLY],
  ['10点', '2012-08-10T00:00:00+08:00', '2012-08-10', '10:00', TEXT_ONLY],
  ['中午12点', '2012-08-10T00:00:00+08:00', '2012-08-10', '12:00', 'chrono asserts hour only; date from chrono-node 2.10.3'],
  ['今晚10时', '2012-08-10T00:00:00+08:00', '2012-08-10', '22:00', 'chrono asserts hour only; date from chrono-node 2.10.3'],
  ['昨晚8点', '2012-08-10T00:00:00+08:00', '2012-08-09', '20:00', 'day + hour'],
  ['前天下午三点', '2012-08-10T00:00:00+08:00', '2012-08-08', '15:00', 'day + hour'],
  ['三点', '2012-08-10T01:00:00+08:00', '2012-08-10', '03:00', 'chrono asserts hour only; date from chrono-node 2.10.3'],
  ['晚上11点 ~ 凌晨2点', '2012-08-10T00:00:00+08:00', '2012-08-10', '23:00', 'time range, start (end 2012-08-11 02:00)'],
  ['2023-10-26 10:30:00', '2012-08-10T00:00:00+08:00', '2023-10-26', '10:30', 'YYYY-MM-DD HH:mm:ss'],
  ['大后天晚上9点30分', '2012-08-10T00:00:00+08:00', '2012-08-13', '21:30', 'disabled upstream (chrono TODO: 大后天 read as 后天); expectation as written there'],
  ['下午5点-7点', '2012-08-10T00:00:00+08:00', '2012-08-10', '17:00', 'disabled upstream (chrono TODO: range meridiem); start'],

  // zh_hans_weekday
  ['星期四', '2016-09-02T00:00:00+08:00', '2016-09-01', undefined, 'weekday: chrono takes the nearest Thursday'],
  ['我上个礼拜三在打游戏', '2016-09-02T00:00:00+08:00', '2016-08-24', undefined, 'last week'],
  ['我这个星期一要打游戏', '2012-08-10T00:00:00+08:00', '2012-08-06', undefined, 'this week'],

  // zh_hans_ago (whole days / weeks)
  ['3天前', '2012-08-10T12:14:00+08:00', '2012-08-07', undefined, 'ago, days'],
  ['2星期前', '2012-08-10T12:14:00+08:00', '2012-07-27', undefined, 'ago, weeks'],
]

const FORWARD_DATE = 'chrono called with { forwardDate: true }; our parser has no such option'
const SUB_DAY = 'sub-day offset'
const DEADLINE = 'forward deadline / future offset'

const OUT_OF_SCOPE: Row[] = [
  // zh_hans_weekday, forwardDate option

  // zh_hans_ago, under a day
  ['1小时前', '2012-08-10T12:14:00+08:00', '2012-08-10', '11:14', SUB_DAY],
  ['1小时之前出门了', '2012-08-10T12:14:00+08:00', '2012-08-10', '11:14', SUB_DAY],
  ['五分钟前', '2012-08-10T12:14:00+08:00', '2012-08-10', '12:09', SUB_DAY],
  ['半小时前', '2012-08-10T12:14:00+08:00', '2012-08-10', '11:44', SUB_DAY],

  // zh_hans_deadline
  ['五日内我要通关游戏', '2012-08-10T00:00:00+08:00', '2012-08-15', undefined, DEADLINE],
  ['5日之内我要通关游戏', '2012-08-10T00:00:00+08:00', '2012-08-15', undefined, DEADLINE],
  ['十日内我要通关游戏', '2012-08-10T00:00:00+08:00', '2012-08-20', undefined, DEADLINE],
  ['五分钟后', '2012-08-10T12:14:00+08:00', '2012-08-10', '12:19', SUB_DAY],
  ['一个钟之内', '2012-08-10T12:14:00+08:00', '2012-08-10', '13:14', `Cantonese 一个钟; ${SUB_DAY}`],
  ['5分钟之后出门', '2012-08-10T12:14:00+08:00', '2012-08-10', '12:19', SUB_DAY],
  ['我要5秒之后出门', '2012-08-10T12:14:00+08:00', '2012-08-10', '12:14', `${SUB_DAY} (12:14:05)`],
  ['半小时之内', '2012-08-10T12:14:00+08:00', '2012-08-10', '12:44', `${DEADLINE}; ${SUB_DAY}`],
  ['两个礼拜内答复我', '2012-08-10T12:14:00+08:00', '2012-08-24', undefined, DEADLINE],
  ['1个月之内答复我', '2012-08-10T12:14:00+08:00', '2012-09-10', undefined, DEADLINE],
  ['几个月之内答复我', '2012-08-10T12:14:00+08:00', '2012-11-10', undefined, DEADLINE],
  ['一年内答复我', '2012-08-10T12:14:00+08:00', '2013-08-10', undefined, DEADLINE],
  ['1年之内答复我', '2012-08-10T12:14:00+08:00', '2013-08-10', undefined, DEADLINE],
  ['5秒钟后', '2012-08-10T12:14:00+08:00', '2012-08-10', '12:14', `${SUB_DAY} (12:14:05)`],
  ['2小时后', '2012-08-10T12:14:00+08:00', '2012-08-10', '14:14', SUB_DAY],
  ['3天后', '2012-08-10T12:14:00+08:00', '2012-08-13', undefined, DEADLINE],
  ['2星期后', '2012-08-10T12:14:00+08:00', '2012-08-24', undefined, DEADLINE],
  ['5分钟过后', '2012-08-10T12:14:00+08:00', '2012-08-10', '12:19', SUB_DAY],
]

function clockAt(reference: string): ParseClock {
  return { now: new Date(reference), timeZone: 'Asia/Shanghai' }
}

/** Same date (and time, where both sides have one) as chrono, or no date at all. */
function expectAgreesOrRefuses(text: string, reference: string, date: string | null, time: string | undefined): void {
  const r = findDateInText(text, clockAt(reference))
  if (r === null || !r.ok) return
  const got = { date: r.date, time: time !== undefined ? r.time : undefined, matched: r.matched }
  const want = { date, time: time !== undefined && r.time !== undefined ? time : undefined, matched: r.matched }
  expect(got).toEqual(want)
}

describe('chrono zh-Hans peer cases', () => {
  it.each(IN_SCOPE)('%s @ %s → %s %s (%s)', (text, reference, date, time) => {
    expectAgreesOrRefuses(text, reference, date, time)
  })
})

describe('chrono zh-Hans peer cases out of scope for past activities', () => {
  it.each(OUT_OF_SCOPE)('%s @ %s → %s %s (%s)', (text, reference, date, time) => {
    expectAgreesOrRefuses(text, reference, date, time)
  })
})

/**
 * Cases where chrono reads a different day than we do, on purpose: our dates are the days
 * activities were held, written in a chat afterwards. [text, reference, chrono's date, ours, why]
 */
const BY_DESIGN: [string, string, string, string, string][] = [
  ['我明天要打游戏', '2012-08-10T01:00:00+08:00', '2012-08-10', '2012-08-11', '明天 is the next calendar day whatever the hour; chrono reads 明天 said at 1 AM as later that same day'],
  ['十一月十日', '2012-08-10T00:00:00+08:00', '2012-11-10', '2011-11-10', 'a date more than two months ahead belongs to last year: members report activities already held (chrono: this year)'],
  ['十二月十日', '2012-08-10T00:00:00+08:00', '2012-12-10', '2011-12-10', 'a date more than two months ahead belongs to last year: members report activities already held (chrono: this year)'],
  ['我周一要打游戏', '2012-08-10T00:00:00+08:00', '2012-08-13', '2012-08-06', 'a bare weekday is the most recent one, an activity already held (chrono: the nearest, here ahead)'],
  ['礼拜日', '2016-09-02T00:00:00+08:00', '2016-09-04', '2016-08-28', 'a bare weekday is the most recent one, an activity already held (chrono: the nearest, here ahead)'],
  ['我下星期天打游戏', '2016-09-02T00:00:00+08:00', '2016-09-04', '2016-09-11', '下星期天 is the Sunday of next week, weeks running Monday to Sunday as in China (chrono: weeks from Sunday)'],
  ['礼拜四', '2016-09-02T00:00:00+08:00', '2016-09-08', '2016-09-01', 'chrono is called with forwardDate; a bare weekday here is the most recent one'],
  ['星期六至星期一', '2016-09-02T00:00:00+08:00', '2016-09-03', '2016-08-27', 'chrono is called with forwardDate; a bare weekday here is the most recent one (the start of the range)'],
  ['星期六到星期一', '2016-09-02T00:00:00+08:00', '2016-09-03', '2016-08-27', 'chrono is called with forwardDate; a bare weekday here is the most recent one (the start of the range)'],
  ['星期六~星期一', '2016-09-02T00:00:00+08:00', '2016-09-03', '2016-08-27', 'chrono is called with forwardDate; a bare weekday here is the most recent one (the start of the range)'],
  ['星期六～星期一', '2016-09-02T00:00:00+08:00', '2016-09-03', '2016-08-27', 'chrono is called with forwardDate; a bare weekday here is the most recent one (the start of the range)'],
  ['星期六－星期一', '2016-09-02T00:00:00+08:00', '2016-09-03', '2016-08-27', 'chrono is called with forwardDate; a bare weekday here is the most recent one (the start of the range)'],
  ['星期六ー星期一', '2016-09-02T00:00:00+08:00', '2016-09-03', '2016-08-27', 'chrono is called with forwardDate; a bare weekday here is the most recent one (the start of the range)'],
  ['星期六-星期一', '2016-09-02T00:00:00+08:00', '2016-09-03', '2016-08-27', 'chrono is called with forwardDate; a bare weekday here is the most recent one (the start of the range)'],
]

describe('chrono zh-Hans peer cases read differently by design', () => {
  it.each(BY_DESIGN)('%s @ %s: chrono %s, ours %s (%s)', (text, reference, _chrono, ours) => {
    const r = findDateInText(text, clockAt(reference))
    expect(r?.ok && r.date).toBe(ours)
  })
})
