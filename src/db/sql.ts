import { Prisma } from '../generated/prisma/client.js'

// Plain SQL for the paths every message takes: each ORM call costs milliseconds in Prisma's
// query compiler, a raw query a fraction of that. Written to run on SQLite and PostgreSQL.

/** A row of column values; `undefined` leaves the column to its default. */
export type ColumnValues = Record<string, unknown>

const quoted = (name: string) => Prisma.raw(`"${name}"`)

/**
 * `INSERT INTO "table" (…) VALUES (…), (…) <tail>` for rows with the same columns; the tail
 * defaults to `RETURNING *`. Table and column names come from our code, never from a
 * message; values are parameters.
 */
export function insertRows(table: string, rows: readonly ColumnValues[], tail = Prisma.sql`RETURNING *`): Prisma.Sql {
  const columns = Object.keys(rows[0]!).filter((column) => rows[0]![column] !== undefined)
  const values = rows.map((row) => Prisma.sql`(${Prisma.join(columns.map((column) => row[column] ?? null))})`)
  return Prisma.sql`INSERT INTO ${quoted(table)} (${Prisma.join(columns.map(quoted))}) VALUES ${Prisma.join(values)} ${tail}`
}
