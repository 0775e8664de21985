// Field labels members use in activity messages, by canonical key: the rows of the activity's
// field table (src/domain/activity.ts), plus 内容, which the parser reads as the narrative.
import { ACTIVITY_ROWS } from '../domain/activity.js'
import type { LabelTable } from './labels.js'

export { NOT_ACTIVITY_LABELS } from '../domain/activity.js'

type RowKey = Exclude<(typeof ACTIVITY_ROWS)[number]['key'], 'time'>
export type ActivityKey = RowKey | 'content'

const labelsOf = (key: RowKey) => ACTIVITY_ROWS.find((r) => r.key === key)!.labels

export const ACTIVITY_LABELS: LabelTable<ActivityKey> = {
  date: labelsOf('date'),
  title: labelsOf('title'),
  type: labelsOf('type'),
  place: labelsOf('place'),
  memberNames: labelsOf('memberNames'),
  memberCount: labelsOf('memberCount'),
  participants: labelsOf('participants'),
  reach: labelsOf('reach'),
  partners: labelsOf('partners'),
  brand: labelsOf('brand'),
  note: labelsOf('note'),
  content: ['内容', '活动内容', '活动情况', '情况', '简介', '活动简介', '简要情况'],
}

/** Chinese field names used in problems and warnings. */
export const ACTIVITY_FIELD_NAMES: Readonly<Record<string, string>> = Object.fromEntries(ACTIVITY_ROWS.map((r) => [r.key, r.name]))
