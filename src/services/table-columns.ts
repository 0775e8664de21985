// A table-driven kind keeps each field of its table in a column of the same name; its list of
// names goes to the record's people (authors) instead. Derived here once, so a row added to a
// table is stored, read back for #修改 and filed, or its kind's service does not compile (StoredIn).
import type { AlwaysPresent, FieldTable, FieldsOf, Row, ValueOf } from '../parsing/field-table.js'

type ColumnRow<T extends FieldTable> = Exclude<Row<T>, { value: { type: 'names' } }>

/** The record's columns for a kind's fields: every row but the names; an optional one null when not written. */
export type ColumnsOf<T extends FieldTable> = {
  [R in ColumnRow<T> as R['key']]: AlwaysPresent<R> extends true ? ValueOf<R['value']> : ValueOf<R['value']> | null
}

/** The columns of T that the model M lacks, or holds as another type. */
type Unstored<T extends FieldTable, M> = {
  [K in keyof ColumnsOf<T>]: K extends keyof M ? (ColumnsOf<T>[K] extends M[K] ? never : K) : K
}[keyof ColumnsOf<T>]

/**
 * The table itself when the model M stores each of its columns; else a type naming those it
 * does not: `const TABLE: StoredIn<typeof X_TABLE, X> = X_TABLE` compiles only for a table the
 * model can hold (a spread into Prisma's create data would not be checked).
 */
export type StoredIn<T extends FieldTable, M> = [Unstored<T, M>] extends [never] ? T : { columnsTheModelLacks: Unstored<T, M> }

const isColumn = (row: FieldTable['rows'][number]) => row.value.type !== 'names'

export function columnsOf<T extends FieldTable>(table: T, fields: FieldsOf<T>): ColumnsOf<T> {
  const written = fields as Record<string, unknown>
  return Object.fromEntries(table.rows.filter(isColumn).map((row) => [row.key, written[row.key] ?? null])) as ColumnsOf<T>
}

/**
 * A stored record as its kind's fields again (what #修改 edits and the ledger files): its
 * columns, empty ones left out, and its people's names as written.
 */
export function fieldsOf<T extends FieldTable>(table: T, record: Record<string, unknown>, names: string[]): FieldsOf<T> {
  const fields: Record<string, unknown> = { dateDefaulted: false }
  for (const row of table.rows) {
    const stored = record[row.key] ?? null
    if (!isColumn(row)) fields[row.key] = names
    else if (stored !== null) fields[row.key] = stored
  }
  return fields as FieldsOf<T>
}
