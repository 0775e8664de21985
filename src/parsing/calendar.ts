// Plain calendar-date arithmetic (no time zone): dates are {year, month, day} triples.

export interface Ymd {
  year: number
  month: number // 1-12
  day: number // 1-31
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** True only for a real calendar date; 9-32, 2-30 and 13-1 are rejected, never rolled over. */
export function isValidYmd(ymd: Ymd): boolean {
  const { year, month, day } = ymd
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false
  if (year < 1900 || year > 2200) return false
  if (month < 1 || month > 12) return false
  return day >= 1 && day <= daysInMonth(year, month)
}

function toUtcMs(ymd: Ymd): number {
  return Date.UTC(ymd.year, ymd.month - 1, ymd.day)
}

function fromUtcMs(ms: number): Ymd {
  const d = new Date(ms)
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }
}

export function addDays(ymd: Ymd, days: number): Ymd {
  return fromUtcMs(toUtcMs(ymd) + days * 86_400_000)
}

/** Signed whole days from a to b. */
export function daysBetween(a: Ymd, b: Ymd): number {
  return Math.round((toUtcMs(b) - toUtcMs(a)) / 86_400_000)
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(ymd: Ymd): number {
  return new Date(toUtcMs(ymd)).getUTCDay()
}

/** Shift by whole months, keeping the day number (caller validates it). */
export function shiftMonth(year: number, month: number, delta: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + delta
  return { year: Math.floor(index / 12), month: (index % 12) + 1 }
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

export function formatYmd(ymd: Ymd): string {
  return `${pad(ymd.year, 4)}-${pad(ymd.month)}-${pad(ymd.day)}`
}

export function formatHm(hour: number, minute: number): string {
  return `${pad(hour)}:${pad(minute)}`
}
