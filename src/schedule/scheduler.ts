import cron, { type ScheduledTask } from 'node-cron'
import { cronSchedule, type CronSchedule } from './cron.js'
import { followUpStalledReports, nudgeQuietRooms, planReminderEvents, pushDigests, type ScheduledEvent } from './jobs.js'
import type { ScheduleServices } from './services.js'

interface CronJob {
  name: string
  schedule: CronSchedule
  run(at: Date): Promise<void>
}

export interface RunHooks {
  /** Before each event, with its time (replay moves its clock there). */
  before?(at: Date): void
  /** After each event (replay waits for the outbox so messages print in order). */
  after?(at: Date): Promise<void>
}

/**
 * The schedule, kept apart from chat: it calls the same services as the commands. Which
 * pushes are due is computed from the configured cron expressions for any window, so the
 * live minute tick, the catch-up after a restart and `replay --schedule` run the same code.
 */
export class Scheduler {
  private readonly jobs: CronJob[]
  private task: ScheduledTask | undefined
  private lastRun: Date | undefined
  private running: Promise<unknown> = Promise.resolve()

  /** Public so tests can run a job by hand with exactly what the scheduler was given. */
  constructor(readonly services: ScheduleServices) {
    const c = services.config
    this.jobs = [
      { name: 'monthly-digest', schedule: cronSchedule(c.SCHEDULE_MONTHLY_DIGEST, c.BOT_TIMEZONE), run: (at) => pushDigests(services, 'month', at) },
      { name: 'quarterly-digest', schedule: cronSchedule(c.SCHEDULE_QUARTERLY_DIGEST, c.BOT_TIMEZONE), run: (at) => pushDigests(services, 'quarter', at) },
      { name: 'annual-digest', schedule: cronSchedule(c.SCHEDULE_ANNUAL_DIGEST, c.BOT_TIMEZONE), run: (at) => pushDigests(services, 'year', at) },
      { name: 'activity-nudge', schedule: cronSchedule(c.SCHEDULE_ACTIVITY_NUDGE, c.BOT_TIMEZONE), run: (at) => nudgeQuietRooms(services, at) },
      { name: 'follow-up', schedule: cronSchedule(c.SCHEDULE_FOLLOW_UP, c.BOT_TIMEZONE), run: (at) => followUpStalledReports(services, at) },
    ]
  }

  /** Every event due in (after, until], in time order. */
  async dueEvents(after: Date, until: Date): Promise<ScheduledEvent[]> {
    const events: ScheduledEvent[] = this.jobs.flatMap((job) =>
      job.schedule.occurrences(after, until).map((at) => ({ at, job: job.name, run: () => job.run(at) })),
    )
    events.push(...(await planReminderEvents(this.services, after, until)))
    return events.sort((a, b) => a.at.getTime() - b.at.getTime())
  }

  /** Runs what is due in (after, until]. Runs never overlap; a failing job does not stop the others. */
  runDue(after: Date, until: Date, hooks: RunHooks = {}): Promise<number> {
    const run = this.running.then(async () => {
      const events = await this.dueEvents(after, until)
      for (const event of events) {
        hooks.before?.(event.at)
        try {
          await event.run()
        } catch (error) {
          this.services.log.error({ err: error, job: event.job, at: event.at }, 'scheduled job failed')
        }
        await hooks.after?.(event.at)
      }
      return events.length
    })
    this.running = run.catch(() => undefined)
    return run
  }

  get active(): boolean {
    return this.task !== undefined
  }

  /** On login: catch up what was missed within the grace window, then check every minute. */
  start(): void {
    this.stop()
    const now = this.services.clock.now()
    this.lastRun = new Date(now.getTime() - this.services.config.CATCH_UP_DAYS * 86_400_000)
    void this.tick()
    // Every minute in every time zone: the zone matters only to which jobs are due.
    this.task = cron.schedule('* * * * *', () => void this.tick())
  }

  /** On logout: no timers left behind; what comes due meanwhile is caught up at the next login. */
  stop(): void {
    // destroy, not stop: a stopped node-cron task stays in its registry for good.
    void this.task?.destroy()
    this.task = undefined
  }

  private async tick(): Promise<void> {
    const now = this.services.clock.now()
    const after = this.lastRun ?? now
    this.lastRun = now
    const count = await this.runDue(after, now)
    if (count > 0) this.services.log.info({ count, after, until: now }, 'scheduled jobs ran')
  }
}
