import type { FieldTable } from '../parsing/field-table.js'
import { clip, dateWithWeekday } from './records.js'

/** Authors as stored: the first is the lead, members not found in the room kept as written. */
export interface NamedAuthor {
  name: string
  isLead: boolean
  memberId: number | null
}

/** 王芳（牵头）、李明（群里没找到：李明，按原文记录） */
export function authorsText(authors: readonly NamedAuthor[], leadWord: string): string {
  const names = authors.map((a) => `${a.name}${a.isLead && authors.length > 1 ? `（${leadWord}）` : ''}`).join('、')
  const unknown = authors.filter((a) => a.memberId === null).map((a) => a.name)
  return `${clip(names, 100)}${unknown.length ? `（群里没找到：${clip(unknown.join('、'), 60)}，按原文记录）` : ''}`
}

/** A kind's template for #帮助 and a draft's reply: `#命令`, then each row with an example, under its first label, in the table's order. */
export function templateOf(command: string, table: FieldTable): string {
  return [`#${command}`, ...table.rows.flatMap((row) => (row.example && row.labels[0] ? [`${row.labels[0]}：${row.example}`] : []))].join('\n')
}

/**
 * A record of a table-driven kind as stored, one row a line in the table's order, with the
 * rows' own names: long texts clipped, the date with its weekday, the names with the lead.
 */
export function tableLines(table: FieldTable, values: Readonly<Record<string, unknown>>, authors: readonly NamedAuthor[], leadWord = '牵头'): string[] {
  return table.rows.flatMap((row) => {
    const value = values[row.key]
    if (row.value.type === 'names') return authors.length > 0 ? [`${row.name}：${authorsText(authors, leadWord)}`] : []
    if (value === undefined || value === null || value === '') return []
    if (row.value.type === 'date') return [`${row.name}：${dateWithWeekday(String(value))}`]
    return [`${row.name}：${clip(Array.isArray(value) ? value.join('、') : String(value), row.value.type === 'longText' ? 80 : 100)}`]
  })
}
