import type ExcelJS from 'exceljs'
import { cleanText } from '../parsing/clean.js'

export interface Column {
  header: string
  /** Not 9: exceljs takes 9 for its default and leaves such a column's width out of the file. */
  width: number
  /** Excel number format, e.g. 'yyyy-mm-dd' for dates, '#,##0' for counts. */
  numFmt?: string
}

/** 2022-09-19 → a real Excel date (a calendar date: no time zone to shift it). */
export function excelDate(ymd: string | null | undefined): Date | null {
  if (!ymd) return null
  const [y, m, d] = ymd.split('-').map(Number)
  return new Date(Date.UTC(y!, m! - 1, d!))
}

/**
 * A sheet the way a secretary expects it: Chinese headers in bold, the header row frozen,
 * an auto-filter over the table, column widths that fit, and a bold totals row under it.
 */
export function addTable(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: Column[],
  rows: (string | number | Date | null)[][],
  totals?: (string | number | null)[],
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width, ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}) }))
  sheet.getRow(1).font = { bold: true }
  sheet.getRow(1).alignment = { vertical: 'middle', horizontal: 'center' }
  // Records stored before text was cleaned at the door may still hold what XML cannot.
  for (const row of rows) sheet.addRow(row.map((cell) => (typeof cell === 'string' ? cleanText(cell) : cell)))
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + rows.length, column: columns.length } }
  if (totals) {
    const row = sheet.addRow(totals)
    row.font = { bold: true }
  }
  return sheet
}
