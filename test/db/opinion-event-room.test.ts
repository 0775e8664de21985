import { cpSync, mkdtempSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import Database from 'better-sqlite3'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS_DIR, PG_MIGRATIONS_DIR, migratePostgres, migrateSqlite } from '../../src/db/migrate.js'
import { postgresAdminUrl } from './pg.js'

/** The migration that gives each step its report's room and withdrawn flag. */
const ADDED = '20261203011615_opinion_event_room'
const PG_ADDED = '20261203011626_opinion_event_room'

/** The migrations a deployment had before it, copied to a folder of their own. */
function earlierMigrations(from: string): string {
  const dir = join(mkdtempSync(join(process.env.TEST_TMP_DIR!, 'steps-')), 'migrations')
  for (const name of readdirSync(from).filter((n) => n < ADDED.slice(0, 14))) cpSync(join(from, name), join(dir, name), { recursive: true })
  return dir
}

const OLD_BOOK = [
  `INSERT INTO "Room" (id, name, kind, topic, "updatedAt") VALUES (1, '健康家园会客厅', '会客厅', '健康群', '2022-09-01'), (2, '东海论健工作室', '工作室', '东海群', '2022-09-01')`,
  `INSERT INTO "OpinionReport" (id, code, "roomId", date, title, "reporterName", "sourceMessageId", "rawText", withdrawn, "updatedAt")
   VALUES (1, 'M1', 1, '2022-09-01', '民意一', '王芳', 'm1', '', false, '2022-09-01'), (2, 'M2', 2, '2022-09-02', '民意二', '李明', 'm2', '', true, '2022-09-01')`,
  `INSERT INTO "OpinionEvent" (id, "reportId", kind, level, date, "actorName") VALUES (1, 1, 'adopted', 'city', '2022-09-05', '王芳'), (2, 2, 'resolved', NULL, '2022-09-06', '王芳'), (3, 1, 'resolved', NULL, '2022-09-07', '王芳')`,
]
const EXPECTED = [
  { id: 1, roomId: 1, reportWithdrawn: false },
  { id: 2, roomId: 2, reportWithdrawn: true },
  { id: 3, roomId: 1, reportWithdrawn: false },
]
const STEPS = `SELECT id, "roomId", "reportWithdrawn" FROM "OpinionEvent" ORDER BY id`

describe('the migration that gives report steps their room', () => {
  it('copies each existing step’s room and withdrawn flag from its report (SQLite)', async () => {
    const file = join(mkdtempSync(join(process.env.TEST_TMP_DIR!, 'steps-')), 'old.db')
    await migrateSqlite(file, earlierMigrations(MIGRATIONS_DIR))
    const old = new Database(file)
    for (const sql of OLD_BOOK) old.exec(sql.replace(/\bfalse\b/g, '0').replace(/\btrue\b/g, '1'))
    old.close()
    expect(await migrateSqlite(file)).toContain(ADDED)
    const db = new Database(file, { readonly: true })
    const rows = (db.prepare(STEPS).all() as { id: number; roomId: number; reportWithdrawn: number }[]).map((r) => ({ ...r, reportWithdrawn: r.reportWithdrawn === 1 }))
    db.close()
    expect(rows).toEqual(EXPECTED)
  })

  it.runIf(postgresAdminUrl)('copies them on PostgreSQL too', async () => {
    const name = `cppcc_steps_${randomUUID().replace(/-/g, '').slice(0, 12)}`
    const admin = new pg.Client({ connectionString: postgresAdminUrl })
    await admin.connect()
    await admin.query(`CREATE DATABASE ${name}`)
    const url = new URL(postgresAdminUrl!)
    url.pathname = `/${name}`
    try {
      await migratePostgres(url.toString(), earlierMigrations(PG_MIGRATIONS_DIR))
      const client = new pg.Client({ connectionString: url.toString() })
      await client.connect()
      for (const sql of OLD_BOOK) await client.query(sql)
      expect(await migratePostgres(url.toString())).toContain(PG_ADDED)
      expect((await client.query(STEPS)).rows).toEqual(EXPECTED)
      await client.end()
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await admin.end()
    }
  })
})
