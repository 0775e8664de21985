// Counts as members write them: 200人次, 200余人次, 两百多, 3.6万余, 1,200, 一万二, 两千五.
import { toHalfWidth } from './normalize.js'

const CN_DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
}
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 }
const TOKEN_RE = /\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿]/g

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6
}

/**
 * Value of a numeral made of Arabic digits and/or Chinese digits and units
 * ("120", "一百二十", "3.6万", "两千五", "二〇二二"). Null when malformed.
 */
export function parseNumeral(raw: string): number | null {
  const tokens = raw.match(TOKEN_RE)
  if (!tokens || tokens.join('') !== raw) return null
  // "二〇二二" style: positional digits without units.
  if (tokens.length > 1 && tokens.every((t) => t in CN_DIGITS)) {
    return Number(tokens.map((t) => CN_DIGITS[t]).join(''))
  }
  let total = 0
  let section = 0
  let pending: number | null = null
  let lastUnit = 0
  let afterZero = false
  let sawValue = false
  for (const t of tokens) {
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
      continue
    }
    const small = SMALL_UNITS[t]
    if (small !== undefined) {
      section += (pending ?? 1) * small
      sawValue = true
      pending = null
      lastUnit = small
      afterZero = false
      continue
    }
    // 万 / 亿
    if (!sawValue) return null
    const big = t === '万' ? 1e4 : 1e8
    const chunk = section + (pending ?? 0)
    total = big === 1e8 ? (total + chunk) * big : total + chunk * big
    section = 0
    pending = null
    lastUnit = big
    afterZero = false
  }
  if (!sawValue) return null
  if (pending !== null) {
    // Spoken abbreviation: 一百二 = 120, 两千五 = 2500, 一万二 = 12000.
    const abbreviated = !afterZero && lastUnit >= 10 && Number.isInteger(pending) && pending < 10
    section += abbreviated ? pending * (lastUnit / 10) : pending
  }
  return round6(total + section)
}

export interface CountMatch {
  value: number
  approx: boolean
  index: number // position in the input text
  text: string // the matched substring of the input, prefix/suffix words included
}

const NUMERAL = String.raw`(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿])(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿])*`
/** Regex source for a count inside a sentence (used by the narrative reader). */
export const COUNT_SOURCE = String.raw`(?:约|大约|近|将近|超过|超|逾)?${NUMERAL}(?:余|多|左右|以上)?`

const COUNT_RE = new RegExp(
  String.raw`(约|大约|近|将近|超过|超|逾|数|几|上)?(${NUMERAL})(余|多|来|几|左右|以上|上下)?`,
  'g',
)
const LONE_DIGIT_FOLLOWERS = /^[人名位个余多场次]|^$/
// Prefixes that only make sense before a unit ("数十", "上万"), not before "数200".
const UNIT_ONLY_PREFIXES = new Set(['数', '几', '上'])

/** First count in the text with its position, or null. */
export function extractCount(text: string, from = 0): CountMatch | null {
  const norm = toHalfWidth(text)
  COUNT_RE.lastIndex = from
  for (let m = COUNT_RE.exec(norm); m; m = COUNT_RE.exec(norm)) {
    let prefix = m[1] ?? ''
    const numeral = (m[2] ?? '').replace(/,/g, '')
    const suffix = m[3] ?? ''
    let index = m.index
    if (UNIT_ONLY_PREFIXES.has(prefix) && !/^[十百千万]/.test(numeral)) {
      index += prefix.length
      prefix = ''
    }
    const onlyUnits = /^[百千万亿]+$/.test(numeral)
    if (onlyUnits && !prefix) continue // "万人空巷", "百姓"
    const after = norm.slice(m.index + m[0].length)
    // A lone 一/两/三 inside words ("一起", "三方") is not a count.
    if (/^[一二两三四五六七八九]$/.test(numeral) && !suffix && !LONE_DIGIT_FOLLOWERS.test(after)) continue
    const value = onlyUnits ? parseNumeral(`一${numeral}`) : parseNumeral(numeral)
    if (value === null) continue
    const end = m.index + m[0].length
    return {
      value,
      approx: prefix !== '' || suffix !== '' || onlyUnits,
      index,
      text: text.slice(index, end),
    }
  }
  return null
}

/** How many people, as written in a field value; null when the text has no number. */
export function parseCount(text: string): { value: number; approx: boolean } | null {
  const m = extractCount(text)
  return m ? { value: m.value, approx: m.approx } : null
}
