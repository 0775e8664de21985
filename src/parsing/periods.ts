// Digest periods: "2022-09", "上月", "2022Q3", "三季度", "去年" … Pure: text + clock in.
import { daysInMonth, formatYmd, shiftMonth } from './calendar.js'
import { today, type ParseClock } from './clock.js'
import { parseNumeral } from './numbers.js'
import { echo, toHalfWidth } from './normalize.js'

export type PeriodKind = 'month' | 'quarter' | 'year'

export interface DigestPeriod {
  kind: PeriodKind
  year: number
  /** Month 1–12, quarter 1–4, or 1 for a year. */
  index: number
  from: string // YYYY-MM-DD, inclusive
  to: string // YYYY-MM-DD, inclusive
  label: string // 2022年9月 | 2022年第三季度 | 2022年
}

const QUARTER_NAMES = ['一', '二', '三', '四']
const KIND_NAMES: Record<PeriodKind, string> = { month: '月份', quarter: '季度', year: '年份' }

export function periodOf(kind: PeriodKind, year: number, index: number): DigestPeriod {
  const firstMonth = kind === 'month' ? index : kind === 'quarter' ? index * 3 - 2 : 1
  const lastMonth = kind === 'month' ? index : kind === 'quarter' ? index * 3 : 12
  const label = kind === 'month' ? `${year}年${index}月` : kind === 'quarter' ? `${year}年第${QUARTER_NAMES[index - 1]}季度` : `${year}年`
  return {
    kind,
    year,
    index,
    from: formatYmd({ year, month: firstMonth, day: 1 }),
    to: formatYmd({ year, month: lastMonth, day: daysInMonth(year, lastMonth) }),
    label,
  }
}

const perYear = (kind: PeriodKind) => (kind === 'month' ? 12 : kind === 'quarter' ? 4 : 1)

/** The period `delta` steps away (−1 = the one before). */
export function shiftPeriod(period: DigestPeriod, delta: number): DigestPeriod {
  const n = perYear(period.kind)
  const ordinal = period.year * n + (period.index - 1) + delta
  return periodOf(period.kind, Math.floor(ordinal / n), (ordinal % n) + 1)
}

export function sameLastYear(period: DigestPeriod): DigestPeriod {
  return periodOf(period.kind, period.year - 1, period.index)
}

/** The period containing the clock's local date. */
export function currentPeriod(kind: PeriodKind, clock: ParseClock): DigestPeriod {
  const { year, month } = today(clock)
  return periodOf(kind, year, kind === 'month' ? month : kind === 'quarter' ? Math.ceil(month / 3) : 1)
}

/** The months of a period, for "月月有活动" checks. */
export function monthsOf(period: DigestPeriod): DigestPeriod[] {
  const first = Number(period.from.slice(5, 7))
  const last = Number(period.to.slice(5, 7))
  return Array.from({ length: last - first + 1 }, (_, i) => periodOf('month', period.year, first + i))
}

export type PeriodResult = { ok: true; period: DigestPeriod } | { ok: false; problem: string }

/**
 * What a member writes after #月报 / #季报 / #年报. Empty means the current period. A month
 * or quarter without a year that has not begun yet means last year's.
 */
export function parsePeriod(text: string, kind: PeriodKind, clock: ParseClock): PeriodResult {
  const raw = text.trim()
  const t = toHalfWidth(raw).replace(/\s+/g, '')
  const now = currentPeriod(kind, clock)
  const bad = (): PeriodResult => ({ ok: false, problem: `${KIND_NAMES[kind]}看不懂："${echo(raw)}"。${EXAMPLES[kind]}` })
  // 本月, 上季度, 去年: only in the kind's own unit (#月报 去年 is not last month).
  const { current, previous } = RELATIVE[kind]
  if (t === '' || current.test(t)) return { ok: true, period: now }
  if (previous.test(t)) return { ok: true, period: shiftPeriod(now, -1) }

  const year = /^(\d{4})年?/.exec(t)
  const rest = (year ? t.slice(year[0].length) : t).replace(/^第/, '')
  const y = year ? Number(year[1]) : undefined
  if (y !== undefined && (y < 2000 || y > 2100)) return bad()
  const pick = (index: number): PeriodResult => {
    const period = periodOf(kind, y ?? now.year, index)
    // "12月" written in January means last December.
    if (y === undefined && period.from > now.to) return { ok: true, period: periodOf(kind, period.year - 1, index) }
    return { ok: true, period }
  }

  if (kind === 'year') return y !== undefined && rest === '' ? { ok: true, period: periodOf('year', y, 1) } : bad()
  if (kind === 'month') {
    const m = /^[-/.]?(\d{1,2}|[一二三四五六七八九十]{1,3})月?(份)?$/.exec(rest)
    const month = m ? (parseNumeral(m[1]!) ?? NaN) : NaN
    if (!m || !(month >= 1 && month <= 12) || (y === undefined && !/月/.test(rest))) return bad()
    return pick(month)
  }
  const q = /^(?:[-/]?[Qq](\d)|(\d|[一二三四])季度?)$/.exec(rest)
  const quarter = q ? (parseNumeral(q[1] ?? q[2]!) ?? NaN) : NaN
  if (!q || !(quarter >= 1 && quarter <= 4)) return bad()
  return pick(quarter)
}

const RELATIVE: Record<PeriodKind, { current: RegExp; previous: RegExp }> = {
  month: { current: /^(?:本|这个?)月$/, previous: /^(?:上个?|前一个?)月$/ },
  quarter: { current: /^(?:本|这个?)季度?$/, previous: /^(?:上个?|前一个?)季度?$/ },
  year: { current: /^(?:本|今|这一?)年$/, previous: /^(?:去|上|前一)年$/ },
}

const EXAMPLES: Record<PeriodKind, string> = {
  month: '可以写 2022-09、2022年9月、9月、本月、上月。',
  quarter: '可以写 2022Q3、2022年三季度、三季度、本季度、上季度。',
  year: '可以写 2022、2022年、今年、去年。',
}

/** A period of any kind, as #导出 and the export command take it: 2022, 2022-09, 2022Q3 … (empty: this year). */
export function parseAnyPeriod(text: string, clock: ParseClock): PeriodResult {
  const t = toHalfWidth(text).replace(/\s+/g, '')
  if (t === '') return { ok: true, period: currentPeriod('year', clock) }
  const kind: PeriodKind = /[Qq季]/.test(t) ? 'quarter' : /^(\d{4}年?|今年|本年|去年|上年)$/.test(t) ? 'year' : 'month'
  const result = parsePeriod(t, kind, clock)
  return result.ok ? result : { ok: false, problem: `期间看不懂："${echo(text.trim())}"。可以写 2022（全年）、2022Q3（季度）或 2022-09（月份）。` }
}
