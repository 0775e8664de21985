// The parts a kind read wholly from its field table gets for free: parsing, #修改 text, and
// ledger columns in the table's order.
import type { Column } from '../export/sheet.js'
import { excelDate } from '../export/sheet.js'
import { editLabelled, parseLabelled, toLabelledText, type FieldRow, type FieldTable, type FieldsOf } from '../parsing/field-table.js'
import type { Cell } from './kind.js'

export const COUNT = '#,##0'
export const DATE = 'yyyy-mm-dd'

export function tableParts<T extends FieldTable>(table: T) {
  return {
    parse: (text: string, clock: Parameters<typeof parseLabelled>[2]) => parseLabelled(table, text, clock),
    editText: (body: string, edits: Parameters<typeof editLabelled>[2]) => editLabelled(table, body, edits),
    toText: (fields: FieldsOf<T>) => toLabelledText(table, fields),
  }
}

/** A field's ledger column: its header, width, and a date or count format. */
export function fieldColumn(row: FieldRow): Column {
  const numFmt = row.value.type === 'date' ? DATE : row.value.type === 'count' ? COUNT : undefined
  return { header: row.sheet?.header ?? row.name, width: row.sheet?.width ?? 12, ...(numFmt ? { numFmt } : {}) }
}

/** A field's cell: dates as Excel dates, lists joined, missing values empty. */
export function fieldCell(row: FieldRow, value: unknown): Cell {
  if (value === undefined || value === null || value === '') return null
  if (row.value.type === 'date') return excelDate(String(value))
  if (Array.isArray(value)) return value.length > 0 ? value.join('、') : null
  return typeof value === 'number' ? value : String(value)
}

const ROOM_COLUMN: Column = { header: '会客厅/工作室', width: 14 }

/**
 * A sheet of every field with a column, in the table's order after 编号, 日期 and the room, then
 * who recorded it.
 */
export function tableSheetColumns(table: FieldTable): { columns: Column[]; cells: (values: Readonly<Record<string, unknown>>, code: string, roomName: string, reporter: string) => Cell[] } {
  const date = table.rows.find((r) => r.value.type === 'date')!
  const rest = table.rows.filter((r) => r.sheet && r !== date)
  return {
    columns: [{ header: '编号', width: 7 }, fieldColumn(date), ROOM_COLUMN, ...rest.map(fieldColumn), { header: '记录人', width: 8 }],
    cells: (values, code, roomName, reporter) => [code, fieldCell(date, values[date.key]), roomName, ...rest.map((r) => fieldCell(r, values[r.key])), reporter],
  }
}
