import { describe, expect, it } from 'vitest'
import { nextCode, normaliseCode } from '../../src/services/codes.js'
import { parseAdoption } from '../../src/commands/records/status.js'
import { freshDb } from '../helpers.js'

describe('record codes', () => {
  it('counts up per letter and never repeats', async () => {
    const { db } = await freshDb()
    expect([await nextCode(db, 'A'), await nextCode(db, 'A'), await nextCode(db, 'M'), await nextCode(db, 'A')]).toEqual(['A1', 'A2', 'M1', 'A3'])
  })

  it.each([
    ['A12', 'A12'],
    ['a12', 'A12'],
    ['Ａ１２', 'A12'],
    [' m 7 ', 'M7'],
    ['A012', 'A12'],
    ['12', undefined],
    ['A', undefined],
    ['第一条', undefined],
    // A code is the whole text: no word before it, no eighth digit after it.
    ['MA12', undefined],
    ['A12345678', undefined],
  ])('normaliseCode(%j) = %j', (text, code) => {
    expect(normaliseCode(text)).toBe(code)
  })
})

describe('parseAdoption', () => {
  it.each([
    ['市级 嘉兴市政协', { level: 'city', detail: '嘉兴市政协' }],
    ['市级嘉兴市政协', { level: 'city', detail: '嘉兴市政协' }],
    ['省级', { level: 'province' }],
    ['区级：新区政协', { level: 'county', detail: '新区政协' }],
    ['全国政协', { level: 'national', detail: '全国政协' }],
    ['国家级 全国政协办公厅', { level: 'national', detail: '全国政协办公厅' }],
  ])('%s', (text, expected) => {
    expect(parseAdoption(text)).toEqual(expected)
  })
  it('needs a level', () => {
    expect(parseAdoption('嘉兴市政协')).toBeUndefined()
    expect(parseAdoption('')).toBeUndefined()
  })
})
