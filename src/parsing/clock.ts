// The clock is injected so parsing stays pure: "今天" means the clock's local date in its zone.
import type { Ymd } from './calendar.js'

export interface ParseClock {
  now: Date
  timeZone: string // IANA, e.g. 'Asia/Shanghai'
}

export interface LocalParts extends Ymd {
  hour: number
  minute: number
  second: number
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    // Throws RangeError for an unknown zone: a misconfigured clock should fail loudly.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(timeZone, f)
  }
  return f
}

/** The last answer per zone: one message asks for the same instant's date several times, and formatToParts is slow. */
const lastParts = new Map<string, { ms: number; parts: LocalParts }>()

/** Wall-clock parts of an instant as seen in a time zone. */
export function localParts(instant: Date, timeZone: string): LocalParts {
  const ms = instant.getTime()
  const last = lastParts.get(timeZone)
  if (last && last.ms === ms) return { ...last.parts }
  const parts: Record<string, number> = {}
  for (const p of formatterFor(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value)
  }
  const local = {
    year: parts.year ?? NaN,
    month: parts.month ?? NaN,
    day: parts.day ?? NaN,
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  }
  lastParts.set(timeZone, { ms, parts: local })
  return { ...local }
}

/** Offset of the zone from UTC at that instant, in minutes (Asia/Shanghai = 480). */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const p = localParts(instant, timeZone)
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second)
  const truncated = Math.floor(instant.getTime() / 1000) * 1000
  return Math.round((asUtc - truncated) / 60_000)
}

/** The instant at which the zone's wall clock shows the given local date and time. */
export function zonedInstant(ymd: Ymd, hour: number, minute: number, timeZone: string): Date {
  const wall = Date.UTC(ymd.year, ymd.month - 1, ymd.day, hour, minute)
  // First guess with the offset at the wall time read as UTC, then correct once:
  // this lands right except inside a DST gap, where the later offset wins.
  const first = wall - zoneOffsetMinutes(new Date(wall), timeZone) * 60_000
  const second = wall - zoneOffsetMinutes(new Date(first), timeZone) * 60_000
  return new Date(second)
}

/** The clock's local calendar date. */
export function today(clock: ParseClock): Ymd {
  const p = localParts(clock.now, clock.timeZone)
  return { year: p.year, month: p.month, day: p.day }
}
