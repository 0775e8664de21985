import { createHash, randomUUID } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { PROJECT_ROOT } from '../project-root.js'

export const MIGRATIONS_DIR = resolve(PROJECT_ROOT, 'prisma/migrations')

/**
 * Applies committed Prisma migrations that the database has not seen, in-process.
 * It writes Prisma's own `_prisma_migrations` bookkeeping (same checksum), so
 * `prisma migrate status` and `prisma migrate deploy` agree with it; spawning the CLI
 * would cost ~2 s on every start and every test database.
 */
export function migrateSqlite(filePath: string, migrationsDir = MIGRATIONS_DIR): string[] {
  const db = new Database(filePath)
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('busy_timeout = 5000')
    db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" TEXT PRIMARY KEY NOT NULL,
      "checksum" TEXT NOT NULL,
      "finished_at" DATETIME,
      "migration_name" TEXT NOT NULL,
      "logs" TEXT,
      "rolled_back_at" DATETIME,
      "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
      "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
    )`)
    const done = new Set(
      db
        .prepare(
          'SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
        )
        .all()
        .map((row) => (row as { name: string }).name),
    )
    const pending = listMigrations(migrationsDir).filter((name) => !done.has(name))
    for (const name of pending) {
      const sql = readFileSync(join(migrationsDir, name, 'migration.sql'), 'utf8')
      const checksum = createHash('sha256').update(sql).digest('hex')
      const startedAt = new Date().toISOString()
      db.transaction(() => {
        db.exec(sql)
        db.prepare(
          `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES (?, ?, ?, ?, ?, 1)`,
        ).run(randomUUID(), checksum, new Date().toISOString(), name, startedAt)
      })()
    }
    // Keeps the planner's statistics fresh, so digests use the date indexes (cheap when nothing changed).
    db.pragma('optimize')
    return pending
  } finally {
    db.close()
  }
}

function listMigrations(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
}
