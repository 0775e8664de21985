// `#活动 P3 …`: an activity from a plan (#预告), so members need not write again what the plan
// already says. Its draft keeps the member's words with the code, so completing it still knows the plan.
import { ACTIVITY_LABELS, NOT_ACTIVITY_LABELS } from './activity-labels.js'
import { editActivityText, parseEditPairs, wordsBeforePairs, type FieldEdit } from './edits.js'
import { matchLabel } from './labels.js'
import type { ParseClock } from './clock.js'

/** What a plan fixes of its activity. */
export interface PlanFields {
  date: string
  time: string
  title: string
  place: string | null
}

/** `P3 参与人次=30 …` → the code as written (P3, ｐ３) and what follows; undefined when the text does not start with one. */
export function planCodeAt(body: string): { code: string; rest: string } | undefined {
  // Up to 7 digits (as codes go), and no letter or digit after: P2P网贷讲座 is a title, not plan P2.
  const match = /^\s*([PpＰｐ]\s*[0-9０-９]{1,7})(?![0-9０-９A-Za-zＡ-Ｚａ-ｚ])/.exec(body)
  return match ? { code: match[1]!, rest: body.slice(match[0].length).trim() } : undefined
}

/**
 * The activity's text: the plan's date, time, title and place, each `label=value` the member
 * wrote in place of the plan's (时间=下午4点 keeps the plan's day), and the member's other words
 * as lines of their own, a `label：value` of a label no row has among them (it goes to 备注, as
 * in any activity; 效果很好：居民踊跃提问 is words, not a field to refuse).
 */
export function plannedActivityText(plan: PlanFields, rest: string, clock?: ParseClock): string {
  const base = [`时间：${plan.date} ${plan.time}`, `主题：${plan.title}`, plan.place ? `地点：${plan.place}` : ''].filter(Boolean).join('\n')
  const pairs = parseEditPairs(rest)
  const fields = pairs.filter((pair) => keyOf(pair.label) !== null)
  const edited = editActivityText(base, fields, clock)
  const text = edited.ok ? edited.text : base
  const words = [wordsBeforePairs(rest), ...pairs.filter((pair) => keyOf(pair.label) === null).map((pair) => `${pair.label}：${pair.value}`)]
  return [text, ...words].filter(Boolean).join('\n')
}

/** Labels in #修改's edits that are no activity field. */
export const unknownEditLabels = (edits: readonly FieldEdit[]): string[] => edits.filter((edit) => keyOf(edit.label) === null).map((edit) => edit.label)

const keyOf = (label: string) => matchLabel(label, ACTIVITY_LABELS, NOT_ACTIVITY_LABELS)

/** A plan draft's words with a #修改's edits added: a field written again takes the new value. */
export function withLaterEdits(rest: string, edits: readonly FieldEdit[]): string {
  const edited = new Set(edits.map((edit) => keyOf(edit.label)).filter((key) => key !== null))
  const kept = parseEditPairs(rest).filter((pair) => {
    const key = keyOf(pair.label)
    return key === null || !edited.has(key)
  })
  return [wordsBeforePairs(rest), ...[...kept, ...edits].map((pair) => `${pair.label}=${pair.value}`)].filter(Boolean).join(' ')
}
