// `#修改` support: field edits applied to a record's or a draft's text, then parsed again,
// so an edited record passes exactly the validation a new one does.
import { ACTIVITY_LABELS, NOT_ACTIVITY_LABELS, type ActivityKey } from './activity-labels.js'
import type { ActivityFields } from './activity.js'
import { splitFields } from './fields.js'
import { matchLabel, type LabelTable } from './labels.js'
import { toHalfWidth } from './normalize.js'
import { NOT_OPINION_LABELS, OPINION_LABELS, type OpinionFields, type OpinionKey } from './opinion.js'
import { NOT_PROPOSAL_LABELS, PROPOSAL_LABELS, type ProposalFields, type ProposalKey } from './proposal.js'

export interface FieldEdit {
  label: string
  value: string
}

/** `参与人次=30 地点=市爱卫中心` (also `：` or `＝`) → edits; a value runs to the next `label=`. */
export function parseEditPairs(text: string): FieldEdit[] {
  const norm = toHalfWidth(text)
  // A label never starts with a digit, so the colon in `15:00` is not a field.
  const marks = [...norm.matchAll(/(?:^|[\s,;，；])([^\s\d=:,;，；][^\s=:,;，；]{0,9})\s*[=:]/g)]
  return marks
    .map((mark, i) => {
      const valueStart = mark.index + mark[0].length
      const valueEnd = marks[i + 1]?.index ?? text.length
      return { label: mark[1]!, value: text.slice(valueStart, valueEnd).trim().replace(/[,;，；]$/, '').trim() }
    })
    .filter((edit) => edit.value !== '')
}

interface Table<K extends string> {
  labels: LabelTable<K>
  notLabels: readonly string[]
  multiline: readonly K[]
}

const ACTIVITY_TABLE: Table<ActivityKey> = {
  labels: ACTIVITY_LABELS,
  notLabels: NOT_ACTIVITY_LABELS,
  multiline: ['note', 'content'],
}
const OPINION_TABLE: Table<OpinionKey> = { labels: OPINION_LABELS, notLabels: NOT_OPINION_LABELS, multiline: ['content'] }
const PROPOSAL_TABLE: Table<ProposalKey> = { labels: PROPOSAL_LABELS, notLabels: NOT_PROPOSAL_LABELS, multiline: ['content'] }

export type EditResult = { ok: true; text: string } | { ok: false; unknownLabels: string[] }

/** Removes the fields being edited from `body` and appends the new values as `标签：值` lines. */
function applyEdits<K extends string>(body: string, table: Table<K>, edits: readonly FieldEdit[]): EditResult {
  const keyed = edits.map((edit) => ({ ...edit, key: matchLabel(edit.label, table.labels, table.notLabels) }))
  const unknownLabels = keyed.filter((e) => e.key === null).map((e) => e.label)
  if (unknownLabels.length > 0) return { ok: false, unknownLabels }
  const editedKeys = new Set(keyed.map((e) => e.key))
  const split = splitFields(body, table.labels, { multiline: table.multiline, notLabels: table.notLabels })
  let text = body
  for (const entry of [...split.entries].reverse()) {
    if (editedKeys.has(entry.key)) text = text.slice(0, entry.labelStart) + text.slice(entry.valueEnd)
  }
  const lines = keyed.map((e) => `${table.labels[e.key!][0]}：${e.value}`)
  return { ok: true, text: [text.trim(), ...lines].filter(Boolean).join('\n') }
}

export function editActivityText(body: string, edits: readonly FieldEdit[]): EditResult {
  return applyEdits(body, ACTIVITY_TABLE, edits)
}

export function editOpinionText(body: string, edits: readonly FieldEdit[]): EditResult {
  return applyEdits(body, OPINION_TABLE, edits)
}

export function editProposalText(body: string, edits: readonly FieldEdit[]): EditResult {
  return applyEdits(body, PROPOSAL_TABLE, edits)
}

export function proposalToText(draft: ProposalFields): string {
  return [
    `案由：${draft.title}`,
    `类型：${draft.type}`,
    `日期：${draft.date}`,
    draft.field && `领域：${draft.field}`,
    draft.authorNames.length > 0 && `提案人：${draft.authorNames.join('、')}`,
    draft.content && `内容：${draft.content}`,
  ]
    .filter(Boolean)
    .join('\n')
}

/** A stored activity written back in the labelled form the parser reads. */
export function activityToText(draft: ActivityFields): string {
  return [
    `时间：${draft.date}${draft.time ? ` ${draft.time}` : ''}`,
    `主题：${draft.title}`,
    `类型：${draft.type}`,
    draft.place && `地点：${draft.place}`,
    draft.memberNames.length > 0 && `参与委员：${draft.memberNames.join('、')}`,
    draft.memberCount !== undefined && `委员人数：${draft.memberCount}`,
    draft.participants !== undefined && `参与人次：${draft.participants}`,
    draft.reach !== undefined && `服务人次：${draft.reach}`,
    draft.partners.length > 0 && `联合单位：${draft.partners.join('、')}`,
    draft.brand && `品牌：${draft.brand}`,
    draft.note && `备注：${draft.note}`,
  ]
    .filter(Boolean)
    .join('\n')
}

export function opinionToText(draft: OpinionFields): string {
  return [
    `标题：${draft.title}`,
    `日期：${draft.date}`,
    draft.field && `领域：${draft.field}`,
    draft.authorNames.length > 0 && `提交人：${draft.authorNames.join('、')}`,
    draft.content && `内容：${draft.content}`,
  ]
    .filter(Boolean)
    .join('\n')
}
