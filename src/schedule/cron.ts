// Five-field cron expressions evaluated in a time zone by croner, to list every occurrence in a
// window. node-cron only wakes the bot each minute; which jobs are due, including the ones missed
// while the bot was down and the ones a replay's clock passes, is decided here.
import { Cron } from 'croner'

const FIELDS = [
  { name: '分钟', range: '0-59' },
  { name: '小时', range: '0-23' },
  { name: '日', range: '1-31' },
  { name: '月', range: '1-12' },
  { name: '星期', range: '0-7' },
] as const

/**
 * Standard five-field cron: no seconds field (croner's 6- and 7-part forms are refused), 0 and
 * 7 are Sunday, day of month OR day of week when both are restricted, and `10/20` means
 * `10-59/20` as it always did here (croner's `sloppyRanges`).
 */
const OPTIONS = { mode: '5-part', domAndDow: false, sloppyRanges: true, paused: true } as const

/** A part made of numbers, `*`, ranges and steps only: when croner refuses it, a number is out of range. */
const NUMERIC_PART = /^(\*|\d+(-\d+)?)(\/\d+)?$/

/** Every expression is checked from here: whether a day like 31 February ever comes. */
const EPOCH = new Date(0)

/** Checks `0 9 1 * *` and returns it with single spaces; throws an Error with a Chinese message naming the bad field. */
export function checkCron(expression: string): string {
  const parts = expression.trim().split(/\s+/)
  if (parts.length !== 5) throw new Error(`应为 5 段（分 时 日 月 星期），收到 ${parts.length} 段`)
  parts.forEach((part, i) => {
    try {
      // Each field alone, the others `*`, so the error can name the field.
      new Cron(parts.map((p, j) => (j === i ? p : '*')).join(' '), OPTIONS)
    } catch {
      const { name, range } = FIELDS[i]!
      throw new Error(part.split(',').every((p) => NUMERIC_PART.test(p)) ? `${name}字段「${part}」超出范围 ${range}` : `${name}字段「${part}」看不懂`)
    }
  })
  const text = parts.join(' ')
  if (!new Cron(text, OPTIONS).nextRun(EPOCH)) throw new Error(`「${text}」的日期永远不会到（例如 2 月 30 日）`)
  return text
}

export interface CronSchedule {
  /** The first instant after `after` at which it fires (null only past croner's last year). */
  next(after: Date): Date | null
  /** Every instant in (after, until] at which it fires, in order. */
  occurrences(after: Date, until: Date): Date[]
}

/** A checked expression read in `timeZone` (IANA, e.g. Asia/Shanghai); throws like `checkCron`. */
export function cronSchedule(expression: string, timeZone: string): CronSchedule {
  const cron = new Cron(checkCron(expression), { ...OPTIONS, timezone: timeZone })
  return {
    next: (after) => cron.nextRun(after),
    occurrences(after, until) {
      const out: Date[] = []
      // croner's nextRun is strictly after its argument: `after` itself is left out.
      for (let at = cron.nextRun(after); at && at <= until; at = cron.nextRun(at)) out.push(at)
      return out
    },
  }
}
