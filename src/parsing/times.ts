// Time of day: 下午3点, 上午9:30, 晚上7点半, 15:30, 三点一刻.
import { formatHm } from './calendar.js'
import { parseNumeral } from './numbers.js'

export interface TimeCandidate {
  index: number
  end: number
  time: string | null // HH:mm, or null when it looks like a time but is not one (25点)
}

const PERIOD = '(凌晨|早上|早晨|清晨|上午|中午|午后|下午|傍晚|晚上|晚间|夜里|夜间|晚)'
const HOUR = '(\\d{1,2}|[零〇一二两三四五六七八九十]{1,3})'
const CN_MIN = '\\d{1,2}|[零〇一二三四五六七八九十]{1,3}'
// "提出3点建议" is a list of points, not 03:00.
const NOT_A_TIME_AFTER = '(?!建议|意见|要求|做法|举措|措施|共识|体会|思考|经验|内容)'

const TIME_BODY =
  `(?<hour>\\d{1,2}|[零〇一二两三四五六七八九十]{1,3})\\s*(?:[:：]\\s*(?<colonMin>\\d{2})` +
  `|点\\s*(?:(?<half>半)|(?<quarter>一刻)|(?<threeQuarters>三刻)|(?<cnMin>${CN_MIN})\\s*分|(?<bareMin>\\d{1,2})(?![\\d人名位个次场元万号日岁])|整|钟)?${NOT_A_TIME_AFTER}` +
  `|时\\s*(?:(?<shiMin>\\d{1,2})\\s*分)?)` +
  // "1点pm", "6点30pm"
  `(?:\\s*(?<meridiem>[aApP])\\.?[mM]\\.?(?![a-zA-Z]))?`
const TIME_RE = new RegExp(`(?<![\\d.:])(?:(?<period>${PERIOD})\\s*)?${TIME_BODY}`, 'g')

function toHour(raw: string | undefined): number {
  return raw === undefined ? NaN : (parseNumeral(raw) ?? NaN)
}

function build(m: RegExpExecArray): TimeCandidate | undefined {
  const { period, hour: hourRaw, colonMin, half, quarter, threeQuarters, cnMin, bareMin, shiMin, meridiem } = m.groups ?? {}
  const chineseHour = hourRaw !== undefined && !/\d/.test(hourRaw)
  const hasMinutes = colonMin ?? half ?? quarter ?? threeQuarters ?? cnMin ?? bareMin ?? shiMin
  // A bare Chinese numeral + 点 ("三点") is too often "three points" to trust without context.
  if (chineseHour && !period && !meridiem && hasMinutes === undefined) return undefined
  let hour = toHour(hourRaw)
  let minute = 0
  if (colonMin !== undefined) minute = Number(colonMin)
  else if (half) minute = 30
  else if (quarter) minute = 15
  else if (threeQuarters) minute = 45
  else if (cnMin !== undefined) minute = parseNumeral(cnMin) ?? NaN
  else if (bareMin !== undefined) minute = Number(bareMin)
  else if (shiMin !== undefined) minute = Number(shiMin)
  const end = m.index + m[0].length
  if (!(hour >= 0 && hour <= 23) || !(minute >= 0 && minute <= 59) || (meridiem && hour > 12)) {
    return { index: m.index, end, time: null }
  }
  if (meridiem) {
    if (/p/i.test(meridiem) && hour < 12) hour += 12
    else if (/a/i.test(meridiem) && hour === 12) hour = 0
  } else if (period) hour = inPeriod(period, hour)
  return { index: m.index, end, time: formatHm(hour, minute) }
}

/** An hour read within a part of the day: 下午3点 is 15:00, 晚上10点 22:00, 中午1点 13:00. */
export function inPeriod(period: string, hour: number): number {
  if (/下午|午后|傍晚|晚/.test(period) && hour < 12) return hour + 12
  if (/夜/.test(period) && hour >= 6 && hour < 12) return hour + 12
  if (period === '中午' && hour <= 2) return hour + 12
  return hour
}

/** First time expression starting at or after `from`. */
export function findTime(norm: string, from = 0): TimeCandidate | null {
  TIME_RE.lastIndex = from
  for (let m = TIME_RE.exec(norm); m; m = TIME_RE.exec(norm)) {
    const c = build(m)
    if (c) return c
  }
  return null
}

// Between a date and its time members may put a weekday or a comma: 9月19日（周一）下午3点.
const GAP_RE = /^\s*(?:[(（]?\s*(?:周|星期|礼拜)[一二三四五六日天1-7]\s*[)）]?)?\s*[,，]?\s*/

/** A time that directly follows position `at` (after an optional weekday note). */
export function timeRightAfter(norm: string, at: number): TimeCandidate | null {
  const gap = GAP_RE.exec(norm.slice(at))
  const start = at + (gap ? gap[0].length : 0)
  const c = findTime(norm, start)
  return c && c.index === start ? c : null
}
