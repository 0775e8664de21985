// Counts as members write them: 200人次, 200余人次, 两百多, 3.6万余, 1,200, 一万二, 两千五.
//
// Checked against cn2an's own numeral cases (test/parsing/peer-cn2an.test.ts): every case that
// is a whole, non-negative number reads as cn2an reads it, financial and traditional forms
// included; none is refused. Out of scope, and refused rather than cut: decimals (零点一,
// 一七二零点一, 一百点123, 10.1万零100), negatives (负一, -10.1万) and what cn2an itself rejects
// (十七十八, 百十一, 零点点).
import { toHalfWidth } from './normalize.js'

const CN_DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
}
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 }
const TOKEN_RE = /\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿]/g

/**
 * Traditional (兩 萬), financial (壹 贰 … 拾 佰 仟), spoken (幺, as in 幺八九) and old (廿 卅)
 * forms, read as the everyday digit or unit they stand for.
 */
const VARIANTS: Record<string, string> = {
  兩: '两', 幺: '一', 壹: '一', 贰: '二', 貳: '二', 叁: '三', 參: '三', 肆: '四', 伍: '五', 陆: '六', 陸: '六',
  柒: '七', 捌: '八', 玖: '九', 拾: '十', 佰: '百', 仟: '千', 萬: '万', 億: '亿', 廿: '二十', 卅: '三十',
}
const VARIANT_CHARS = Object.keys(VARIANTS).join('')
const VARIANT_RE = new RegExp(`[${VARIANT_CHARS}]`, 'g')
const simplify = (raw: string) => raw.replace(VARIANT_RE, (c) => VARIANTS[c] ?? c)

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6
}

/**
 * Value of a numeral made of Arabic digits and/or Chinese digits and units
 * ("120", "一百二十", "3.6万", "两千五", "二〇二二", "壹佰贰拾", "廿二", "1百01"). Null when
 * malformed: units out of order ("十七十八" is 17 or 18, not 22), a bare 百 or 千 first
 * ("百十一"), anything after a decimal's 万 ("10.1万零100").
 */
export function parseNumeral(written: string): number | null {
  const raw = simplify(written)
  const tokens = raw.match(TOKEN_RE)
  if (!tokens || tokens.join('') !== raw) return null
  // "二〇二二", "幺八九" style: positional digits without units.
  if (tokens.length > 1 && tokens.every((t) => t in CN_DIGITS)) {
    return Number(tokens.map((t) => CN_DIGITS[t]).join(''))
  }
  let total = 0
  let section = 0
  let pending: number | null = null
  /** The pending value was one digit (一, 5): after a unit it abbreviates (一百二 = 120, 1万2 = 12000). */
  let pendingOneDigit = false
  let lastUnit = 0
  /** The last small unit of this section: 十 after 十, or 百 after 十, is out of order. */
  let sectionUnit = 0
  let afterZero = false
  let sawValue = false
  let decimalDone = false
  for (const t of tokens) {
    if (decimalDone) return null
    const cn = CN_DIGITS[t]
    if (/\d/.test(t) || cn !== undefined) {
      const v = cn ?? Number(t)
      sawValue = true
      if (v === 0 && cn !== undefined) {
        afterZero = true // 一百零五: the next digit is literal, not abbreviated
        continue
      }
      if (pending !== null) return null
      pending = v
      pendingOneDigit = cn !== undefined || t.length === 1
      continue
    }
    const small = SMALL_UNITS[t]
    if (small !== undefined) {
      if (pending === null && !sawValue && small > 10) return null
      if (sectionUnit !== 0 && small >= sectionUnit) return null
      if (pending !== null && !Number.isInteger(pending)) return null
      section += (pending ?? 1) * small
      sawValue = true
      pending = null
      lastUnit = small
      sectionUnit = small
      afterZero = false
      continue
    }
    // 万 / 亿
    if (!sawValue) return null
    const big = t === '万' ? 1e4 : 1e8
    if (pending !== null && !Number.isInteger(pending)) decimalDone = true // 3.6万: nothing may follow
    const chunk = section + (pending ?? 0)
    total = big === 1e8 ? (total + chunk) * big : total + chunk * big
    section = 0
    sectionUnit = 0
    pending = null
    lastUnit = big
    afterZero = false
  }
  if (!sawValue) return null
  if (pending !== null) {
    // Spoken abbreviation: 一百二 = 120, 两千五 = 2500, 一万二 = 12000; not 1百01.
    const abbreviated = !afterZero && lastUnit >= 10 && pendingOneDigit && pending < 10
    section += abbreviated ? pending * (lastUnit / 10) : pending
  }
  return round6(total + section)
}

export interface CountMatch {
  value: number
  approx: boolean
  index: number // position in the input text
  text: string // the matched substring of the input, prefix/suffix words included
  /** Written like a number but not a head count (负一, 零点一, 10..1万): refused, `value` means nothing. */
  problem?: string
}

const CN_NUMERAL_CHARS = `零〇一二两三四五六七八九十百千万亿${VARIANT_CHARS}`
const NUMERAL = String.raw`(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?|[${CN_NUMERAL_CHARS}])(?:\d+(?:\.\d+)?|[${CN_NUMERAL_CHARS}])*`
/** Regex source for a count inside a sentence (used by the narrative reader). */
export const COUNT_SOURCE = String.raw`(?:约|大约|近|将近|超过|超|逾)?${NUMERAL}(?:余|多|几|来|左右|以上)?`

const COUNT_RE = new RegExp(
  String.raw`(约|大约|近|将近|超过|超|逾|数|几|上)?(${NUMERAL})(余|多|来|几|左右|以上|上下)?`,
  'g',
)
const LONE_DIGIT_FOLLOWERS = /^[人名位个余多场次]|^$/
// Prefixes that only make sense before a unit ("数十", "上万"), not before "数200".
const UNIT_ONLY_PREFIXES = new Set(['数', '几', '上'])

const LONE_DIGITS = /^[零〇一二两三四五六七八九]$/
const DIGIT_CHAR = new RegExp(`^[\\d${CN_NUMERAL_CHARS}]`)

/**
 * First count in the text with its position, or null. Something written as a number that is
 * no head count comes back with a `problem` instead of a value that would be wrong: a
 * negative (负一), a decimal (零点一, 一七二零点一), a broken numeral (10..1万, 十七十八).
 */
export function extractCount(text: string, from = 0): CountMatch | null {
  const norm = toHalfWidth(text)
  COUNT_RE.lastIndex = from
  for (let m = COUNT_RE.exec(norm); m; m = COUNT_RE.exec(norm)) {
    let prefix = m[1] ?? ''
    const numeral = (m[2] ?? '').replace(/,/g, '')
    const suffix = m[3] ?? ''
    let index = m.index
    if (UNIT_ONLY_PREFIXES.has(prefix) && !/^[十百千万拾佰仟萬]/.test(numeral)) {
      index += prefix.length
      prefix = ''
    }
    const plain = simplify(numeral)
    const onlyUnits = /^[百千万亿]+$/.test(plain)
    if (onlyUnits && !prefix) continue // "万人空巷", "百姓"
    const end = m.index + m[0].length
    const after = norm.slice(end)
    // "三点", "零点": a time of day, not a count.
    if (after.startsWith('点') && !DIGIT_CHAR.test(after.slice(1))) continue
    const refused = (problem: string): CountMatch => ({ value: 0, approx: false, index, text: text.slice(index, end), problem })
    const before = norm.slice(0, index)
    // 负一, "-5" (not the dash of a range such as 10-20人).
    if (/(?:负|(?:^|[^\d\s])\s*[-−])$/.test(before)) return refused('人数不能是负数')
    // 零点一, 一七二零点一, 点一, 10..1万: decimals and broken numbers are no head count.
    if (/^(?:点|\.)/.test(after) || /(?:点|\.)$/.test(before)) return refused('人数应为整数')
    // A lone 一/两/三 inside words ("一起", "三方", 陆 as a surname) is not a count.
    if (LONE_DIGITS.test(plain) && !suffix && !LONE_DIGIT_FOLLOWERS.test(after)) continue
    const value = onlyUnits ? parseNumeral(`一${numeral}`) : parseNumeral(numeral)
    if (value === null) {
      if ([...plain].length > 1) return refused('数字写法看不懂')
      continue
    }
    return { value, approx: prefix !== '' || suffix !== '' || onlyUnits, index, text: text.slice(index, end) }
  }
  return null
}

/**
 * A count written in a field in a way that would be read as another number: the letter O for
 * the digit 0 (2OO would be 2), or a range (100-200 would be 100). Refused with how to write it.
 */
export function countValueProblem(text: string): string | undefined {
  // Only the first number and what touches it: a note after it (200（60-80岁）) is not the count.
  const first = /[OoIl]?\d[\d,]*[OoIl]?(?:\s*[-~～至到]\s*\d)?/.exec(toHalfWidth(text))?.[0] ?? ''
  if (/\d[OoIl]|[OoIl]\d/.test(first)) return '数字里夹着字母（O、l），请用数字写，例如 200'
  if (/\d\s*[-~～至到]\s*\d/.test(first)) return '写成了一个范围，请写一个数；估计的数可以写成“100余”“约150”'
  return undefined
}

/** How many people, as written in a field value; null when the text has no number. */
export function parseCount(text: string): { value: number; approx: boolean } | null {
  const m = extractCount(text)
  return m && !m.problem ? { value: m.value, approx: m.approx } : null
}
