// What a member wrote under a row's labels: every part of it (a label written twice is not cut
// to its first part), nothing for none-words or a template's hint, and lines under labels no
// row has kept in the content. Shared by every labelled parser.
import type { ParseClock } from './clock.js'
import { findDateInText } from './dates.js'
import type { FieldRow } from './field-row.js'
import type { FieldSplit } from './fields.js'
import { CONTACT_LABELS } from './labels.js'
import { echo, meansNone, toHalfWidth, trimPunct } from './normalize.js'

/** A row that may be left empty by writing 无: not a date or a choice, where 无 is refused as unreadable (日期=无 must not mean today). */
export const mayBeEmptied = (row: FieldRow): boolean => row.value.type !== 'date' && row.value.type !== 'choice'

/**
 * What was written in a row, or undefined for nothing: empty, a none-word (采纳：无) where the
 * row may be empty, or the bracketed hint of #帮助's template left as it was (采纳：（被哪个单位采纳，没有可不写）).
 */
export function writtenIn(row: FieldRow, given: string | undefined): string | undefined {
  const text = given?.trim()
  if (!text || (mayBeEmptied(row) && (meansNone(unbracketed(text)) || deniesRow(row, text) || notYet(row, text)))) return undefined
  const hint = row.example !== undefined && /^（.*）$/.test(row.example) && sameText(text, row.example)
  return hint ? undefined : text
}

/**
 * What was written under all of a row's labels, in order, or undefined: a row written twice is
 * never cut to its first part. Names and lists join (领衔人：张三 附议人：李四、王五); a long
 * text keeps each later part under its label (内容：… 理由：… 办法：…); any other row takes the
 * first and says so in `warnings`.
 */
export function writtenUnder(row: FieldRow, entries: readonly { key: string; label: string; value: string }[], warnings: string[], clock?: ParseClock): string | undefined {
  const parts = entries.filter((e) => e.key === row.key && writtenIn(row, e.value) !== undefined).map((e) => ({ label: e.label, value: e.value.trim() }))
  for (const e of entries) {
    if (e.key === row.key && notYet(row, e.value.trim())) warnings.push(`${row.name}写的是“${echo(e.value.trim())}”，还不算${row.name}，不计入；${row.name}了再用 #修改 补上`)
  }
  const [first] = parts
  if (!first || parts.length === 1) return first?.value
  const type = row.value.type
  if (type === 'names' || type === 'list') return parts.map((p) => p.value).join('、')
  if (type === 'longText') return parts.map((p, i) => (i === 0 ? p.value : `${p.label}：${p.value}`)).join('\n')
  const dated = type === 'date' && clock !== undefined ? dateWithTime(parts, clock) : undefined
  if (dated !== undefined) return dated
  if (!parts.every((p) => p.value === first.value)) warnings.push(`${row.name}写了 ${parts.length} 处，按第一处“${echo(first.value)}”记录，不对请用 #修改 改`)
  return first.value
}

/**
 * A day and its time written apart (日期：9月20日 时间：下午3点), or the same day twice in two
 * forms (9月10日, 2022年9月10日), one of them perhaps with its time: one value, the day with its
 * time. Undefined when two days or two times differ, or a part cannot be read.
 */
function dateWithTime(parts: readonly { value: string }[], clock: ParseClock): string | undefined {
  const read = parts.map((p) => ({ value: p.value, found: findDateInText(p.value, clock) }))
  if (!read.every((r) => r.found?.ok)) return undefined
  const found = (r: (typeof read)[number]) => r.found as Extract<NonNullable<typeof r.found>, { ok: true }>
  const days = read.filter((r) => !found(r).timeOnly)
  const times = read.filter((r) => found(r).timeOnly)
  if (days.length === 0 || new Set(days.map((r) => found(r).date)).size > 1) return undefined
  const timed = days.filter((r) => found(r).time !== undefined)
  if (times.length === 0 && new Set(timed.map((r) => found(r).time)).size <= 1) return (timed[0] ?? days[0])!.value
  // The time goes right after the day: 时间地点：9月20日 市民中心 has its place after it.
  const day = days[0]!
  const end = found(day).index + found(day).matched.length
  if (times.length === 1 && timed.length === 0) return `${day.value.slice(0, end)} ${times[0]!.value} ${day.value.slice(end)}`.trim()
  return undefined
}

/** The row's name and labels as a pattern's alternatives. */
const ownWords = (row: FieldRow) => [row.name, ...row.labels].map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')

/** 采纳：未采纳 / 暂未被采纳 / 待定, 批示：无批示: the row says its own thing did not happen (yet). */
function deniesRow(row: FieldRow, text: string): boolean {
  const own = ownWords(row)
  return new RegExp(`^(?:暂|尚|还)?(?:无|未|没|没有)(?:被)?(?:${own})?$|^(?:否|待定)$`, 'u').test(trimPunct(text))
}

/** （无）, (暂无): a none-word in brackets is still none. */
const unbracketed = (text: string) => text.replace(/^[（(]\s*(.*?)\s*[）)]$/u, '$1')

/**
 * 待采纳, 拟采纳, 不采纳, 暂时没有, 报送中, 正在审核, 已报送市住建局，待反馈: an outcome row
 * (采纳, 批示) saying its outcome has not come yet. A value that names the outcome as come (已被
 * 市住建局采纳，待反馈落实情况; 市长批示：…，待反馈) is one, whatever is pending after it; bodies
 * that only start or end alike (不动产登记中心, 接待反馈中心) stay bodies.
 */
function notYet(row: FieldRow, text: string): boolean {
  if (!row.outcome) return false
  const own = ownWords(row)
  const t = trimPunct(text)
  // The row's word not right after 待/拟/未/不/没 (with or without 被): the outcome has come.
  if (new RegExp(`(?<![待拟未不没]|[待拟未不没]被)(?:${own})`, 'u').test(t)) return false
  const bare = t.replace(/[（()）]/g, '')
  return (
    new RegExp(`^(?:待|拟|不予?|暂不|尚未|还未|暂未)(?:被)?(?:${own})`, 'u').test(t) ||
    /^(?:暂时|目前|现在|还)(?:还)?(?:没有|无)|^正在|正在(?:研究|审核|办理|审批|讨论)$/u.test(bare) ||
    /(?:审核|报送|研究|办理|审批|讨论|反馈)中$|待(?:反馈|回复|批复|答复|审核|审批|研究)$/u.test(bare)
  )
}

/** The same text but for full- or half-width punctuation and spaces: （…，…） typed as (…,…). */
const sameText = (a: string, b: string) => toHalfWidth(a).replace(/\s+/g, '') === toHalfWidth(b).replace(/\s+/g, '')

/** Contact lines (联系电话：…) are nobody's content: they are ignored, and said so. */
const isContact = (label: string) => (CONTACT_LABELS as readonly string[]).includes(label)

/**
 * Lines under a label no row has (存在问题：…, 对策建议：…) belong to the text, not to the bin:
 * they join the content, so a report keeps its sub-headings and #修改, which writes the content
 * back under 内容, cannot cut them off.
 */
export function unknownLines(unknown: readonly { label: string; value: string }[]): string[] {
  return unknown.filter((u) => u.value.trim() && !isContact(u.label)).map((u) => `${u.label}：${u.value.trim()}`)
}

export function unknownWarnings(unknown: readonly { label: string; value: string }[], contentRow: FieldRow | undefined): string[] {
  return unknown.map((u) => (contentRow && u.value.trim() && !isContact(u.label) ? `未识别的字段“${u.label}”，已放入${contentRow.name}` : `未识别的字段“${u.label}”，已忽略`))
}

/**
 * A long text as written: its parts under the row's labels and under labels no row has, in the
 * order of the message. Parts next to each other are one stretch, each part re-read as it
 * stands (一、存在问题：… 二、对策建议：… keeps its numbering; an empty label between them is
 * left out); stretches join by lines. Each keeps its heading (理由：…, 存在问题：…) but a first
 * one under the row's own label that stands alone or is plain (内容, 摘要). `alsoUnder`: other
 * keys whose parts belong to it (an activity's 内容 to its 备注).
 */
export function contentUnder<K extends string>(row: FieldRow<K>, split: Pick<FieldSplit<K>, 'entries' | 'unknownFields'>, body: string, alsoUnder: readonly K[] = []): string | undefined {
  type Part = { label: string; labelStart: number; valueStart: number; valueEnd: number; part: 'own' | 'unknown' | undefined }
  const own = (key: K) => key === row.key || alsoUnder.includes(key)
  const parts: Part[] = [
    ...split.entries.map((e) => ({ ...e, part: own(e.key) && writtenIn(row, e.value) !== undefined ? ('own' as const) : undefined })),
    ...split.unknownFields.map((u) => ({ ...u, part: u.value.trim() && !isContact(u.label) ? ('unknown' as const) : undefined })),
  ].sort((a, b) => a.labelStart - b.labelStart)
  const taken = parts.filter((p) => p.part)
  // Any other row (or a contact line) between two parts ends a stretch.
  const stretches: Part[][] = []
  parts.forEach((p, i) => {
    if (!p.part) return
    if (i > 0 && parts[i - 1]!.part) stretches.at(-1)!.push(p)
    else stretches.push([p])
  })
  const bare = (p: Part) => p === taken[0] && p.part === 'own' && (taken.length === 1 || /内容|正文|摘要|简介/.test(p.label) || p.label === row.name)
  // Each part as it stands in the message, from its label (or its value, when bare) to the next label.
  const asWritten = (p: Part) => body.slice(bare(p) ? p.valueStart : p.labelStart, p.valueEnd)
  const text = stretches
    .map((run) => trimPunct(run.map(asWritten).join(''), true))
    .filter(Boolean)
    .join('\n')
  return text || undefined
}
