import { describe, expect, it } from 'vitest'
import { postgresAdminUrl } from './pg.js'
import { postgresAfterMigration, sqliteAfterMigration } from './earlier-migrations.js'

/** The migration that gives each step its report's room and withdrawn flag. */
const ADDED = '20261203011615_opinion_event_room'
const PG_ADDED = '20261203011626_opinion_event_room'

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
    const rows = (await sqliteAfterMigration(ADDED, OLD_BOOK, STEPS)) as { id: number; roomId: number; reportWithdrawn: number }[]
    expect(rows.map((r) => ({ ...r, reportWithdrawn: r.reportWithdrawn === 1 }))).toEqual(EXPECTED)
  })

  it.runIf(postgresAdminUrl)('copies them on PostgreSQL too', async () => {
    expect(await postgresAfterMigration(PG_ADDED, OLD_BOOK, STEPS)).toEqual(EXPECTED)
  })
})
