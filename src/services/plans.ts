import type { Db, Queryable, Tx } from '../db/client.js'
import { Prisma, type PlannedActivity } from '../generated/prisma/client.js'
import { PLAN_LETTER } from '../domain/kinds.js'
import { nextCode } from './codes.js'
import { changeWith, storeOnce, type AfterChange } from './store-once.js'

export { PLAN_LETTER }

export interface NewPlan {
  roomId: number
  startsAt: Date
  date: string
  time: string
  title: string
  place: string | undefined
  createdById: number | undefined
  createdByName: string
  messageId: string
  createdAt: Date
}

export async function createPlan(db: Db, plan: NewPlan): Promise<PlannedActivity> {
  return storeOnce(db, {
    insert: async (tx) =>
      tx.plannedActivity.create({
        data: {
          code: await nextCode(tx, PLAN_LETTER),
          roomId: plan.roomId,
          startsAt: plan.startsAt,
          date: plan.date,
          time: plan.time,
          title: plan.title,
          place: plan.place ?? null,
          createdById: plan.createdById ?? null,
          createdByName: plan.createdByName,
          sourceMessageId: plan.messageId,
          createdAt: plan.createdAt,
        },
      }),
    storedBefore: (on) => on.plannedActivity.findUnique({ where: { sourceMessageId: plan.messageId } }),
  })
}

export function findPlan(db: Db, code: string): Promise<PlannedActivity | null> {
  return db.plannedActivity.findUnique({ where: { code } })
}

/** A plan as #查, #最近 and #撤销 see records: cancelled reads as withdrawn, its announcer as reporter. */
export interface PlanRecord {
  id: number
  code: string
  roomId: number
  date: string
  time: string
  title: string
  place: string | null
  withdrawn: boolean
  reporterId: number | null
  reporterName: string
  createdAt: Date
  activityCode: string | null
}

export const planAsRecord = (p: PlannedActivity): PlanRecord => ({
  id: p.id,
  code: p.code,
  roomId: p.roomId,
  date: p.date,
  time: p.time,
  title: p.title,
  place: p.place,
  withdrawn: p.cancelledAt !== null,
  reporterId: p.createdById,
  reporterName: p.createdByName,
  createdAt: p.createdAt,
  activityCode: p.activityCode,
})

export async function findPlanRecord(db: Db, code: string): Promise<PlanRecord | null> {
  const plan = await findPlan(db, code)
  return plan && planAsRecord(plan)
}

export async function latestPlans(db: Db, roomId: number, n: number): Promise<PlanRecord[]> {
  return (await db.plannedActivity.findMany({ where: { roomId }, orderBy: { id: 'desc' }, take: n })).map(planAsRecord)
}

/**
 * Cancels or restores a plan; false when it already was in that state or has become an
 * activity meanwhile (that activity is what is withdrawn then).
 */
export async function setPlanCancelled(db: Db, code: string, cancelled: boolean, at: Date, after?: AfterChange): Promise<boolean> {
  const change = (tx: Tx) =>
    tx.plannedActivity.updateMany({
      where: { code, activityCode: null, cancelledAt: cancelled ? null : { not: null } },
      data: { cancelledAt: cancelled ? at : null },
    })
  return changeWith(db, change, after)
}

/** The statement that marks a plan done by the activity it became, committed with that activity. */
export function markPlanDoneSql(plan: PlannedActivity, activityCode: string): Prisma.Sql {
  return Prisma.sql`UPDATE "PlannedActivity" SET "activityCode" = ${activityCode} WHERE "id" = ${plan.id}`
}

/** Plans still to happen around a window: not cancelled, not yet recorded as an activity. */
export function openPlansStartingBetween(db: Db, after: Date, before: Date): Promise<PlannedActivity[]> {
  return db.plannedActivity.findMany({
    where: { cancelledAt: null, activityCode: null, startsAt: { gt: after, lte: before } },
    orderBy: { startsAt: 'asc' },
  })
}
