import { describe, expect, it } from 'vitest'
import { createActivity, type ActivityPreview, type RecordSource } from '../../src/services/activities.js'
import { storeOnce } from '../../src/services/store-once.js'
import { nextCode } from '../../src/services/codes.js'
import { KINDS } from '../../src/records/kinds.js'
import type { StoredKind } from '../../src/records/kind.js'
import { Prisma } from '../../src/generated/prisma/client.js'
import { saveDraft } from '../../src/services/drafts.js'
import { createPlan } from '../../src/services/plans.js'
import type { ActivityFields } from '../../src/parsing/mod.js'
import { freshDb } from '../helpers.js'
import { freshPostgres, postgresAdminUrl } from '../db/pg.js'
import type { Db } from '../../src/db/client.js'

const fields: ActivityFields = { date: '2022-09-19', dateDefaulted: false, title: '健康义诊', type: '义诊', typeInferred: false, memberNames: [], partners: [], reach: 100 }

async function roomWithSource(messageId: string, db?: Db) {
  db ??= (await freshDb()).db
  const room = await db.room.create({ data: { name: '健康家园会客厅', kind: '会客厅', topic: '健康群' } })
  const source: RecordSource = { roomId: room.id, reporterId: undefined, reporterName: '王芳', messageId, rawText: '#活动 健康义诊', sentAt: new Date('2022-09-19T02:00:00Z') }
  return { db, source }
}

describe('storeOnce', () => {
  it('gives a message stored before its record back, runs `within` for it, and uses up no code', async () => {
    const { db, source } = await roomWithSource('m1')
    const first = await createActivity(db, source, fields)
    const seen: ActivityPreview[] = []
    const confirm = async (_on: unknown, record: ActivityPreview) => {
      seen.push(record)
      return [Prisma.sql`UPDATE "Activity" SET "note" = ${`确认 ${record.code}`} WHERE "code" = ${record.code}`]
    }
    const again = await createActivity(db, source, { ...fields, title: '另一场' }, confirm)
    expect([again.id, again.code, again.title]).toEqual([first.id, 'A1', '健康义诊'])
    // Asked first for the new activity it would have been (A2, whose commit failed), then for A1:
    // only A1's statements are committed.
    expect(seen.map((r) => r.code)).toEqual(['A2', 'A1'])
    expect((await db.activity.findMany({ select: { code: true, note: true } }))).toEqual([{ code: 'A1', note: '确认 A1' }])
    expect((await createActivity(db, source, fields)).id).toBe(first.id)
    expect(await db.activity.count()).toBe(1)
    // The failed insert's code went back with its transaction: the next record is A2.
    expect((await createActivity(db, { ...source, messageId: 'm2' }, fields)).code).toBe('A2')
  })

  it('keeps nothing when a statement `within` returns fails in the commit, and rethrows its error', async () => {
    const { db, source } = await roomWithSource('m1')
    const failing = async () => [Prisma.sql`INSERT INTO "MessageLog" ("puppetMessageId") VALUES (${'m1'})`]
    await expect(createActivity(db, source, fields, failing)).rejects.toThrow()
    expect(await db.activity.count()).toBe(0)
    expect(await db.activityMonth.count()).toBe(0)
    expect(await db.recordCounter.count()).toBe(0)
    expect((await createActivity(db, source, fields)).code).toBe('A1')
  })

  it('cannot create an activity through StoredKind: its `within` sees a preview without ids', () => {
    // @ts-expect-error activities are created by createActivity, whose `within` is typed apart
    const wrong: StoredKind = KINDS.activity
    expect(wrong.kind).toBe('activity')
  })

  it('keeps nothing when `within` fails, and rethrows its error', async () => {
    const { db, source } = await roomWithSource('m1')
    const failing = async () => {
      throw new Error('确认写不进去')
    }
    await expect(createActivity(db, source, fields, failing)).rejects.toThrow('确认写不进去')
    expect(await db.activity.count()).toBe(0)
    expect(await db.activityMonth.count()).toBe(0)
    expect((await createActivity(db, source, fields)).code).toBe('A1')
  })

  it('serves drafts and plans too: the same message twice is one row, and no code is used up', async () => {
    const { db, source } = await roomWithSource('m1')
    const draft = { kind: 'activity' as const, roomId: source.roomId, memberId: undefined, senderName: '王芳', text: '#活动', messageId: 'm1', messageTime: source.sentAt }
    const first = await saveDraft(db, draft, [])
    expect((await saveDraft(db, draft, [])).id).toBe(first.id)
    expect((await saveDraft(db, { ...draft, messageId: 'm2' }, [])).code).toBe('D2')
    const plan = { roomId: source.roomId, startsAt: new Date('2022-09-22T07:00:00Z'), date: '2022-09-22', time: '15:00', title: '健康讲座', place: undefined, createdById: undefined, createdByName: '王芳', messageId: 'm3', createdAt: source.sentAt }
    const announced = await createPlan(db, plan)
    expect((await createPlan(db, plan)).id).toBe(announced.id)
    expect((await createPlan(db, { ...plan, messageId: 'm4' })).code).toBe('P2')
  })

  it('rethrows the insert’s own error when the message has no record', async () => {
    const { db } = await roomWithSource('m1')
    const steps = { insert: async () => Promise.reject(new Error('磁盘已满')), storedBefore: async () => null }
    await expect(storeOnce(db, steps)).rejects.toThrow('磁盘已满')
    // Nor is it hidden by a lookup that fails too.
    await expect(storeOnce(db, { ...steps, storedBefore: async () => Promise.reject(new Error('查不了')) })).rejects.toThrow('磁盘已满')
  })
})

/**
 * Another writer (a second account on PostgreSQL) takes the code an activity read for, between
 * its read and its commit: the commit fails as a whole, and the activity is read for and
 * committed again under the next code, with its confirmation written for that code only.
 */
async function codeTakenMeanwhile(db?: Db) {
  const { db: on, source } = await roomWithSource('m1', db)
  const seen: string[] = []
  const confirm = async (_on: unknown, record: ActivityPreview) => {
    seen.push(record.code)
    if (seen.length === 1) await createActivity(on, { ...source, messageId: 'other' }, { ...fields, title: '别人的活动' })
    return [Prisma.sql`UPDATE "Activity" SET "note" = ${`确认 ${record.code}`} WHERE "code" = ${record.code}`]
  }
  const mine = await createActivity(on, source, fields, confirm)
  expect(seen).toEqual(['A1', 'A2'])
  expect([mine.code, mine.title]).toEqual(['A2', '健康义诊'])
  const stored = await on.activity.findMany({ orderBy: { code: 'asc' }, select: { code: true, title: true, note: true } })
  expect(stored).toEqual([{ code: 'A1', title: '别人的活动', note: null }, { code: 'A2', title: '健康义诊', note: '确认 A2' }])
  expect(await on.recordCounter.findUnique({ where: { letter: 'A' } })).toMatchObject({ last: 2 })
  // Its month counts it once, the other writer's activity once.
  expect(await on.activityMonth.findMany({ select: { activities: true } })).toEqual([{ activities: 2 }])
}

/** The counter moves on without an activity taking the code (a number used up elsewhere): the same, never a code behind the counter. */
async function counterMovedMeanwhile(db?: Db) {
  const { db: on, source } = await roomWithSource('m1', db)
  const seen: string[] = []
  const mine = await createActivity(on, source, fields, async (_on, record) => {
    seen.push(record.code)
    if (seen.length === 1) await nextCode(on, 'A')
    return []
  })
  expect(seen).toEqual(['A1', 'A2'])
  expect(mine.code).toBe('A2')
  expect(await on.recordCounter.findUnique({ where: { letter: 'A' } })).toMatchObject({ last: 2 })
}

describe('an activity whose code another writer takes first', () => {
  it('is committed again under the next code (SQLite)', () => codeTakenMeanwhile())
  it.runIf(postgresAdminUrl)('is committed again under the next code (PostgreSQL)', async () => codeTakenMeanwhile((await freshPostgres()).db))
  it('is committed under the next code when the counter moved without a record (SQLite)', () => counterMovedMeanwhile())
  it.runIf(postgresAdminUrl)('is committed under the next code when the counter moved without a record (PostgreSQL)', async () => counterMovedMeanwhile((await freshPostgres()).db))
})
