import { mkdtempSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS_DIR, migrateSqlite } from '../../src/db/migrate.js'
import type { Db } from '../../src/db/client.js'
import type { ActivityFields } from '../../src/parsing/mod.js'
import { rebuildMonthlyRows, refreshActivityMonths, refreshOpinionMonths } from '../../src/services/monthly-rows.js'
import { createActivity, setActivityWithdrawn, updateActivity, type ActivityWithPeople } from '../../src/services/activities.js'
import { buildDigest } from '../../src/services/digest.js'
import { addStatus, createOpinion, removeStatus, setOpinionWithdrawn, updateOpinion, type OpinionWithHistory } from '../../src/services/opinions.js'
import type { OpinionFields } from '../../src/parsing/mod.js'
import { collectFigures } from '../../src/services/stats.js'
import { periodOf } from '../../src/parsing/mod.js'
import { freshDb, seededRandom } from '../helpers.js'
import { freshPostgres, postgresAdminUrl } from '../db/pg.js'
import { earlierMigrations } from '../db/earlier-migrations.js'

const snapshot = async (db: Db) => ({
  activities: await db.activityMonth.findMany({ orderBy: [{ roomId: 'asc' }, { month: 'asc' }, { type: 'asc' }, { brand: 'asc' }] }),
  members: await db.memberMonth.findMany({ orderBy: [{ roomId: 'asc' }, { month: 'asc' }, { key: 'asc' }] }),
  opinions: await db.opinionMonth.findMany({ orderBy: [{ roomId: 'asc' }, { month: 'asc' }] }),
})

async function randomBook(db: Db, seed: number, steps: number) {
  const rnd = seededRandom(seed)
  const rooms = [
    await db.room.create({ data: { name: '健康家园会客厅', kind: '会客厅', topic: '健康群' } }),
    await db.room.create({ data: { name: '东海论健工作室', kind: '工作室', topic: '东海群' } }),
  ]
  for (const room of rooms) {
    for (const [name, realName] of [['芳芳', '王芳'], ['李明', '李明'], ['阿强', '周强']] as const) {
      await db.member.create({ data: { name, realName, memberships: { create: { roomId: room.id, role: 'member' } } } })
    }
  }
  const names = ['王芳', '李明', '周强', '芳芳', '路人甲', '赵六']
  const draft = (): ActivityFields => {
    const memberNames = [...new Set(Array.from({ length: rnd.int(4) }, () => rnd.pick(names)))]
    return {
      date: `2022-${rnd.pick(['08', '09', '10'])}-${String(1 + rnd.int(28)).padStart(2, '0')}`,
      dateDefaulted: false,
      title: `活动${rnd.int(1000)}`,
      type: rnd.pick(['义诊', '调研', '宣讲'] as const),
      typeInferred: false,
      memberNames,
      ...(rnd.int(3) > 0 ? { participants: rnd.int(50) } : {}),
      ...(rnd.int(3) > 0 ? { reach: rnd.int(500) } : {}),
      ...(rnd.int(3) === 0 ? { memberCount: memberNames.length + rnd.int(4) } : {}),
      partners: [],
      ...(rnd.int(2) === 0 ? { brand: rnd.pick(['东海论健', '百姓健康行']) } : {}),
    }
  }
  const day = () => `2022-${rnd.pick(['08', '09', '10'])}-${String(1 + rnd.int(28)).padStart(2, '0')}`
  const opinion = (): OpinionFields => ({ title: `社情民意${rnd.int(1000)}`, date: day(), dateDefaulted: false, authorNames: [rnd.pick(names)] })
  const stored: ActivityWithPeople[] = []
  const reports: OpinionWithHistory[] = []
  const actor = { name: '秘书', key: 'k', at: new Date('2022-10-31T00:00:00Z') }
  for (let i = 0; i < steps; i++) {
    // Half the steps change a 社情民意 report: created, edited (its date may move), a step added
    // or taken back (办结 changes the resolved count of the month it was collected), withdrawn, restored.
    if (rnd.int(2) === 0) {
      const op = reports.length === 0 ? 0 : rnd.int(6)
      const source = { roomId: rnd.pick(rooms).id, reporterId: undefined, reporterName: '王芳', messageId: `r${i}`, rawText: '', sentAt: actor.at }
      if (op === 0) reports.push(await createOpinion(db, source, opinion()))
      else {
        const index = rnd.int(reports.length)
        const report = reports[index]!
        if (op === 1) reports[index] = await updateOpinion(db, report, opinion())
        else if (op === 2 || op === 3) {
          const kind = op === 2 ? 'resolved' : 'adopted'
          const added = await addStatus(db, report, { kind, ...(kind === 'adopted' ? { level: 'city' as const } : {}), date: day(), actorName: '秘书', actorKey: 'k', messageId: `s${i}`, at: actor.at })
          if (added.ok) reports[index] = added.report
        } else if (op === 4) {
          const step = report.events.length > 0 ? rnd.pick(report.events) : undefined
          if (step) {
            await removeStatus(db, report, step, actor.at)
            reports[index] = { ...report, events: report.events.filter((e) => e.id !== step.id) }
          }
        } else await setOpinionWithdrawn(db, report, rnd.int(2) === 0, actor.at)
      }
      continue
    }
    const op = stored.length === 0 ? 0 : rnd.int(4)
    if (op === 0) {
      const room = rnd.pick(rooms)
      stored.push(await createActivity(db, { roomId: room.id, reporterId: undefined, reporterName: '王芳', messageId: `m${i}`, rawText: '', sentAt: actor.at }, draft()))
    } else if (op === 1) {
      const index = rnd.int(stored.length)
      stored[index] = await updateActivity(db, stored[index]!, draft())
    } else {
      await setActivityWithdrawn(db, rnd.pick(stored), op === 2)
    }
  }
  return rooms
}

async function expectInStep(db: Db, seed: number) {
  await randomBook(db, seed, 60)
  const kept = await snapshot(db)
  expect(kept.activities.length).toBeGreaterThan(0)
  expect(kept.opinions.length).toBeGreaterThan(0)
  await rebuildMonthlyRows(db)
  expect(kept).toEqual(await snapshot(db))
}

describe.runIf(postgresAdminUrl)('monthly figures on PostgreSQL', () => {
  it('equal a full recount after a random sequence', async () => {
    const { db } = await freshPostgres()
    await expectInStep(db, 11)
  })
})

describe('monthly figures kept in step with the records', () => {
  it.each([1, 2, 3, 4, 5])('equal a full recount after a random sequence of create, edit, withdraw and restore (seed %i)', async (seed) => {
    const { db } = await freshDb()
    await expectInStep(db, seed)
  })

  it('are kept for every month touched (seed 6, shown in full)', async () => {
    const { db } = await freshDb()
    await randomBook(db, 6, 60)
    const kept = await snapshot(db)
    expect(kept.activities.length).toBeGreaterThan(0)
    await rebuildMonthlyRows(db)
    expect(kept).toEqual(await snapshot(db))
  })

  it('are left as they are by a change that touched no month', async () => {
    const { db } = await freshDb()
    const rooms = await randomBook(db, 8, 20)
    const kept = await snapshot(db)
    await refreshActivityMonths(db, rooms[0]!.id, [])
    await refreshOpinionMonths(db, rooms[0]!.id, [])
    expect(await snapshot(db)).toEqual(kept)
  })

  it('give digests the same figures as counting the records', async () => {
    const { db } = await freshDb()
    const rooms = await randomBook(db, 7, 80)
    for (const month of [8, 9, 10]) {
      const scope = { from: `2022-${String(month).padStart(2, '0')}-01`, to: `2022-${String(month).padStart(2, '0')}-${month === 9 ? '30' : '31'}` }
      for (const byRoom of [false, true]) {
        const monthly = await collectFigures(db, scope, { byRoom })
        expect(monthly).toEqual(await collectFigures(db, scope, { byRoom, fromRecords: true }))
      }
    }
    // A quarter, per room and in total, compared with the one before.
    const digest = await buildDigest(db, rooms.map((r) => r.id), periodOf('quarter', 2022, 3))
    expect(digest.figures.activities).toBeGreaterThan(0)
    const q3 = await collectFigures(db, { roomIds: rooms.map((r) => r.id), from: '2022-07-01', to: '2022-09-30' }, { fromRecords: true })
    expect(digest.figures).toEqual(q3.total)
    expect(digest.memberTimes).toBe(q3.memberTimes)
    expect(digest.unnamedMemberTimes).toBe(q3.unnamedMemberTimes)
    expect(digest.topMembers).toEqual(q3.topMembers)
    expect(digest.figures.opinions).toBeGreaterThan(0)
    const resolved = await db.opinionReport.count({
      where: { roomId: { in: rooms.map((r) => r.id) }, date: { gte: '2022-07-01', lte: '2022-09-30' }, withdrawn: false, events: { some: { kind: 'resolved' } } },
    })
    expect(resolved).toBeGreaterThan(0)
    expect(digest.collectedResolved).toBe(resolved)
  })
})

describe('the migration that adds the monthly rows', () => {
  it('counts the records a deployment already has', async () => {
    const file = join(mkdtempSync(join(process.env.TEST_TMP_DIR!, 'months-')), 'old.db')
    await migrateSqlite(file, earlierMigrations(MIGRATIONS_DIR, '20261202170839_activity_months'))
    const old = new Database(file)
    old.prepare(`INSERT INTO "Room" (id, name, kind, topic, updatedAt) VALUES (1, '健康家园会客厅', '会客厅', '健康群', 0)`).run()
    old.prepare(`INSERT INTO "Member" (id, name, updatedAt) VALUES (1, '王芳', 0)`).run()
    const activity = old.prepare(
      `INSERT INTO "Activity" (id, code, roomId, date, title, type, participants, reach, brand, memberCount, withdrawn, reporterName, sourceMessageId, rawText, updatedAt)
       VALUES (?, ?, 1, ?, '活动', ?, ?, ?, ?, ?, ?, '王芳', ?, '', 0)`,
    )
    activity.run(1, 'A1', '2022-09-03', '义诊', 20, 100, '东海论健', 6, 0, 'm1')
    activity.run(2, 'A2', '2022-09-20', '义诊', null, 50, null, null, 0, 'm2')
    activity.run(3, 'A3', '2022-10-01', '调研', 5, null, null, null, 0, 'm3')
    activity.run(4, 'A4', '2022-10-02', '调研', 99, 99, null, null, 1, 'm4') // withdrawn
    const person = old.prepare(`INSERT INTO "ActivityParticipant" (activityId, memberId, name) VALUES (?, ?, ?)`)
    person.run(1, 1, '王芳')
    person.run(1, null, '路人甲')
    person.run(2, 1, '王芳')
    person.run(4, 1, '王芳')
    old.close()

    const { openDatabase } = await import('../../src/db/client.js')
    const db = await openDatabase(`file:${file}`)
    const migrated = await snapshot(db)
    expect(migrated.activities.map(({ roomId, month, type, brand, activities, participants, reach, unnamedMemberTimes }) => [roomId, month, type, brand, activities, participants, reach, unnamedMemberTimes])).toEqual([
      [1, '2022-09', '义诊', '', 1, 0, 50, 0],
      [1, '2022-09', '义诊', '东海论健', 1, 20, 100, 4],
      [1, '2022-10', '调研', '', 1, 5, 0, 0],
    ])
    expect(migrated.members.map(({ month, key, memberId, name, times }) => [month, key, memberId, name, times])).toEqual([
      ['2022-09', 'm1', 1, '王芳', 2],
      ['2022-09', 'n路人甲', null, '路人甲', 1],
    ])
    await rebuildMonthlyRows(db)
    expect(await snapshot(db)).toEqual(migrated)
    await db.$disconnect()
  })
})
