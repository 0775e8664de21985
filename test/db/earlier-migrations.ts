import { cpSync, mkdtempSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { expect } from 'vitest'
import { MIGRATIONS_DIR, PG_MIGRATIONS_DIR, migratePostgres, migrateSqlite } from '../../src/db/migrate.js'
import { emptyPostgres } from './pg.js'

/**
 * The migrations a deployment had before `added` (a migration folder's name), copied from
 * `from` to a folder of their own: migrate a database with them, write rows the old way, then
 * migrate it fully to see what the added migration does with them.
 */
export function earlierMigrations(from: string, added: string): string {
  const dir = join(mkdtempSync(join(process.env.TEST_TMP_DIR!, 'migrations-')), 'migrations')
  for (const name of readdirSync(from).filter((n) => n < added.slice(0, 14))) cpSync(join(from, name), join(dir, name), { recursive: true })
  return dir
}

/**
 * A SQLite file as a deployment had it before `added`, with `oldBook` written to it (`false`
 * and `true` as SQLite stores them), migrated to now: the rows `query` reads afterwards.
 */
export async function sqliteAfterMigration(added: string, oldBook: string[], query: string): Promise<unknown[]> {
  const file = join(mkdtempSync(join(process.env.TEST_TMP_DIR!, 'old-')), 'old.db')
  await migrateSqlite(file, earlierMigrations(MIGRATIONS_DIR, added))
  const old = new Database(file)
  for (const sql of oldBook) old.exec(sql.replace(/\bfalse\b/g, '0').replace(/\btrue\b/g, '1'))
  old.close()
  expect(await migrateSqlite(file)).toContain(added)
  const db = new Database(file, { readonly: true })
  try {
    return db.prepare(query).all()
  } finally {
    db.close()
  }
}

/** The same on a new database of the test server (test/db/pg.ts), dropped after the file's tests. */
export async function postgresAfterMigration(added: string, oldBook: string[], query: string): Promise<unknown[]> {
  const url = await emptyPostgres()
  await migratePostgres(url, earlierMigrations(PG_MIGRATIONS_DIR, added))
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    for (const sql of oldBook) await client.query(sql)
    expect(await migratePostgres(url)).toContain(added)
    return (await client.query(query)).rows
  } finally {
    await client.end()
  }
}
