import { createHash, randomUUID } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import pg from 'pg'
import { PROJECT_ROOT } from '../project-root.js'

export const PG_MIGRATIONS_DIR = resolve(PROJECT_ROOT, 'prisma/postgres/migrations')

/** Any number: several bot accounts may start against one database; one migrates at a time. */
const LOCK = 72_707_369

/**
 * The PostgreSQL twin of migrateSqlite: applies the committed migrations under
 * prisma/postgres/migrations that the database has not seen, each in a transaction, and
 * records them in Prisma's own `_prisma_migrations`.
 */
export async function migratePostgres(connectionString: string, migrationsDir = PG_MIGRATIONS_DIR): Promise<string[]> {
  const client = new pg.Client({ connectionString })
  await client.connect()
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK])
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`)
    const done = new Set(
      (
        await client.query<{ name: string }>(
          'SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
        )
      ).rows.map((row) => row.name),
    )
    const pending = readdirSync(migrationsDir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && existsSync(join(migrationsDir, e.name, 'migration.sql')))
      .map((e) => e.name)
      .sort()
      .filter((name) => !done.has(name))
    for (const name of pending) {
      const sql = readFileSync(join(migrationsDir, name, 'migration.sql'), 'utf8')
      const checksum = createHash('sha256').update(sql).digest('hex')
      await client.query('BEGIN')
      try {
        await client.query(sql)
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`,
          [randomUUID(), checksum, name],
        )
        await client.query('COMMIT')
      } catch (error) {
        await client.query('ROLLBACK')
        throw error
      }
    }
    return pending
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK]).catch(() => undefined)
    await client.end()
  }
}
