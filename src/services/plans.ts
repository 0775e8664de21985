import type { Db } from '../db/client.js'
import type { PlannedActivity } from '../generated/prisma/client.js'
import { PLAN_LETTER } from '../domain/kinds.js'
import { nextCode } from './codes.js'

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
  const existing = await db.plannedActivity.findUnique({ where: { sourceMessageId: plan.messageId } })
  if (existing) return existing
  return db.$transaction(async (tx) =>
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
  )
}

export function findPlan(db: Db, code: string): Promise<PlannedActivity | null> {
  return db.plannedActivity.findUnique({ where: { code } })
}

export async function cancelPlan(db: Db, plan: PlannedActivity, at: Date): Promise<void> {
  await db.plannedActivity.update({ where: { id: plan.id }, data: { cancelledAt: at } })
}

export async function markPlanDone(db: Db, plan: PlannedActivity, activityCode: string): Promise<void> {
  await db.plannedActivity.update({ where: { id: plan.id }, data: { activityCode } })
}

/** Plans still to happen around a window: not cancelled, not yet recorded as an activity. */
export function openPlansStartingBetween(db: Db, after: Date, before: Date): Promise<PlannedActivity[]> {
  return db.plannedActivity.findMany({
    where: { cancelledAt: null, activityCode: null, startsAt: { gt: after, lte: before } },
    orderBy: { startsAt: 'asc' },
  })
}
