import { describe, expect, it } from 'vitest'
import { extractCount, parseCount, parseNumeral } from '../../src/parsing/mod.js'

const COUNTS: Array<[string, number, boolean]> = [
  ['200', 200, false],
  ['200人', 200, false],
  ['200人次', 200, false],
  ['200余人次', 200, true],
  ['200多', 200, true],
  ['两百', 200, false],
  ['两百多', 200, true],
  ['一百二十', 120, false],
  ['一百二', 120, false],
  ['三十', 30, false],
  ['十五', 15, false],
  ['3.6万', 36000, false],
  ['3.6万余', 36000, true],
  ['1,200', 1200, false],
  ['1，200', 1200, false],
  ['１２０', 120, false],
  ['2千', 2000, false],
  ['两千五', 2500, false],
  ['一万二', 12000, false],
  ['一百零五', 105, false],
  ['2.5万余人次', 25000, true],
  ['约50人', 50, true],
  ['近百人', 100, true],
  ['上万人', 10000, true],
  ['8000余人次', 8000, true],
  ['共计 32 人', 32, false],
  ['十几人', 10, true],
  ['3万5', 35000, false],
  ['三', 3, false],
  ['12,345,678', 12345678, false],
]

describe('parseCount', () => {
  it.each(COUNTS)('%s → %d (approx %s)', (text, value, approx) => {
    expect(parseCount(text)).toEqual({ value, approx })
  })

  it.each(['很多', '若干', '', '不详', '一起来的', '万人空巷'])('no number in %j → null', (text) => {
    expect(parseCount(text)).toBeNull()
  })
})

describe('parseNumeral', () => {
  it.each<[string, number | null]>([
    ['二〇二二', 2022],
    ['十九', 19],
    ['三十一', 31],
    ['一亿二千万', 120_000_000],
    ['万', null],
    ['一二三四x', null],
  ])('%s → %s', (raw, value) => {
    expect(parseNumeral(raw)).toBe(value)
  })
})

describe('extractCount', () => {
  it('finds the count and its position inside a sentence', () => {
    const m = extractCount('影响界别群众3.6万余人次')
    expect(m).toEqual({ value: 36000, approx: true, index: 6, text: '3.6万余' })
  })

  it('skips the 数 of 人数 and reads the number after it', () => {
    expect(extractCount('参与人数200')).toMatchObject({ value: 200, approx: false, text: '200' })
  })

  it('does not read 一 inside ordinary words', () => {
    expect(extractCount('大家一起参加，共15人')).toMatchObject({ value: 15, text: '15' })
  })
})
