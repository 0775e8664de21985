import { createHash, randomUUID } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { PROJECT_ROOT } from '../project-root.js'

export const MIGRATIONS_DIR = resolve(PROJECT_ROOT, 'prisma/migrations')
export const PG_MIGRATIONS_DIR = resolve(PROJECT_ROOT, 'prisma/postgres/migrations')

/**
 * What the migrator needs of a database. Both keep Prisma's own `_prisma_migrations`
 * bookkeeping (same checksum), so `prisma migrate status` and `deploy` agree with us; spawning
 * the CLI would cost ~2 s on every start and every test database.
 */
interface MigrationTarget {
  /** Creates the bookkeeping table if missing; names of the migrations already applied. */
  applied(): Promise<Set<string>>
  /** Runs one migration's SQL and records it, in one transaction. */
  apply(name: string, sql: string, checksum: string): Promise<void>
  close(): Promise<void>
}

const BOOKKEEPING = (types: { id: string; checksum: string; time: string; name: string; now: string }) => `
  CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" ${types.id} PRIMARY KEY NOT NULL,
    "checksum" ${types.checksum} NOT NULL,
    "finished_at" ${types.time},
    "migration_name" ${types.name} NOT NULL,
    "logs" TEXT,
    "rolled_back_at" ${types.time},
    "started_at" ${types.time} NOT NULL DEFAULT ${types.now},
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
  )`
const APPLIED = 'SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL'

function sqliteTarget(file: string): MigrationTarget {
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('busy_timeout = 5000')
  return {
    applied: async () => {
      db.exec(BOOKKEEPING({ id: 'TEXT', checksum: 'TEXT', time: 'DATETIME', name: 'TEXT', now: 'current_timestamp' }))
      return new Set(db.prepare(APPLIED).all().map((row) => (row as { name: string }).name))
    },
    apply: async (name, sql, checksum) => {
      const startedAt = new Date().toISOString()
      db.transaction(() => {
        db.exec(sql)
        db.prepare(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)`,
        ).run(randomUUID(), checksum, new Date().toISOString(), name, startedAt)
      })()
    },
    close: async () => {
      // Keeps the planner's statistics fresh, so digests use the date indexes (cheap when nothing changed).
      db.pragma('optimize')
      db.close()
    },
  }
}

/** Any number: several bot accounts may start against one database; one migrates at a time. */
const PG_LOCK = 72_707_369

async function postgresTarget(connectionString: string): Promise<MigrationTarget> {
  // Loaded only for PostgreSQL: the embedded SQLite setup does not load the driver.
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString })
  await client.connect()
  await client.query('SELECT pg_advisory_lock($1)', [PG_LOCK])
  return {
    applied: async () => {
      await client.query(BOOKKEEPING({ id: 'VARCHAR(36)', checksum: 'VARCHAR(64)', time: 'TIMESTAMPTZ', name: 'VARCHAR(255)', now: 'now()' }))
      return new Set((await client.query<{ name: string }>(APPLIED)).rows.map((row) => row.name))
    },
    apply: async (name, sql, checksum) => {
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
    },
    close: async () => {
      await client.query('SELECT pg_advisory_unlock($1)', [PG_LOCK]).catch(() => undefined)
      await client.end()
    },
  }
}

function listMigrations(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
}

async function migrate(target: MigrationTarget, migrationsDir: string): Promise<string[]> {
  try {
    const done = await target.applied()
    const pending = listMigrations(migrationsDir).filter((name) => !done.has(name))
    for (const name of pending) {
      const sql = readFileSync(join(migrationsDir, name, 'migration.sql'), 'utf8')
      await target.apply(name, sql, createHash('sha256').update(sql).digest('hex'))
    }
    return pending
  } finally {
    await target.close()
  }
}

/** Applies the committed SQLite migrations the file has not seen (the file is created if missing). */
export const migrateSqlite = (file: string, migrationsDir = MIGRATIONS_DIR): Promise<string[]> => migrate(sqliteTarget(file), migrationsDir)

/** Applies the committed PostgreSQL migrations (prisma/postgres/migrations) the database has not seen. */
export const migratePostgres = async (connectionString: string, migrationsDir = PG_MIGRATIONS_DIR): Promise<string[]> =>
  migrate(await postgresTarget(connectionString), migrationsDir)
