import { describe, expect, it } from 'vitest'
import { localParts, zonedInstant, zoneOffsetMinutes } from '../../src/parsing/mod.js'

describe('clock helpers', () => {
  it('reads local calendar parts in a zone', () => {
    const instant = new Date('2022-09-30T17:00:00Z')
    expect(localParts(instant, 'Asia/Shanghai')).toEqual({ year: 2022, month: 10, day: 1, hour: 1, minute: 0, second: 0 })
    expect(localParts(instant, 'UTC')).toMatchObject({ year: 2022, month: 9, day: 30, hour: 17 })
  })

  it('answers the same instant again per zone, with an object of its own each time', () => {
    const instant = new Date('2022-09-30T17:00:00Z')
    const first = localParts(instant, 'Asia/Shanghai')
    first.day = 99
    expect(localParts(instant, 'Asia/Shanghai').day).toBe(1)
    expect(localParts(instant, 'UTC').day).toBe(30)
    expect(localParts(instant, 'Asia/Shanghai').day).toBe(1)
    expect(localParts(new Date('2022-09-30T15:59:59Z'), 'Asia/Shanghai')).toMatchObject({ day: 30, hour: 23, second: 59 })
  })

  it.each([
    ['Asia/Shanghai', '2022-09-21T02:00:00Z', 480],
    ['UTC', '2022-09-21T02:00:00Z', 0],
    ['America/New_York', '2022-07-01T12:00:00Z', -240], // summer time
    ['America/New_York', '2022-01-01T12:00:00Z', -300],
  ])('offset of %s at %s is %d minutes', (zone, iso, offset) => {
    expect(zoneOffsetMinutes(new Date(iso), zone)).toBe(offset)
  })

  it.each([
    ['Asia/Shanghai', { year: 2022, month: 9, day: 19 }, 15, 30, '2022-09-19T07:30:00.000Z'],
    ['UTC', { year: 2022, month: 9, day: 19 }, 15, 30, '2022-09-19T15:30:00.000Z'],
    ['America/New_York', { year: 2022, month: 7, day: 1 }, 9, 0, '2022-07-01T13:00:00.000Z'],
    ['America/New_York', { year: 2022, month: 12, day: 1 }, 9, 0, '2022-12-01T14:00:00.000Z'],
    ['America/New_York', { year: 2022, month: 11, day: 6 }, 12, 0, '2022-11-06T17:00:00.000Z'], // DST ended that night
  ])('%s local %o %d:%d is %s', (zone, ymd, h, m, iso) => {
    expect(zonedInstant(ymd, h, m, zone).toISOString()).toBe(iso)
  })
})
