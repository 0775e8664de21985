// `#修改` support: field edits applied to a record's or a draft's text, then parsed again,
// so an edited record passes exactly the validation a new one does.
import { ACTIVITY_LABELS, NOT_ACTIVITY_LABELS, type ActivityKey } from './activity-labels.js'
import type { ActivityFields } from './activity.js'
import { applyEdits, editLabelled, toLabelledText, type EditResult, type FieldEdit } from './field-table.js'
import { toHalfWidth } from './normalize.js'
import type { ParseClock } from './clock.js'
import { findDateInText } from './dates.js'
import { splitFields } from './fields.js'
import { matchLabel } from './labels.js'
import { OPINION_TABLE, type OpinionFields } from '../domain/opinion.js'
import { PROPOSAL_TABLE, type ProposalFields } from '../domain/proposal.js'
import { ACTIVITY_TABLE } from '../domain/activity.js'

export type { EditResult, FieldEdit } from './field-table.js'

// A label never starts with a digit, so the colon in `15:00` is not a field.
const pairMarks = (text: string) => [...toHalfWidth(text).matchAll(/(?:^|[\s,;，；])([^\s\d=:,;，；][^\s=:,;，；]{0,9})\s*[=:]/g)]

/** `参与人次=30 地点=市爱卫中心` (also `：` or `＝`) → edits; a value runs to the next `label=`. */
export function parseEditPairs(text: string): FieldEdit[] {
  const marks = pairMarks(text)
  return marks
    .map((mark, i) => {
      const valueStart = mark.index + mark[0].length
      const valueEnd = marks[i + 1]?.index ?? text.length
      return { label: mark[1]!, value: text.slice(valueStart, valueEnd).trim().replace(/[,;，；]$/, '').trim() }
    })
    .filter((edit) => edit.value !== '')
}

/** The words before the first `label=value` (all of them when there is none). */
export function wordsBeforePairs(text: string): string {
  const first = pairMarks(text)[0]
  return (first ? text.slice(0, first.index) : text).trim()
}

/** What #修改 of an activity reads: the table's labels, and 内容, which the parser takes as the narrative. */
const ACTIVITY_EDITS = { labels: ACTIVITY_LABELS, notLabels: NOT_ACTIVITY_LABELS, multiline: ['note', 'content'] as ActivityKey[] }

/**
 * An activity's #修改. Its date row holds the day and the time: with the clock, 时间=下午4点
 * changes the time and keeps the day, 日期=9月21日 changes the day and keeps the time.
 */
export function editActivityText(body: string, edits: readonly FieldEdit[], clock?: ParseClock): EditResult {
  return applyEdits(body, ACTIVITY_EDITS, clock ? oneDateEdit(edits).map((edit) => keepingDayOrTime(body, edit, clock)) : edits)
}

const isDate = (edit: FieldEdit) => matchLabel(edit.label, ACTIVITY_LABELS, NOT_ACTIVITY_LABELS) === 'date'

/** 日期=9月21日 时间=下午4点 in one #修改: one value for the row, the day with its time. */
function oneDateEdit(edits: readonly FieldEdit[]): readonly FieldEdit[] {
  const dates = edits.filter(isDate)
  if (dates.length < 2) return edits
  return [...edits.filter((edit) => !isDate(edit)), { label: dates[0]!.label, value: dates.map((edit) => edit.value).join(' ') }]
}

function keepingDayOrTime(body: string, edit: FieldEdit, clock: ParseClock): FieldEdit {
  if (!isDate(edit)) return edit
  const before = splitFields(body, ACTIVITY_LABELS, ACTIVITY_EDITS).entries.find((entry) => entry.key === 'date')
  const [was, now] = [before && findDateInText(before.value, clock), findDateInText(edit.value, clock)]
  if (!was?.ok || was.timeOnly || !now?.ok) return edit
  if (now.timeOnly) return { ...edit, value: `${was.date} ${edit.value}` }
  return now.time === undefined && was.time !== undefined ? { ...edit, value: `${edit.value} ${was.time}` } : edit
}

export function editOpinionText(body: string, edits: readonly FieldEdit[]): EditResult {
  return editLabelled(OPINION_TABLE, body, edits)
}

export function editProposalText(body: string, edits: readonly FieldEdit[]): EditResult {
  return editLabelled(PROPOSAL_TABLE, body, edits)
}

export const proposalToText = (fields: ProposalFields): string => toLabelledText(PROPOSAL_TABLE, fields)

/** A stored activity written back in the labelled form the parser reads: its time with its date (时间：2022-09-19 15:00). */
export function activityToText(fields: ActivityFields): string {
  return toLabelledText(ACTIVITY_TABLE, { ...fields, date: fields.time ? `${fields.date} ${fields.time}` : fields.date })
}

export const opinionToText = (fields: OpinionFields): string => toLabelledText(OPINION_TABLE, fields)
