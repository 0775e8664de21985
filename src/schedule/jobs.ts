import { formatCrossRoomDigest, formatRoomDigest } from '../texts/digest.js'
import type { OutboxTarget } from '../outbox/outbox.js'
import { addDays, formatYmd, localParts, currentPeriod, shiftPeriod, zonedInstant, type PeriodKind } from '../parsing/mod.js'
import type { AppServices } from '../router/context.js'
import { buildCrossRoomDigest, buildDigest } from '../services/digest.js'
import { displayName, roomMembersWithRole } from '../services/members.js'
import { openPlansStartingBetween } from '../services/plans.js'
import { servedBy } from '../services/rooms.js'
import { privateRecipients, roomKeepers } from './recipients.js'
import { planReminderText } from './texts.js'

/** One thing the schedule does at one instant. */
export interface ScheduledEvent {
  at: Date
  job: string
  run(): Promise<void>
}

/**
 * Writes a push into the outbox under its key, unless that key was written before: the key
 * (job, target, period) is what makes a push happen exactly once across restarts.
 */
export async function sendOnce(services: AppServices, key: string, target: OutboxTarget, text: () => Promise<string>): Promise<boolean> {
  // Checked first so a digest already sent is not even computed again.
  if (await services.db.outboxMessage.findUnique({ where: { dedupeKey: key } })) return false
  return services.outbox.enqueue(target, { text: await text() }, key)
}

const localDate = (at: Date, timeZone: string) => formatYmd(localParts(at, timeZone))

/** Monthly, quarterly or annual digest of the period just ended: to each room, and across rooms privately. */
export async function pushDigests(services: AppServices, kind: PeriodKind, at: Date): Promise<void> {
  const { db, config } = services
  const period = shiftPeriod(currentPeriod(kind, { now: at, timeZone: config.BOT_TIMEZONE }), -1)
  const rooms = await db.room.findMany({ where: servedBy(config.BOT_NAME), orderBy: { id: 'asc' } })
  for (const room of rooms.filter((r) => r.pushEnabled)) {
    await sendOnce(services, `digest:${kind}:room${room.id}:${period.from}`, { kind: 'room', roomId: room.id }, async () =>
      formatRoomDigest(room.name, await buildDigest(db, [room.id], period, period.to)),
    )
  }
  // Where other bot accounts serve rooms too, each account sends its own rooms' digest.
  const others = await db.room.count({ where: { NOT: servedBy(config.BOT_NAME) } })
  const scope = others > 0 ? `@${config.BOT_NAME}` : ''
  for (const recipient of await privateRecipients(db, config, services.keys)) {
    const visible = rooms.filter((r) => recipient.roomIds.includes(r.id))
    if (visible.length === 0) continue
    await sendOnce(services, `digest:${kind}:to:${recipient.key}${scope}:${period.from}`, recipient.target, async () => {
      const cross = await buildCrossRoomDigest(db, visible, period, period.to)
      return formatCrossRoomDigest(cross.rooms, cross.total)
    })
  }
}

/** "月月有活动": a room with no activity yet this month is reminded, naming its lead member. */
export async function nudgeQuietRooms(services: AppServices, at: Date): Promise<void> {
  const { db, config } = services
  const month = currentPeriod('month', { now: at, timeZone: config.BOT_TIMEZONE })
  const today = localDate(at, config.BOT_TIMEZONE)
  for (const room of await db.room.findMany({ where: { pushEnabled: true, ...servedBy(config.BOT_NAME) }, orderBy: { id: 'asc' } })) {
    const active = await db.activity.count({ where: { roomId: room.id, withdrawn: false, date: { gte: month.from, lte: today } } })
    if (active > 0) continue
    await sendOnce(services, `nudge:room${room.id}:${month.from}`, { kind: 'room', roomId: room.id }, async () => {
      const leads = await roomMembersWithRole(db, room.id, 'lead')
      const who = leads.length > 0 ? `请牵头委员 ${leads.map((l) => `@${displayName(l.member)}`).join(' ')} 牵头安排一次` : '请大家商量安排一次（可用 #牵头 @某人 设置牵头委员）'
      return `【月月有活动】${month.index}月已过去大半，本群还没有记录活动。${who}，活动后发送 #活动 记录即可；已经办过的也请补记。`
    })
  }
}

/** Reports with no status change for a while are listed to the room's secretaries. */
export async function followUpStalledReports(services: AppServices, at: Date): Promise<void> {
  const { db, config } = services
  const cutoff = new Date(at.getTime() - config.FOLLOW_UP_DAYS * 86_400_000)
  const today = localDate(at, config.BOT_TIMEZONE)
  for (const room of await db.room.findMany({ where: servedBy(config.BOT_NAME), orderBy: { id: 'asc' } })) {
    const stalled = await db.opinionReport.findMany({
      where: { roomId: room.id, withdrawn: false, lastChangeAt: { lte: cutoff }, events: { none: { kind: 'resolved' } } },
      orderBy: { id: 'asc' },
      include: { events: { orderBy: { id: 'asc' } } },
    })
    if (stalled.length === 0) continue
    const lines = stalled.map((r) => `${r.code} ${r.date} ${r.title}${r.events.length ? `（最近：${r.events.at(-1)!.date}）` : '（尚无进展）'}`)
    const text = [
      `【社情民意跟进】${room.name} 有 ${stalled.length} 篇超过 ${config.FOLLOW_UP_DAYS} 天没有新进展：`,
      ...lines,
      '有进展请在群里发送 #采纳 / #批示 / #办结 <编号>。',
    ].join('\n')
    for (const keeper of await roomKeepers(db, config, services.keys, room.id)) {
      await sendOnce(services, `followup:room${room.id}:to:${keeper.key}:${today}`, keeper.target, async () => text)
    }
  }
}

/** Reminders of planned activities due in (after, until]: the evening before and shortly before. */
export async function planReminderEvents(services: AppServices, after: Date, until: Date): Promise<ScheduledEvent[]> {
  const { db, config } = services
  const tz = config.BOT_TIMEZONE
  const [eveHour, eveMinute] = config.PLAN_EVE_TIME.split(':').map(Number)
  const leadMs = config.PLAN_LEAD_MINUTES * 60_000
  // The evening reminder is at most ~2 days before the start.
  const own = new Set((await db.room.findMany({ where: servedBy(config.BOT_NAME), select: { id: true } })).map((r) => r.id))
  const plans = (await openPlansStartingBetween(db, after, new Date(until.getTime() + 2 * 86_400_000 + leadMs))).filter((p) => own.has(p.roomId))
  const events: ScheduledEvent[] = []
  for (const plan of plans) {
    const [y, m, d] = plan.date.split('-').map(Number)
    const eve = zonedInstant(addDays({ year: y!, month: m!, day: d! }, -1), eveHour!, eveMinute!, tz)
    const lead = new Date(plan.startsAt.getTime() - leadMs)
    for (const [which, at] of [['eve', eve], ['lead', lead]] as const) {
      // A reminder due before the plan was made would only confuse.
      if (at <= after || at > until || at <= plan.createdAt) continue
      events.push({
        at,
        job: `plan-${which}`,
        run: async () => {
          const fresh = await db.plannedActivity.findUnique({ where: { id: plan.id } })
          if (!fresh || fresh.cancelledAt || fresh.activityCode) return
          await sendOnce(services, `plan:${plan.code}:${which}`, { kind: 'room', roomId: plan.roomId }, async () =>
            planReminderText(fresh, which, config.PLAN_LEAD_MINUTES),
          )
        },
      })
    }
  }
  return events
}
