// Dates as members write them, resolved against an injected clock in its own time zone.
//
// Checked against chrono's Simplified-Chinese suites (test/parsing/peer-chrono.test.ts, 89
// cases): each gives chrono's date or none, except where ours are dates of activities already
// held, on purpose: a bare weekday is the most recent one, a date more than ~2 months ahead is
// last year's, 下星期天 counts weeks from Monday, 明天 is the next calendar day even after
// midnight, and chrono's forwardDate option does not exist here. Out of scope (no date, never
// another one): offsets under a day (5分钟后, 半小时前) and Traditional/Cantonese forms.
import { echo } from './normalize.js'
// Only the Simplified-Chinese locale (a published subpath): the package root loads every locale, about 11 MB more.
import * as hans from 'chrono-node/zh/hans'
import { formatHm, formatYmd, isValidYmd } from './calendar.js'
import type { Ymd } from './calendar.js'
import { localParts, today } from './clock.js'
import type { ParseClock } from './clock.js'
import { collectDateCandidates, inferYear, pickFirst } from './date-patterns.js'
import { toHalfWidth } from './normalize.js'
import { findTime, inPeriod, timeRightAfter } from './times.js'

export type DateResult =
  | { ok: true; date: string; time?: string }
  | { ok: false; problem: string }

export type DateFound =
  | {
      ok: true
      date: string // YYYY-MM-DD local
      time?: string // HH:mm
      timeOnly: boolean // only a time was written; date is the clock's local date
      matched: string // the substring of the input that was read
      index: number
    }
  | { ok: false; problem: string; matched: string; index: number }

// Each says what to write instead: a member fixes it from the reply alone.
export const badDate = (text: string): string => `日期看不懂："${echo(text)}"，请写成 9月22日 或 2022-09-22 这样`
export const badTime = (text: string): string => `时间看不懂："${echo(text)}"，请写成 15:00 或 下午3点 这样`
export const vagueDate = (text: string): string => `日期不够具体："${echo(text)}"，请写明几月几日`

/**
 * chrono resolves 今天/3天前 with the process time zone, not the reference zone, so we
 * hand it a reference whose process-local wall clock equals the clock's wall clock and
 * read back only calendar components.
 */
function chronoFallback(text: string, norm: string, clock: ParseClock): DateFound | null {
  const p = localParts(clock.now, clock.timeZone)
  const wallRef = new Date(p.year, p.month - 1, p.day, p.hour, p.minute)
  for (const r of hans.parse(norm, wallRef)) {
    // Time-only or vague results are left to our own rules (chrono even accepts 下午25点).
    if (!r.start.isCertain('day') || !/[天日号周月年]|星期|礼拜/.test(r.text)) continue
    const month = r.start.get('month') ?? NaN
    const day = r.start.get('day') ?? NaN
    const year = r.start.isCertain('year') ? (r.start.get('year') ?? NaN) : inferYear(month, day, today(clock))
    const ymd: Ymd = { year, month, day }
    const matched = text.slice(r.index, r.index + r.text.length)
    if (!isValidYmd(ymd)) return { ok: false, problem: badDate(matched), matched, index: r.index }
    const hour = r.start.isCertain('hour') ? r.start.get('hour') : null
    const minute = r.start.get('minute') ?? 0
    const time = hour === null ? undefined : `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`
    return { ok: true, date: formatYmd(ymd), ...(time ? { time } : {}), timeOnly: false, matched, index: r.index }
  }
  return null
}

/** The first date (optionally with a time) written anywhere in the text, or null. */
export function findDateInText(text: string, clock: ParseClock): DateFound | null {
  const norm = toHalfWidth(text)
  const now = today(clock)
  const best = pickFirst(collectDateCandidates(norm, now))
  if (best) {
    const dateText = text.slice(best.index, best.end)
    if (!best.ymd) {
      const problem = best.vague ? vagueDate(dateText) : badDate(dateText)
      return { ok: false, problem, matched: dateText, index: best.index }
    }
    const t = timeRightAfter(norm, best.end)
    const end = t ? t.end : best.end
    const matched = text.slice(best.index, end)
    if (t && !t.time) return { ok: false, problem: badTime(matched), matched, index: best.index }
    // 昨晚8点, 今晚10点: the day word says the hour is in the evening.
    const time = t?.time && /[晚夜]$/.test(dateText) ? formatHm(inPeriod('晚', Number(t.time.slice(0, 2))), Number(t.time.slice(3))) : t?.time
    return {
      ok: true,
      date: formatYmd(best.ymd),
      ...(time ? { time } : {}),
      timeOnly: false,
      matched,
      index: best.index,
    }
  }
  const viaChrono = chronoFallback(text, norm, clock)
  if (viaChrono) return viaChrono
  const t = findTime(norm)
  if (!t) return null
  const matched = text.slice(t.index, t.end)
  if (!t.time) return { ok: false, problem: badTime(matched), matched, index: t.index }
  return { ok: true, date: formatYmd(now), time: t.time, timeOnly: true, matched, index: t.index }
}

/** A date field value ("2022年9月19日", "上周五", "9.19 下午3点"). */
export function parseDate(text: string, clock: ParseClock): DateResult {
  const trimmed = text.trim()
  if (!trimmed) return { ok: false, problem: '日期没有填写' }
  const found = findDateInText(trimmed, clock)
  if (!found) return { ok: false, problem: badDate(trimmed) }
  if (!found.ok) return { ok: false, problem: found.problem }
  return found.time ? { ok: true, date: found.date, time: found.time } : { ok: true, date: found.date }
}
