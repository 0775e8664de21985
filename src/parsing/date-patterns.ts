// Regex matchers for the date shapes members type. They run on half-width text and
// report invalid dates (9月32日) as such instead of rolling them over.
import { addDays, daysBetween, daysInMonth, isValidYmd, shiftMonth, weekdayOf } from './calendar.js'
import type { Ymd } from './calendar.js'
import { parseNumeral } from './numbers.js'

export interface DateCandidate {
  index: number
  end: number
  ymd: Ymd | null // null = looks like a date but is not a real one
  vague?: boolean // a month without a day ("7月下旬"): we must ask, not guess
}

const CN_DIGIT = '零〇一二两三四五六七八九十'
const M = String.raw`(\d{1,2}|[一二三四五六七八九十]{1,2})`
const D = String.raw`(\d{1,2}|[一二三四五六七八九十]{1,3})`
const Y = String.raw`(\d{4}|\d{2}|[零〇一二三四五六七八九]{4})`
// Words that make "2.5" or "3.6" a quantity rather than a date.
const QUANTITY_AFTER = String.raw`\s*[万千百亿人名位余多个次场件%元米岁分秒年届期小倍公克斤亩户家项条篇]`
const DOT_QUANTITY_AFTER = String.raw`${QUANTITY_AFTER}|\s*天`

/** How far ahead a year-less date may be before we read it as last year's. */
const FUTURE_LIMIT_DAYS = 62

function num(raw: string | undefined): number {
  if (raw === undefined) return NaN
  return parseNumeral(raw) ?? NaN
}

function yearOf(raw: string | undefined): number {
  const n = num(raw)
  return raw !== undefined && raw.length === 2 ? 2000 + n : n
}

/** Year-less dates take the clock's year unless that is more than ~2 months ahead. */
export function inferYear(month: number, day: number, today: Ymd): number {
  if (month < 1 || month > 12) return today.year
  const probe = { year: today.year, month, day: Math.min(Math.max(day, 1), daysInMonth(today.year, month)) }
  return daysBetween(today, probe) > FUTURE_LIMIT_DAYS ? today.year - 1 : today.year
}

function checked(ymd: Ymd): Ymd | null {
  return isValidYmd(ymd) ? ymd : null
}

type Matcher = (m: RegExpExecArray, today: Ymd) => Ymd | null | undefined // undefined = not a date at all

interface Pattern {
  re: RegExp
  build: Matcher
  vague?: boolean
}

const WEEKDAY_CHARS: Record<string, number> = {
  一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 0, 天: 0, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 0,
}

function resolveWeekday(prefix: string, weekday: number, today: Ymd): Ymd {
  const mondayBased = (wd: number): number => (wd + 6) % 7
  const todayIdx = mondayBased(weekdayOf(today))
  const target = mondayBased(weekday)
  if (!prefix) {
    // Bare 周五: the most recent Friday that is not after today.
    return addDays(today, -((todayIdx - target + 7) % 7))
  }
  const weekShift = prefix === '上上' ? -14 : prefix === '上' ? -7 : prefix === '下' ? 7 : 0
  return addDays(today, weekShift - todayIdx + target)
}

const RELATIVE_DAYS: Record<string, number> = {
  大前天: -3, 前天: -2, 昨天: -1, 昨日: -1, 昨晚: -1, 昨夜: -1, 今天: 0, 今日: 0, 今晚: 0, 今早: 0, 今晨: 0,
  明天: 1, 明日: 1, 明晚: 1, 明早: 1, 后天: 2, 大后天: 3,
}

const PATTERNS: Pattern[] = [
  {
    // 2022年9月19日, 二〇二二年九月十九号, 22年9月19
    // A comma may split the year off: 二零一六年，九月三号; 2014年, 3月5日.
    re: new RegExp(String.raw`(?<!\d)${Y}\s*年\s*[,，]?\s*${M}\s*月\s*${D}\s*(?:[日号]|(?![\d.]))`, 'g'),
    build: (m) => checked({ year: yearOf(m[1]), month: num(m[2]), day: num(m[3]) }),
  },
  {
    // 2022.9.19, 2022-09-19, 2022/9/19
    re: /(?<![\d.])(\d{4})\s*([./-])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?!\d)\s*[日号]?/g,
    build: (m) => checked({ year: num(m[1]), month: num(m[3]), day: num(m[4]) }),
  },
  {
    // 9月19日, 9月19号, 九月十九日, 9月19
    re: new RegExp(
      String.raw`(?<![\d${CN_DIGIT}年])${M}\s*月\s*${D}\s*(?:[日号]|(?![\d.]|${QUANTITY_AFTER}))`,
      'g',
    ),
    build: (m, today) => {
      const month = num(m[1])
      const day = num(m[2])
      return checked({ year: inferYear(month, day, today), month, day })
    },
  },
  {
    // 9.19, 9/19, 9-19 (only plausible month/day numbers count as a date at all)
    re: new RegExp(String.raw`(?<![\d./-])(\d{1,2})\s*([./-])\s*(\d{1,2})(?![\d./-]|${DOT_QUANTITY_AFTER})\s*[日号]?`, 'g'),
    build: (m, today) => {
      const month = num(m[1])
      const day = num(m[3])
      if (month < 1 || month > 12 || day < 1 || day > 31) return undefined
      return checked({ year: inferYear(month, day, today), month, day })
    },
  },
  {
    // 本月20号, 上个月5日, 下月1日
    re: new RegExp(String.raw`(本|这个?|当|上个?|下个?)月份?\s*${D}\s*[日号]`, 'g'),
    build: (m, today) => {
      const rel = (m[1] ?? '').charAt(0)
      const delta = rel === '上' ? -1 : rel === '下' ? 1 : 0
      const { year, month } = shiftMonth(today.year, today.month, delta)
      return checked({ year, month, day: num(m[2]) })
    },
  },
  {
    // 19日, 19号 (this month); not house numbers like 解放路18号 or 3号楼, nor 5日之内 (five days)
    re: /(?<![\d./\-月年第路街巷弄道村组幢栋楼区])(\d{1,2})\s*[日号](?![\d楼线院门馆厅室房库床窗台位路街巷弄幢栋单元]|之?内|以内|以后|之后|后|前)/g,
    build: (m, today) => {
      const day = num(m[1])
      if (day < 1 || day > 31) return undefined
      return checked({ year: today.year, month: today.month, day })
    },
  },
  {
    // 2022年7月, 7月下旬, 9月初: a period, not a day
    re: new RegExp(
      String.raw`(?<![\d${CN_DIGIT}])(?:${Y}\s*年\s*${M}\s*月(?:份)?(?:上旬|中旬|下旬|初|底|末|中)?|${M}\s*月(?:份)?(?:上旬|中旬|下旬|初|底|末))`,
      'g',
    ),
    build: () => null,
    vague: true,
  },
  {
    // 昨晚 and 今早 are days too, and say which half of the day a following hour is in.
    re: /大前天|大后天|前天|昨天|昨日|昨晚|昨夜|今天|今日|今晚|今早|今晨|明天|明日|明晚|明早|后天/g,
    build: (m, today) => addDays(today, RELATIVE_DAYS[m[0]] ?? 0),
  },
  {
    // 上周五, 本周三, 这个星期一, 周五, 礼拜天; not 每周三 (a schedule, not a date)
    re: /(?<!每)(上上|上|本|这|下)?\s*个?\s*(?:周|星期|礼拜)\s*([一二三四五六日天1-7])(?![\d年])/g,
    build: (m, today) => {
      const weekday = WEEKDAY_CHARS[m[2] ?? '']
      if (weekday === undefined) return undefined
      const prefix = m[1] === '这' ? '本' : (m[1] ?? '')
      return resolveWeekday(prefix, weekday, today)
    },
  },
]

/** Every date-looking span in the text, valid or not. */
export function collectDateCandidates(norm: string, today: Ymd): DateCandidate[] {
  const out: DateCandidate[] = []
  for (const { re, build, vague } of PATTERNS) {
    re.lastIndex = 0
    for (let m = re.exec(norm); m; m = re.exec(norm)) {
      const ymd = build(m, today)
      if (ymd === undefined) continue
      // Trailing whitespace eaten by optional groups is not part of the date.
      const end = m.index + m[0].trimEnd().length
      out.push(vague ? { index: m.index, end, ymd, vague } : { index: m.index, end, ymd })
    }
  }
  return out
}

/**
 * Earliest candidate; on a tie the longest (2022年9月19日 beats 9月19日). A vague month
 * only counts when no real date is written anywhere ("7月下旬，即9月19日…" is fine).
 */
export function pickFirst(cands: DateCandidate[]): DateCandidate | null {
  const precise = cands.filter((c) => !c.vague)
  let best: DateCandidate | null = null
  for (const c of precise.length ? precise : cands) {
    if (!best || c.index < best.index || (c.index === best.index && c.end > best.end)) best = c
  }
  return best
}
