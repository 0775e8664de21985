import { createHash } from 'node:crypto'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS_DIR, migrateSqlite } from '../../src/db/migrate.js'

describe('migrateSqlite', () => {
  it('applies every committed migration once, in WAL mode, with Prisma-compatible checksums', async () => {
    const file = join(process.env.TEST_TMP_DIR!, `migrate-${Date.now()}.db`)
    const names = readdirSync(MIGRATIONS_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()
    expect(await migrateSqlite(file)).toEqual(names)
    expect(await migrateSqlite(file)).toEqual([])

    const db = new Database(file, { readonly: true })
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    const rows = db.prepare('SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name').all() as {
      migration_name: string
      checksum: string
      finished_at: string | null
    }[]
    expect(rows.map((r) => r.migration_name)).toEqual(names)
    for (const row of rows) {
      const sql = readFileSync(join(MIGRATIONS_DIR, row.migration_name, 'migration.sql'))
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'))
      expect(row.finished_at).not.toBeNull()
    }
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type='table'").all().map((r) => (r as { name: string }).name)
    expect(tables).toEqual(expect.arrayContaining(['Room', 'Member', 'RoomMembership', 'MessageLog', 'OutboxMessage']))
    db.close()
  })
})
