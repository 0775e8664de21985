// Reading a narrative sentence: "9月19日在市爱卫中心开展健康义诊，委员8人参加，服务群众200余人次".
import type { ParseClock } from './clock.js'
import { findDateInText } from './dates.js'
import type { DateFound } from './dates.js'
import { findMentions, splitList, splitNames } from './names.js'
import { toHalfWidth, trimPunct, unwrapQuotes } from './normalize.js'
import { COUNT_SOURCE, extractCount } from './numbers.js'
import type { CountMatch } from './numbers.js'

export interface NarrativeFacts {
  date?: DateFound
  title?: string
  place?: string
  participants?: CountMatch
  /** How many members took part, named or not. */
  memberCount?: CountMatch
  reach?: CountMatch
  partners: string[]
  memberNames: string[]
  brand?: string
}

const N = `(${COUNT_SOURCE})`
const PART_OF_DAY = '(?:凌晨|早上|早晨|清晨|上午|中午|下午|傍晚|晚上|晚间|夜里|夜间|白天|全天)'
const BLANK = '\u0000'
// A phrase inside one clause; never crosses punctuation or a blanked-out span.
const PHRASE = `[^,;。!?\\n:${BLANK}]`
const VERB = '(?:组织开展|开展了?|举办了?|举行了?|召开了?|办了|搞了)(?:个|一场|一次|一期)?'
const WEAK_VERB = '(?:组织了?|进行了?)'
const NAME = '[\\u4e00-\\u9fff]{2,3}'
const NAME_LIST = `${NAME}(?:[、,][ ]?${NAME})*`
const TAKE_PART = '(?:参加|参与|出席|到场|一同|带队|走进|来到|深入|前往)'

/** Who counts as people in a count: 人, 人次, 名, 位, 个人. */
const PEOPLE = '(?:人次|个人|人|名|位)'
const PARTICIPANT_RES = [
  `委员\\s*${N}\\s*(?:人|名|位)`,
  // "参会人员一百五十余人", "到会群众60余人", "与会人员80人", "现场群众200余人"
  `(?:参会|到会|与会|出席|到场|现场)(?:的)?(?:人员|人数|群众|居民|代表|嘉宾|观众|听众)?\\s*(?:达到|达|共|计|有|约)?\\s*${N}\\s*${PEOPLE}?`,
  // "来了十几个人"
  `来了\\s*${N}\\s*${PEOPLE}`,
  // "8名委员"; not "张伟滨、胡建国等6位委员" or "其中…三位委员": those count the members named.
  `(?<!等\\s*|其中[^,;。]{0,30})${N}\\s*(?:名|位|人)\\s*(?:政协)?委员`,
  `参[与加](?:人数|人次|人员)?\\s*(?:达|共|为)?\\s*${N}\\s*(?:人次|人|名)`,
  // "参与人次20": the label already says what the number counts.
  `(?:参[与加]|出席|到场)(?:人数|人次)\\s*(?:达|共|为)?\\s*${N}`,
  // "近百人参加"; not "一百多人参与人员三十多人" (a voice message running into the next label)
  `(?:共|计)?${N}\\s*(?:人次|人|名)\\s*${TAKE_PART}(?!人员|人数|人次)`,
].map((s) => new RegExp(s, 'dg'))

/** "委员5人参加", "8名委员", "张伟滨、胡建国等6位委员", "其中…三位委员": how many members, named or not. */
const MEMBER_COUNT_RES = [`委员\\s*(?:共|计)?\\s*${N}\\s*(?:人|名|位)`, `${N}\\s*(?:名|位|个)\\s*(?:政协)?委员`].map((s) => new RegExp(s, 'dg'))

const REACH_VERB = '(?:服务|惠及|受益|影响|覆盖|辐射|帮扶|接待|吸引)'
const REACH_RES = [
  `${REACH_VERB}了?(?:界别)?(?:群众|居民|市民|村民|患者|学生|家长|师生|老人|老年人|人群|对象|人员)?(?:人次|人数)?\\s*(?:达到|达|共|计)?\\s*${N}\\s*(?:人次|人|名|位)?`,
  // Any group of people, then a unit that says they are people: 惠及新市民子女两百多人, 服务困难家庭三十余户.
  `(?:${REACH_VERB}|慰问|走访|观看|收看)了?[\\u4e00-\\u9fff]{0,10}?(?:人次|人数)?\\s*(?:达到|达|共|计)?\\s*${N}\\s*(?:人次|人|名|位|户|家|个家庭)`,
  `${N}\\s*(?:人次|人|名)\\s*(?:群众|居民|市民)?(?:受益|受惠|参与受益)`,
].map((s) => new RegExp(s, 'dg'))

const PARTNER_RES = [
  `(?:联合|携手|牵手|会同|协同|联手)\\s*(${PHRASE}{2,40}?)\\s*(?:共同|一起|联合)?\\s*(?=${VERB}|${WEAK_VERB}|走进|来到|前往|赴|在|到|于|为|面向|[,;。]|$)`,
  `与\\s*(${PHRASE}{2,40}?)\\s*(?:共同|联合|一起|携手|合作)`,
].map((s) => new RegExp(s, 'dg'))

const PLACE_RE = new RegExp(
  `(?:在|于|走进|来到|前往|赴)\\s*((?![在于])[^,;。!?\\n:${BLANK}\\s]${PHRASE}{1,29}?)\\s*(?=${VERB}|${WEAK_VERB}|参加|参与|为|面向|给|向|联合|携手|牵手|与|共同)`,
  'dg',
)
const BRAND_RES = [
  /品牌\s*:?\s*[「“《"『]([^」”》"』]{2,20})[」”》"』]/d,
  /[「“《"『]([^」”》"』]{2,20})[」”》"』]\s*(?:特色|服务|活动)?品牌/d,
]
const MEMBER_RES = [
  // After 委员 a space separates names too: "委员王芳 李明参加".
  `(?<=^|[\\s,;。、]|由|有|邀请)委员\\s*(${NAME}(?:(?:[、,][ ]?|[ ])${NAME})*)\\s*(?:等\\s*(?:${COUNT_SOURCE}\\s*(?:人|名|位))?)?\\s*${TAKE_PART}`,
  `(?<=^|[\\s,;。、]|由|有|邀请)(${NAME_LIST})\\s*(?:等\\s*(?:${COUNT_SOURCE}\\s*(?:名|位|人))?)?\\s*(?:政协)?委员\\s*${TAKE_PART}`,
  // "律师团共8人参加，其中刘勇平、陈立新、王志强三位委员"
  `(?<=其中|包括)\\s*(${NAME_LIST})\\s*(?:等)?\\s*(?:${COUNT_SOURCE}\\s*(?:名|位|人))?\\s*(?:政协)?委员`,
].map((s) => new RegExp(s, 'dg'))
const COUNT_NOT_NAME = /^[\d零〇一二两三四五六七八九十百千万余多几]+(?:个人|人|名|位)?$/
/** "王芳、李明参加": two or more names taking part, without the word 委员. */
// WeChat names as members write them, emoji and letters included (海燕🌸).
const NICK = `[^\\s,;。、:!?()\\[\\]《》“”"${BLANK}]{2,8}?`
const NAMES_TAKING_PART = new RegExp(`(?<=^|[\\s,;。、]|由|有|邀请)(${NICK}(?:、[ ]?${NICK})+)\\s*(?:等\\s*(?:${COUNT_SOURCE}\\s*(?:名|位|人))?)?\\s*${TAKE_PART}`, 'dg')
/** Groups of people that read like two- or three-character names but are none. */
const NOT_NAMES = new Set(
  '群众 居民 市民 村民 志愿者 党员 干部 学生 家长 师生 老人 委员 代表 嘉宾 专家 律师 医生 教师 老师 职工 员工 企业 社区 部门 领导 同志 大家 朋友 街道 单位 网格员 工作人员 人员 青年 妇女 儿童 老年人 孩子 医护 记者 政协 会员 各界'.split(' '),
)

/** Mutable working copy where used spans are blanked so later rules do not reuse them. */
class Work {
  chars: string[]
  constructor(readonly orig: string) {
    // toHalfWidth keeps UTF-16 length, so indices here slice `orig` directly.
    this.chars = toHalfWidth(orig).split('')
  }
  get text(): string {
    return this.chars.join('')
  }
  blank(start: number, end: number): void {
    for (let i = start; i < end; i++) this.chars[i] = BLANK
  }
}

/** First match among several regexes (earliest position), with group-1 span. */
function firstMatch(res: RegExp[], text: string): { start: number; end: number; g1: [number, number] } | null {
  let best: { start: number; end: number; g1: [number, number] } | null = null
  for (const re of res) {
    re.lastIndex = 0
    const m = re.exec(text)
    const g1 = m?.indices?.[1]
    if (m && g1 && (!best || m.index < best.start)) best = { start: m.index, end: m.index + m[0].length, g1 }
  }
  return best
}

function namesTakingPart(text: string): { start: number; end: number; g1: [number, number] } | null {
  const m = firstMatch([NAMES_TAKING_PART], text)
  if (!m) return null
  const names = text.slice(m.g1[0], m.g1[1]).split(/[、 ]+/)
  // Groups of people ("群众、志愿者", "两位老师、三名学生") and bodies ("市卫健局、医保局负责同志") are no names.
  const notName = (n: string) =>
    NOT_NAMES.has(n) || /^[\d零〇一二两三四五六七八九十百千万几数]+[位名个些批]/.test(n) || /[局委办院厅部所处科站队社]$|负责|中心|单位|公司|学校|医院|同志/.test(n)
  return names.some(notName) ? null : m
}

function takeCount(w: Work, res: RegExp[]): CountMatch | undefined {
  const m = firstMatch(res, w.text)
  if (!m) return undefined
  const count = extractCount(w.orig.slice(m.g1[0], m.g1[1]))
  w.blank(m.start, m.end)
  return count ?? undefined
}

/** End of the clause that starts at `from`, not splitting inside quotes or book titles. */
function clauseEnd(text: string, from: number): number {
  let depth = 0
  for (let i = from; i < text.length; i++) {
    const ch = text[i] ?? ''
    if ('“「《『'.includes(ch)) depth++
    else if ('”」》』'.includes(ch)) depth = Math.max(0, depth - 1)
    else if (ch === BLANK || (depth === 0 && /[,;。!?\n]/.test(ch))) return i
  }
  return text.length
}

function cleanTitle(raw: string): string {
  // "在社区举办的义诊活动" → 义诊活动; "开展了一场讲座" → 讲座
  const t = trimPunct(raw.replace(/^(?:了|的|一场|一次|一期|一系列|系列)+/, ''))
  return unwrapQuotes(t)
}

function takeTitle(w: Work): string | undefined {
  for (const verb of [VERB, WEAK_VERB]) {
    const re = new RegExp(verb, 'g')
    for (let m = re.exec(w.text); m; m = re.exec(w.text)) {
      const start = m.index + m[0].length
      const title = cleanTitle(w.orig.slice(start, clauseEnd(w.text, start)))
      if ([...title].length >= 2) return title
    }
  }
  // No verb ("9.19 健康义诊 爱卫中心"): the first leftover piece that reads like a name.
  for (const piece of w.text.split(new RegExp(`[,;。!?\\n\\s${BLANK}]+`))) {
    const t = cleanTitle(piece)
    // A number is fine in a name (第3期读书会), not a head count (200人次).
    const isCount = /\d\s*(?:人次|人|名|位|万|余|多)/.test(t)
    const partOfDay = new RegExp(`^${PART_OF_DAY}$`).test(t)
    if (/[\u4e00-\u9fff]{2}/.test(t) && !/^在/.test(t) && !isCount && !partOfDay) {
      const at = w.text.indexOf(piece)
      return cleanTitle(w.orig.slice(at, at + piece.length))
    }
  }
  return undefined
}

/** A brand written as 品牌“X” or “X”品牌. */
export function findBrand(text: string): string | undefined {
  const norm = toHalfWidth(text)
  for (const re of BRAND_RES) {
    const g = re.exec(norm)?.indices?.[1]
    if (g) return text.slice(g[0], g[1]).trim()
  }
  return undefined
}

/**
 * Spans of a pasted news article that say when and by whom it was published, not when the
 * event was: "本报讯（记者 张明）", "来源：平湖日报 2022-09-20", a line that is only a date.
 */
const DATELINE_RES = [
  /[\u4e00-\u9fff]{0,6}讯\s*[（(][^）)]*[）)]/g,
  /[（(]\s*(?:记者|通讯员|摄影|文\/?图)[^）)]*[）)]/g,
  /^\s*(?:来源|发布时间|发布日期|发布于|时间|作者|编辑|责任编辑|记者|通讯员|审核)\s*[:：][^\n]*$/gm,
  /^\s*\d{4}[-./年]\d{1,2}[-./月]\d{1,2}日?\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?\s*[\u4e00-\u9fffA-Za-z]{0,12}\s*$/gm,
]

function datelineSpans(text: string): [number, number][] {
  if (!/讯\s*[（(]|记者|通讯员|来源\s*[:：]|发布(?:时间|日期|于)|责任编辑/.test(text)) return []
  const spans: [number, number][] = []
  for (const re of DATELINE_RES) {
    re.lastIndex = 0
    for (let m = re.exec(text); m; m = re.exec(text)) spans.push([m.index, m.index + m[0].length])
  }
  return spans
}

export function readNarrative(text: string, clock: ParseClock): NarrativeFacts {
  const w = new Work(text)
  // The event's own date, not the article's: mask the dateline before looking for a date.
  for (const [start, end] of datelineSpans(text)) w.blank(start, end)
  const masked = w.chars.map((c, i) => (c === BLANK ? ' ' : (text[i] ?? c))).join('')
  const facts: NarrativeFacts = { partners: [], memberNames: [] }
  for (const m of findMentions(w.text)) {
    facts.memberNames.push(m.name)
    w.blank(m.index, m.index + m.length)
  }
  const date = findDateInText(masked, clock)
  if (date) {
    facts.date = date
    // "3月15日上午": a part of the day without an hour belongs to the date, never to the title.
    const end = date.index + date.matched.length
    const partOfDay = new RegExp(`^[\\s,]*${PART_OF_DAY}`).exec(w.text.slice(end))
    w.blank(date.index, end + (partOfDay?.[0].length ?? 0))
  }
  const brand = findBrand(w.orig)
  if (brand) facts.brand = brand
  const members = firstMatch(MEMBER_RES, w.text) ?? namesTakingPart(w.text)
  if (members) {
    for (const n of splitNames(w.orig.slice(members.g1[0], members.g1[1]))) {
      // "委员十余人参加": a count where names would stand is no name.
      if (!facts.memberNames.includes(n) && !COUNT_NOT_NAME.test(n)) facts.memberNames.push(n)
    }
  }
  const memberCount = firstMatch(MEMBER_COUNT_RES, w.text)
  if (memberCount) facts.memberCount = extractCount(w.orig.slice(memberCount.g1[0], memberCount.g1[1])) ?? undefined
  facts.participants = takeCount(w, PARTICIPANT_RES)
  facts.reach = takeCount(w, REACH_RES)
  const partner = firstMatch(PARTNER_RES, w.text)
  if (partner) {
    facts.partners = splitList(w.orig.slice(partner.g1[0], partner.g1[1]).replace(/[的]$/, ''))
    w.blank(partner.start, partner.g1[1])
  }
  PLACE_RE.lastIndex = 0
  const place = PLACE_RE.exec(w.text)
  if (place?.indices?.[1]) {
    const [s, e] = place.indices[1]
    facts.place = w.orig.slice(s, e).trim()
    w.blank(place.index, e)
  }
  const title = takeTitle(w)
  if (title) facts.title = title
  if (!facts.participants) delete facts.participants
  if (!facts.reach) delete facts.reach
  if (!facts.memberCount) delete facts.memberCount
  return facts
}
