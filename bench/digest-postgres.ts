import Database from 'better-sqlite3'
import pg from 'pg'
import { openDatabase } from '../src/db/client.js'
import { migratePostgres } from '../src/db/migrate.js'
import { periodOf } from '../src/parsing/mod.js'
import { buildCrossRoomDigest, buildDigest } from '../src/services/digest.js'
import { baselineGroupBy, median } from './digest.js'

export interface PostgresDigestResult {
  rows: number
  copySeconds: number
  baselineMs: number
  roomYearMs: number
  crossRoomMs: number
  roomYearRatio: number
  crossRoomRatio: number
}

/** Rows per INSERT … SELECT FROM unnest(…): one round trip and one parameter per column. */
const CHUNK = 20_000

/** How PostgreSQL names each column type, as the array type unnest is given. */
const ARRAY_TYPES: Record<string, string> = {
  integer: 'int4[]',
  bigint: 'int8[]',
  text: 'text[]',
  boolean: 'bool[]',
  'double precision': 'float8[]',
  'timestamp without time zone': 'timestamp(3)[]',
}

/**
 * Copies every table of the generated SQLite book (records and the monthly rows counted from
 * them) into a PostgreSQL database migrated like the bot's, so both engines read the same rows.
 */
async function copyBook(book: string, client: pg.Client): Promise<number> {
  const sqlite = new Database(book, { readonly: true })
  let copied = 0
  try {
    const tables = sqlite
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_%' ESCAPE '\\'`)
      .pluck()
      .all() as string[]
    for (const table of tables) {
      const { rows: columns } = await client.query<{ column_name: string; data_type: string }>(
        `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
        [table],
      )
      if (columns.length === 0) continue
      const names = columns.map((c) => c.column_name)
      const types = columns.map((c) => {
        const type = ARRAY_TYPES[c.data_type]
        if (!type) throw new Error(`${table}.${c.column_name}: no array type for ${c.data_type}`)
        return type
      })
      const insert = `INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(', ')})
        SELECT * FROM unnest(${types.map((t, i) => `$${i + 1}::${t}`).join(', ')})`
      const read = sqlite.prepare(`SELECT ${names.map((n) => `"${n}"`).join(', ')} FROM "${table}"`).raw()
      let chunk: unknown[][] = names.map(() => [])
      const flush = async () => {
        if (chunk[0]!.length === 0) return
        copied += chunk[0]!.length
        await client.query(insert, chunk)
        chunk = names.map(() => [])
      }
      for (const row of read.iterate() as IterableIterator<unknown[]>) {
        row.forEach((value, i) => chunk[i]!.push(types[i] === 'bool[]' && value !== null ? value === 1 : value))
        if (chunk[0]!.length === CHUNK) await flush()
      }
      await flush()
    }
  } finally {
    sqlite.close()
  }
  // As autovacuum leaves a table some time after a load: visibility map set, so index-only scans stay index-only.
  await client.query('VACUUM ANALYZE')
  return copied
}

/**
 * The digest rows on PostgreSQL: the same generated book in a database of its own on the server
 * `adminUrl` names (its user may create databases), dropped when done; the baseline is the same
 * hand-written GROUP BY, run on that server.
 */
export async function benchDigestPostgres(book: string, lastYear: number, rooms: number, adminUrl: string): Promise<PostgresDigestResult> {
  const name = `cppcc_bench_${process.pid}_${Date.now()}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  try {
    await migratePostgres(url.toString())
    const client = new pg.Client({ connectionString: url.toString() })
    await client.connect()
    let rows: number
    let copySeconds: number
    let baselineMs: number
    const period = periodOf('year', lastYear, 1)
    try {
      const t0 = performance.now()
      rows = await copyBook(book, client)
      copySeconds = (performance.now() - t0) / 1000
      baselineMs = await median(5, () =>
        client.query(baselineGroupBy((n) => `$${n}`), [period.from, period.to]),
      )
    } finally {
      await client.end()
    }
    const db = await openDatabase(url.toString())
    try {
      const all = await db.room.findMany({ orderBy: { id: 'asc' } })
      await buildDigest(db, [1], period) // warm-up: connections and plans
      const roomYearMs = await median(5, () => buildDigest(db, [1 + Math.floor(rooms / 2)], period))
      const crossRoomMs = await median(3, () => buildCrossRoomDigest(db, all, period))
      return { rows, copySeconds, baselineMs, roomYearMs, crossRoomMs, roomYearRatio: roomYearMs / baselineMs, crossRoomRatio: crossRoomMs / baselineMs }
    } finally {
      await db.$disconnect()
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin.end()
  }
}
