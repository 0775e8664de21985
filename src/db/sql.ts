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

/**
 * A one-row SELECT and some rows beside it, in one statement: `head`'s columns on every row of
 * `rows` (whose columns carry a prefix, so names do not clash), or once with NULLs when there
 * are none. For the paths every message takes, where each statement is a trip through the
 * client; splitBeside takes the result apart.
 */
export function besideRows(head: Prisma.Sql, rows: Prisma.Sql | undefined): Prisma.Sql {
  return rows ? Prisma.sql`SELECT h.*, g.* FROM (${head}) h LEFT JOIN (${rows}) g ON true` : head
}

/**
 * besideRows' result as its head (the columns without `prefix`; undefined when the head
 * matched nothing) and the rows beside it, prefix taken off; a row whose `prefix` + `key` column
 * is NULL is the one standing for none.
 */
export function splitBeside(joined: readonly Record<string, unknown>[], prefix: string, key = 'id') {
  const head: Record<string, unknown> | undefined = joined[0] && Object.fromEntries(Object.entries(joined[0]).filter(([column]) => !column.startsWith(prefix)))
  const rows = joined
    .filter((row) => row[prefix + key] !== null && row[prefix + key] !== undefined)
    .map((row) => Object.fromEntries(Object.entries(row).filter(([column]) => column.startsWith(prefix)).map(([column, value]) => [column.slice(prefix.length), value])))
  return { head, rows }
}
