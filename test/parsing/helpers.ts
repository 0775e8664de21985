import { expect } from 'vitest'
import type { ActivityFields, ParseClock, ParseOutcome } from '../../src/parsing/mod.js'
import { parseActivity } from '../../src/parsing/mod.js'

/** Wednesday 2022-09-21 10:00 in Shanghai. */
export const CLOCK: ParseClock = { now: new Date('2022-09-21T02:00:00Z'), timeZone: 'Asia/Shanghai' }

export interface ActivityRow {
  body: string
  expect: Partial<ActivityFields>
  warning?: string // a warning that must be present
  absent?: Array<keyof ActivityFields> // fields that must not be set
}

export function label(n: number, body: string): string {
  return `#${n} ${body.replace(/\s+/g, ' ').slice(0, 40)}`
}

export function expectActivity(row: ActivityRow): ParseOutcome<ActivityFields> {
  const r = parseActivity(row.body, CLOCK)
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.errors)}`)
  expect(r.value).toMatchObject(row.expect)
  if (row.warning) expect(r.warnings).toContain(row.warning)
  for (const key of row.absent ?? []) expect(r.value).not.toHaveProperty(key)
  return r
}
