// Rows every table-driven kind shares, so 日期 or 作者 reads the same in each kind.
import type { FieldRow } from '../parsing/field-table.js'

export { CONTACT_LABELS } from '../parsing/labels.js'

export const dateRow = (labels: readonly string[], example?: string) =>
  ({ key: 'date', name: '日期', labels: ['日期', ...labels], value: { type: 'date' }, sheet: { width: 11 }, ...(example ? { example } : {}) }) as const satisfies FieldRow

export const contentRow = (labels: readonly string[], sheet: { header: string; width: number }, example?: string) =>
  ({ key: 'content', name: '内容', labels: ['内容', ...labels], value: { type: 'longText' }, sheet, ...(example ? { example } : {}) }) as const satisfies FieldRow
