import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterAll } from 'vitest'
import { openDatabase, type Db } from '../../src/db/client.js'

/**
 * PostgreSQL runs when TEST_POSTGRES_URL names a server where the user may create databases
 * (.ci/run starts one); without it the PostgreSQL tests are skipped.
 */
export const postgresAdminUrl = process.env.TEST_POSTGRES_URL

const created: string[] = []

/** The URL of a new, empty database on the test server, dropped after the file's tests. */
export async function emptyPostgres(): Promise<string> {
  const name = `cppcc_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`
  const client = new pg.Client({ connectionString: postgresAdminUrl })
  await client.connect()
  await client.query(`CREATE DATABASE ${name}`)
  await client.end()
  created.push(name)
  const url = new URL(postgresAdminUrl!)
  url.pathname = `/${name}`
  return url.toString()
}

/** A new, migrated database on the test server, dropped after the file's tests. */
export async function freshPostgres(): Promise<{ db: Db; url: string }> {
  const url = await emptyPostgres()
  return { db: await openDatabase(url), url }
}

afterAll(async () => {
  if (!postgresAdminUrl || created.length === 0) return
  const client = new pg.Client({ connectionString: postgresAdminUrl })
  await client.connect()
  for (const name of created.splice(0)) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  await client.end()
})
