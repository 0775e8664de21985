// 活动预告 (P): coded like a record, so #查, #最近, #撤销 (cancel) and #恢复 take it; not counted,
// scored or filed, because the activity it becomes is. #预告 and #取消预告 are commands/plans.ts.
import { PLAN_IDENTITY } from '../domain/kinds.js'
import { findPlanRecord, latestPlans, setPlanCancelled, type PlanRecord } from '../services/plans.js'
import { planLines } from '../texts/records.js'
import type { CodedSpec } from './kind.js'

export const planKind = {
  ...PLAN_IDENTITY,
  find: findPlanRecord,
  latest: async (db, roomId, n) =>
    (await latestPlans(db, roomId, n)).map((p) => ({ ...p, tag: PLAN_IDENTITY.tag, ...(p.activityCode ? { status: `已记录为 ${p.activityCode}` } : {}) })),
  setWithdrawn: (db, plan, withdrawn, at, after) => setPlanCancelled(db, plan.code, withdrawn, at, after),
  fixed: (plan) => (plan.activityCode ? `预告 ${plan.code} 已记录为活动 ${plan.activityCode}，预告本身不能再撤销或恢复；要撤销活动请发送 #撤销 ${plan.activityCode}` : undefined),
  withdrawal: { state: '取消', shown: '不再提醒', done: '不会再提醒', undone: '还没到的提醒照常发送' },
  owner: '预告人',
  lines: (plan) => planLines(plan),
  steps: (plan) => (plan.activityCode ? [`已记录为活动 ${plan.activityCode}`] : []),
} satisfies CodedSpec<PlanRecord>
