import { describe, expect, it } from 'vitest'
import { parseCount } from '../../src/parsing/mod.js'

/**
 * The numeral cases of cn2an's own test suite (github.com/Ailln/cn2an, cn2an/cn2an_test.py:
 * strict, normal and smart modes, and the inputs it rejects), read as head counts. A count is
 * a whole number of people, so a case whose value is not one (负一, 零点一, 一七二零点一, 100.123)
 * must be refused, never cut to another number; every other case must read as cn2an reads it,
 * or be refused (listed in REFUSED, and in the doc comment of src/parsing/numbers.ts).
 */
const PEER: Array<[string, number | null]> = [
  // strict
  ['零', 0], ['一', 1], ['十', 10], ['十一', 11], ['一十一', 11], ['二十', 20], ['二十一', 21], ['一百', 100],
  ['一百零一', 101], ['一百一十', 110], ['一百一十一', 111], ['一千', 1000], ['一千一百', 1100], ['一千一百一十', 1110],
  ['一千一百一十一', 1111], ['一千零一十', 1010], ['一千零一十一', 1011], ['一千零一', 1001], ['一千一百零一', 1101],
  ['一万一千一百一十一', 11111], ['一十一万一千一百一十一', 111111], ['一百一十一万一千一百一十一', 1111111],
  ['一千一百一十一万一千一百一十一', 11111111], ['一亿一千一百一十一万一千一百一十一', 111111111],
  ['一十一亿一千一百一十一万一千一百一十一', 1111111111], ['一百一十一亿一千一百一十一万一千一百一十一', 11111111111],
  ['一千一百一十一亿一千一百一十一万一千一百一十一', 111111111111],
  ['一千一百一十一万一千一百一十一亿一千一百一十一万一千一百一十一', 1111111111111111],
  ['壹', 1], ['拾', 10], ['拾壹', 11], ['壹拾壹', 11], ['壹佰壹拾壹', 111], ['壹仟壹佰壹拾壹', 1111], ['壹万壹仟壹佰壹拾壹', 11111],
  ['壹拾壹万壹仟壹佰壹拾壹', 111111], ['壹佰壹拾壹万壹仟壹佰壹拾壹', 1111111], ['壹仟壹佰壹拾壹万壹仟壹佰壹拾壹', 11111111],
  ['壹亿壹仟壹佰壹拾壹万壹仟壹佰壹拾壹', 111111111], ['壹拾壹亿壹仟壹佰壹拾壹万壹仟壹佰壹拾壹', 1111111111],
  ['壹佰壹拾壹亿壹仟壹佰壹拾壹万壹仟壹佰壹拾壹', 11111111111], ['壹仟壹佰壹拾壹亿壹仟壹佰壹拾壹万壹仟壹佰壹拾壹', 111111111111],
  ['壹拾壹元整', 11], ['壹佰壹拾壹圆整', 111],
  ['十万', 100000], ['十万零一', 100001], ['一万零一', 10001], ['一万零一十一', 10011], ['一万零一百一十一', 10111],
  ['一十万零一', 100001], ['一百万零一', 1000001], ['一千万零一', 10000001], ['一千零一万一千零一', 10011001],
  ['一千零一万零一', 10010001], ['一亿零一', 100000001], ['一十亿零一', 1000000001], ['一百亿零一', 10000000001],
  ['一千零一亿一千零一万一千零一', 100110011001], ['一千亿一千万一千零一', 100010001001], ['一千亿零一', 100000000001],
  ['零点零零零零零零零零零零零零零零一', null], ['零点零零零一', null], ['零点零一', null], ['零点一', null],
  ['负一', null], ['负二', null], ['负十', null], ['负十一', null], ['负一十一', null],
  ['廿二', 22],
  // normal
  ['一一', 11], ['一一一', 111], ['壹壹', 11], ['壹壹壹', 111], ['零点零', null], ['零点零零', null],
  ['一七二零', 1720], ['一七二零点一', null], ['一七二零点一三四', null], ['一二三', 123],
  ['负零点一零', null], ['负一七二零', null], ['负一七二零点一', null],
  ['三万五', 35000], ['两千六', 2600], ['一百二', 120],
  // smart
  ['100万', 1000000], ['100万三千', 1003000], ['200亿零四千230', 20000004230], ['一百点123', null],
  ['10.1万', 101000], ['-10.1万', null], ['35.1亿', 3510000000],
  // rejected by cn2an
  ['10.1万零100', null], ['10..1万', null], ['零点', null], ['点零', null], ['零点点', null], ['零点零大', null],
  ['点一', null], ['百十一', null], ['十一十二', null], ['负十一十二', null], ['十七十八', null],
]

/** Peer cases refused although cn2an reads them: none (see src/parsing/numbers.ts). */
const REFUSED: string[] = []

describe("cn2an's numeral cases, read as head counts", () => {
  it.each(PEER)('%s → %s', (text, expected) => {
    const read = parseCount(text)
    if (expected === null || REFUSED.includes(text)) expect(read).toBeNull()
    else expect(read?.value).toBe(expected)
  })
})

describe('numerals members write', () => {
  it.each<[string, number]>([
    ['兩千六', 2600], ['廿二', 22], ['幺八九', 189], ['1百01', 101], ['壹佰贰拾', 120], ['貳拾', 20], ['卅', 30], ['1万2', 12000],
  ])('%s → %d', (text, value) => {
    expect(parseCount(text)?.value).toBe(value)
  })
})
