// What a kind's figures count, as data: one row per figure. The stats service builds one
// grouped query per table from it; the digest sentence and the ledger's 汇总 rows are written
// from the same rows, so a new kind counted this way adds its rows here and nothing elsewhere.
import type { FieldTable } from '../parsing/field-table.js'

/** Which of a kind's live records in the period a figure counts (by the record's own date). */
export type FigureWhere<T extends FieldTable> =
  /** The field is filled (a report with 采纳 written is an adopted one). */
  | { filled: T['rows'][number]['key'] }
  /** The field has this value (口头 among the speeches). */
  | { equals: readonly [field: T['rows'][number]['key'], value: string] }

export interface FigureRow<T extends FieldTable = FieldTable> {
  /** Its key in the figures every digest, `stats` and ledger reads. */
  key: string
  /** How the digest names it: 调研报告 3 篇（被采纳 1 篇）. */
  name: string
  /** Its row in the ledger's 汇总 sheet. */
  label: string
  /** Every live record when absent. */
  where?: FigureWhere<T>
}

export interface FigureTable<T extends FieldTable = FieldTable> {
  /** The records' table (the Prisma model). */
  model: string
  /** The first row counts every record; the others, the records among them that are so. */
  rows: readonly [FigureRow<T>, ...FigureRow<T>[]]
}
