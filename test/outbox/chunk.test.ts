import { describe, expect, it } from 'vitest'
import { ONE_MESSAGE_BUDGET, fitOneMessage, splitForWeChat } from '../../src/outbox/chunk.js'

describe('splitForWeChat at its edges', () => {
  it('keeps a text of exactly the limit whole, and a joined part of exactly the limit too', () => {
    expect(splitForWeChat('一二三四五', 5)).toEqual(['一二三四五'])
    expect(splitForWeChat('ab\ncd\nef', 5)).toEqual(['ab\ncd', 'ef'])
    expect(splitForWeChat('abcde\nf', 5)).toEqual(['abcde', 'f'])
  })

  it('keeps blank lines, so paragraphs stay apart', () => {
    expect(splitForWeChat('一二三\n\n四五六', 5)).toEqual(['一二三\n', '四五六'])
    expect(splitForWeChat('', 5)).toEqual([''])
  })

  it('cuts only a line over the limit, by code points', () => {
    expect(splitForWeChat('abcdefg\nh', 3)).toEqual(['abc', 'def', 'g\nh'])
    expect(splitForWeChat('😀😀😀', 4)).toEqual(['😀😀', '😀'])
  })
})

describe('fitOneMessage at the budget', () => {
  const more = (n: number) => `M${String(n).padStart(3, '0')}`
  const lines = Array.from({ length: 20 }, (_, i) => `${String(i).padStart(2, '0')}${'L'.repeat(97)}`) // 99 chars each

  it('returns a text of exactly the budget whole', () => {
    // 100 + 14 lines of 99, with 14 newlines: 1500.
    const whole = fitOneMessage(['H'.repeat(100)], lines.slice(0, 14), more)
    expect(whole.length).toBe(ONE_MESSAGE_BUDGET)
    expect(whole.endsWith(lines[13]!)).toBe(true)
    expect(fitOneMessage(['H'.repeat(101)], lines.slice(0, 14), more).endsWith('M001')).toBe(true)
  })

  it('shows the lines that fit with the count line, up to exactly the budget and not one character over', () => {
    // Heading 295 + 12 lines of 100 + the count line 5 = 1500: twelve fit exactly.
    const exact = fitOneMessage(['H'.repeat(150), 'G'.repeat(144)], lines, more)
    expect(exact.split('\n').slice(2)).toEqual([...lines.slice(0, 12), 'M008'])
    expect(exact.length).toBe(ONE_MESSAGE_BUDGET)
    // Heading 196: thirteen lines would make 1501.
    const over = fitOneMessage(['H'.repeat(100), 'G'.repeat(95)], lines, more)
    expect(over.split('\n').slice(2)).toEqual([...lines.slice(0, 12), 'M008'])
  })
})
