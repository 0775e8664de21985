// Five-field cron expressions evaluated in a time zone, to list every occurrence in a window.
// node-cron only wakes the bot each minute; which jobs are due, including the ones missed
// while the bot was down and the ones a replay's clock passes, is decided here.
import { addDays, type Ymd } from '../parsing/calendar.js'
import { localParts, zonedInstant } from '../parsing/clock.js'

export interface CronSpec {
  minutes: number[]
  hours: number[]
  days: Set<number>
  months: Set<number>
  weekdays: Set<number>
  /** Standard cron: when both day fields are restricted, either may match. */
  dayOr: boolean
}

const FIELDS = [
  { name: '分钟', min: 0, max: 59 },
  { name: '小时', min: 0, max: 23 },
  { name: '日', min: 1, max: 31 },
  { name: '月', min: 1, max: 12 },
  { name: '星期', min: 0, max: 7 },
] as const

function parseField(text: string, field: (typeof FIELDS)[number]): number[] {
  const values = new Set<number>()
  for (const part of text.split(',')) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part)
    if (!m) throw new Error(`${field.name}字段「${part}」看不懂`)
    const step = m[4] ? Number(m[4]) : 1
    const start = m[1] === '*' ? field.min : Number(m[2])
    const end = m[1] === '*' ? field.max : m[3] !== undefined ? Number(m[3]) : m[4] ? field.max : start
    if (start < field.min || end > field.max || start > end || step < 1) throw new Error(`${field.name}字段「${part}」超出范围 ${field.min}-${field.max}`)
    for (let v = start; v <= end; v += step) values.add(field.name === '星期' && v === 7 ? 0 : v)
  }
  return [...values].sort((a, b) => a - b)
}

/** Parses `0 9 1 * *`; throws an Error with a Chinese message naming the bad field. */
export function parseCron(expression: string): CronSpec {
  const parts = expression.trim().split(/\s+/)
  if (parts.length !== 5) throw new Error(`应为 5 段（分 时 日 月 星期），收到 ${parts.length} 段`)
  const [minutes, hours, days, months, weekdays] = parts.map((p, i) => parseField(p, FIELDS[i]!))
  return {
    minutes: minutes!,
    hours: hours!,
    days: new Set(days),
    months: new Set(months),
    weekdays: new Set(weekdays),
    dayOr: parts[2] !== '*' && parts[4] !== '*',
  }
}

function dayMatches(spec: CronSpec, ymd: Ymd): boolean {
  if (!spec.months.has(ymd.month)) return false
  const weekday = new Date(Date.UTC(ymd.year, ymd.month - 1, ymd.day)).getUTCDay()
  const dom = spec.days.has(ymd.day)
  const dow = spec.weekdays.has(weekday)
  return spec.dayOr ? dom || dow : dom && dow
}

/** Every instant in (after, until] at which the expression fires in `timeZone`, in order. */
export function occurrences(spec: CronSpec, timeZone: string, after: Date, until: Date): Date[] {
  const out: Date[] = []
  const start = localParts(after, timeZone)
  const end = localParts(until, timeZone)
  const last = Date.UTC(end.year, end.month - 1, end.day)
  for (let day: Ymd = start; Date.UTC(day.year, day.month - 1, day.day) <= last; day = addDays(day, 1)) {
    if (!dayMatches(spec, day)) continue
    for (const hour of spec.hours) {
      for (const minute of spec.minutes) {
        const at = zonedInstant(day, hour, minute, timeZone)
        if (at > after && at <= until) out.push(at)
      }
    }
  }
  return out
}
