import { describe, expect, it } from 'vitest'
import { postgresAdminUrl } from './pg.js'
import { postgresAfterMigration, sqliteAfterMigration } from './earlier-migrations.js'

/** The migration that adds the 社情民意 monthly rows (OpinionMonth) and counts them from the reports. */
const ADDED = '20261203085717_opinion_months'
const PG_ADDED = '20261203085728_opinion_months'

const OLD_BOOK = [
  `INSERT INTO "Room" (id, name, kind, topic, "updatedAt") VALUES (1, '健康家园会客厅', '会客厅', '健康群', '2022-09-01'), (2, '东海论健工作室', '工作室', '东海群', '2022-09-01')`,
  `INSERT INTO "OpinionReport" (id, code, "roomId", date, title, "reporterName", "sourceMessageId", "rawText", withdrawn, "updatedAt") VALUES
   (1, 'M1', 1, '2022-09-03', '民意一', '王芳', 'm1', '', false, '2022-09-01'),
   (2, 'M2', 1, '2022-09-20', '民意二', '王芳', 'm2', '', false, '2022-09-01'),
   (3, 'M3', 1, '2022-10-01', '民意三', '王芳', 'm3', '', false, '2022-09-01'),
   (4, 'M4', 1, '2022-10-02', '民意四', '王芳', 'm4', '', true, '2022-09-01'),
   (5, 'M5', 2, '2022-09-09', '民意五', '李明', 'm5', '', false, '2022-09-01')`,
  // Resolved later than collected: counts in the month it was collected. The withdrawn one never counts.
  `INSERT INTO "OpinionEvent" (id, "reportId", "roomId", "reportWithdrawn", kind, level, date, "actorName") VALUES
   (1, 1, 1, false, 'resolved', NULL, '2022-11-05', '秘书'),
   (2, 2, 1, false, 'adopted', 'city', '2022-09-25', '秘书'),
   (3, 4, 1, true, 'resolved', NULL, '2022-10-03', '秘书'),
   (4, 5, 2, false, 'resolved', NULL, '2022-09-10', '秘书')`,
]
const EXPECTED = [
  { roomId: 1, month: '2022-09', reports: 2, resolved: 1 },
  { roomId: 1, month: '2022-10', reports: 1, resolved: 0 },
  { roomId: 2, month: '2022-09', reports: 1, resolved: 1 },
]
const ROWS = `SELECT "roomId", month, reports, resolved FROM "OpinionMonth" ORDER BY "roomId", month`

describe('the migration that adds the 社情民意 monthly rows', () => {
  it('counts the reports and resolutions a deployment already has (SQLite)', async () => {
    expect(await sqliteAfterMigration(ADDED, OLD_BOOK, ROWS)).toEqual(EXPECTED)
  })

  it.runIf(postgresAdminUrl)('counts them on PostgreSQL too', async () => {
    expect(await postgresAfterMigration(PG_ADDED, OLD_BOOK, ROWS)).toEqual(EXPECTED)
  })
})
