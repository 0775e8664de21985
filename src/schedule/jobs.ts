import { formatCrossRoomDigest, formatRoomDigest } from '../texts/digest.js'
import type { OutboxTarget } from '../outbox/outbox.js'
import { addDays, formatYmd, localParts, currentPeriod, shiftPeriod, zonedInstant, type PeriodKind } from '../parsing/mod.js'
import { displayName } from '../services/members.js'
import type { ScheduleServices } from './services.js'
import { planReminderText, quietRoomNudgeText, stalledReportsText } from '../texts/schedule.js'

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
export async function sendOnce(services: ScheduleServices, key: string, target: OutboxTarget, text: () => Promise<string>): Promise<boolean> {
  // Checked first so a digest already sent is not even computed again.
  if (await services.data.queued(key)) return false
  return services.outbox.enqueue(target, { text: await text() }, key)
}

const localDate = (at: Date, timeZone: string) => formatYmd(localParts(at, timeZone))

/** Monthly, quarterly or annual digest of the period just ended: to each room, and across rooms privately. */
export async function pushDigests(services: ScheduleServices, kind: PeriodKind, at: Date): Promise<void> {
  const { data, config } = services
  const period = shiftPeriod(currentPeriod(kind, { now: at, timeZone: config.BOT_TIMEZONE }), -1)
  const rooms = await data.servedRooms()
  for (const room of rooms.filter((r) => r.pushEnabled)) {
    await sendOnce(services, `digest:${kind}:room${room.id}:${period.from}`, { kind: 'room', roomId: room.id }, async () =>
      formatRoomDigest(room.name, await data.roomDigest(room.id, period, period.to)),
    )
  }
  // Where other bot accounts serve rooms too, each account sends its own rooms' digest.
  const scope = (await data.othersServeRooms()) ? `@${config.BOT_NAME}` : ''
  for (const recipient of await data.privateRecipients()) {
    const visible = rooms.filter((r) => recipient.roomIds.includes(r.id))
    if (visible.length === 0) continue
    await sendOnce(services, `digest:${kind}:to:${recipient.key}${scope}:${period.from}`, recipient.target, async () => {
      const cross = await data.crossRoomDigest(visible, period, period.to)
      return formatCrossRoomDigest(cross.rooms, cross.total)
    })
  }
}

/** "月月有活动": a room with no activity yet this month is reminded, naming its lead member. */
export async function nudgeQuietRooms(services: ScheduleServices, at: Date): Promise<void> {
  const { data, config } = services
  const month = currentPeriod('month', { now: at, timeZone: config.BOT_TIMEZONE })
  const today = localDate(at, config.BOT_TIMEZONE)
  for (const room of (await data.servedRooms()).filter((r) => r.pushEnabled)) {
    if ((await data.activityCount(room.id, month.from, today)) > 0) continue
    await sendOnce(services, `nudge:room${room.id}:${month.from}`, { kind: 'room', roomId: room.id }, async () =>
      quietRoomNudgeText(month.index, (await data.leadsOf(room.id)).map(displayName)),
    )
  }
}

/** Reports with no status change for a while are listed to the room's secretaries. */
export async function followUpStalledReports(services: ScheduleServices, at: Date): Promise<void> {
  const { data, config } = services
  const cutoff = new Date(at.getTime() - config.FOLLOW_UP_DAYS * 86_400_000)
  const today = localDate(at, config.BOT_TIMEZONE)
  for (const room of await data.servedRooms()) {
    const stalled = await data.stalledReports(room.id, cutoff)
    if (stalled.length === 0) continue
    const text = stalledReportsText(room.name, config.FOLLOW_UP_DAYS, stalled)
    for (const keeper of await data.roomKeepers(room.id)) {
      await sendOnce(services, `followup:room${room.id}:to:${keeper.key}:${today}`, keeper.target, async () => text)
    }
  }
}

/** Reminders of planned activities due in (after, until]: the evening before and shortly before. */
export async function planReminderEvents(services: ScheduleServices, after: Date, until: Date): Promise<ScheduledEvent[]> {
  const { data, config } = services
  const tz = config.BOT_TIMEZONE
  const [eveHour, eveMinute] = config.PLAN_EVE_TIME.split(':').map(Number)
  const leadMs = config.PLAN_LEAD_MINUTES * 60_000
  // The evening reminder is at most ~2 days before the start.
  const plans = await data.openPlans(after, new Date(until.getTime() + 2 * 86_400_000 + leadMs))
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
          const fresh = await data.plan(plan.id)
          if (!fresh || fresh.cancelledAt || fresh.activityCode) return
          // Run late (a catch-up after a stop, or a plan cancelled then restored): a reminder
          // that is no longer true, 明天 on the day itself or 1 小时后 once it began, is not sent.
          const now = services.clock.now()
          if (now >= fresh.startsAt || (which === 'eve' && formatYmd(localParts(now, tz)) >= fresh.date)) return
          await sendOnce(services, `plan:${plan.code}:${which}`, { kind: 'room', roomId: plan.roomId }, async () =>
            planReminderText(fresh, which, config.PLAN_LEAD_MINUTES),
          )
        },
      })
    }
  }
  return events
}
