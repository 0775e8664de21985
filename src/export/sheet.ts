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

/** The rows above the records: the title, then the headers. */
export const TITLE_ROW = 1
export const HEADER_ROW = 2

/** Excel refuses a cell of more than 32,767 characters; a longer text is cut and says so. */
export const CELL_LIMIT = 32_767
const CUT_NOTE = '…（超出 Excel 单元格上限，以下从略）'

function cellText(text: string): string {
  const whole = text.length <= CELL_LIMIT ? text : text.slice(0, CELL_LIMIT - CUT_NOTE.length) + CUT_NOTE
  // Records stored before text was cleaned at the door may still hold what XML cannot.
  return cleanText(whole)
}

const THIN: Partial<ExcelJS.Border> = { style: 'thin' }
const BORDERS: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN }

/** 9 is A4 in Excel's paper sizes (exceljs declares them as a const enum, out of reach here). */
const A4 = 9 as ExcelJS.PaperSize

/**
 * A sheet the way a secretary files it: a title over the table, Chinese headers in bold under
 * it, thin borders round every cell of the table, long texts wrapped, the headers frozen and
 * filtered, a bold totals row under the records; printed on A4 landscape, one page wide, the
 * headers again on every page and the page number at the foot.
 */
export function addTable(
  workbook: ExcelJS.Workbook,
  name: string,
  title: string,
  columns: Column[],
  rows: (string | number | Date | null)[][],
  totals?: (string | number | Date | null)[],
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW }],
    pageSetup: {
      paperSize: A4,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
  })
  sheet.columns = columns.map((c) => ({ width: c.width, ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}) }))
  const last = columns.length

  const titleRow = sheet.getRow(TITLE_ROW)
  titleRow.getCell(1).value = cellText(title)
  if (last > 1) sheet.mergeCells(TITLE_ROW, 1, TITLE_ROW, last)
  titleRow.height = 30
  titleRow.getCell(1).font = { bold: true, size: 16 }
  titleRow.getCell(1).alignment = { vertical: 'middle', horizontal: 'center' }

  const header = sheet.getRow(HEADER_ROW)
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1)
    cell.value = c.header
    cell.font = { bold: true }
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true }
    cell.border = BORDERS
  })

  const framed = (row: ExcelJS.Row, bold: boolean) => {
    for (let c = 1; c <= last; c++) {
      const cell = row.getCell(c)
      cell.border = BORDERS
      cell.alignment = { vertical: 'top', wrapText: true }
      if (bold) cell.font = { bold: true }
    }
  }
  for (const row of rows) framed(sheet.addRow(row.map((cell) => (typeof cell === 'string' ? cellText(cell) : cell))), false)
  sheet.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW + rows.length, column: last } }
  if (totals) framed(sheet.addRow(totals), true)
  return sheet
}
