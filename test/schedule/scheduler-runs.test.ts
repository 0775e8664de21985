import cron from 'node-cron'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ScheduleServices } from '../../src/schedule/services.js'
import type { MockChat } from '../../src/sim/mock-chat.js'
import { boundChat, startChat } from '../helpers.js'

const at = (local: string) => new Date(`${local}+08:00`)
const services = (chat: MockChat): ScheduleServices => chat.app.scheduler.services
/** Lets every promise that can settle without a timer settle. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve))

/** A promise the test resolves by hand. */
function deferred() {
  let resolve!: () => void
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}

afterEach(() => {
  vi.restoreAllMocks()
})

/**
 * A bound room on 31 August with two jobs on 1 September: the monthly digest at 09:00 (to the
 * room and to the admin) and, moved here, the activity nudge at 10:00 (to the room).
 */
async function twoJobs(env: Record<string, string> = {}) {
  const chat = await boundChat({ start: '2022-08-31T08:00:00+08:00', env: { SCHEDULE_ACTIVITY_NUDGE: '0 10 1 * *', ...env } })
  const calls: unknown[][] = []
  const enqueue = vi.spyOn(services(chat).outbox, 'enqueue')
  enqueue.mockImplementation(async (_target, _content, key) => {
    calls.push(['enqueue', key!.split(':')[0]])
    return true
  })
  return { chat, calls, enqueue }
}

const window = [at('2022-08-31T09:00:00'), at('2022-09-01T12:00:00')] as const

describe('a scheduled run', () => {
  it('runs what is due in time order, each event between its before and after hooks, with the event’s time', async () => {
    const { chat, calls } = await twoJobs()
    const count = await chat.app.scheduler.runDue(...window, {
      before: (time) => void calls.push(['before', time]),
      after: async (time) => void calls.push(['after', time]),
    })
    expect(count).toBe(2)
    expect(calls).toEqual([
      ['before', at('2022-09-01T09:00:00')],
      ['enqueue', 'digest'],
      ['enqueue', 'digest'],
      ['after', at('2022-09-01T09:00:00')],
      ['before', at('2022-09-01T10:00:00')],
      ['enqueue', 'nudge'],
      ['after', at('2022-09-01T10:00:00')],
    ])
  })

  it('runs without hooks', async () => {
    const { chat, calls } = await twoJobs()
    expect(await chat.app.scheduler.runDue(...window)).toBe(2)
    expect(calls).toEqual([
      ['enqueue', 'digest'],
      ['enqueue', 'digest'],
      ['enqueue', 'nudge'],
    ])
  })

  it('waits for the after hook before the next event', async () => {
    const { chat, calls } = await twoJobs()
    const reached = deferred()
    const gate = deferred()
    const run = chat.app.scheduler.runDue(...window, {
      before: (time) => void calls.push(['before', time]),
      after: async (time) => {
        calls.push(['after', time])
        reached.resolve()
        await gate.promise
      },
    })
    await reached.promise
    await settle()
    expect(calls.at(-1)).toEqual(['after', at('2022-09-01T09:00:00')])
    gate.resolve()
    expect(await run).toBe(2)
    expect(calls.at(-1)).toEqual(['after', at('2022-09-01T10:00:00')])
  })

  it('logs a failing job with its name and time, and still runs the later ones and their hooks', async () => {
    const { chat, calls, enqueue } = await twoJobs()
    const error = vi.spyOn(services(chat).log, 'error')
    const boom = new Error('boom')
    enqueue.mockRejectedValueOnce(boom)
    const count = await chat.app.scheduler.runDue(...window, {
      before: (time) => void calls.push(['before', time]),
      after: async (time) => void calls.push(['after', time]),
    })
    expect(count).toBe(2)
    expect(error.mock.calls.filter((c) => c[1] === 'scheduled job failed')).toEqual([
      [{ err: boom, job: 'monthly-digest', at: at('2022-09-01T09:00:00') }, 'scheduled job failed'],
    ])
    // The digest gave up at its first message; the nudge an hour later still went out.
    expect(calls).toEqual([
      ['before', at('2022-09-01T09:00:00')],
      ['after', at('2022-09-01T09:00:00')],
      ['before', at('2022-09-01T10:00:00')],
      ['enqueue', 'nudge'],
      ['after', at('2022-09-01T10:00:00')],
    ])
  })

  it('counts and runs nothing in an empty window, nor at its excluded start', async () => {
    const { chat, calls } = await twoJobs()
    expect(await chat.app.scheduler.runDue(at('2022-09-01T09:00:00'), at('2022-09-01T09:59:00'))).toBe(0)
    expect(await chat.app.scheduler.runDue(at('2022-09-01T10:00:00'), at('2022-09-01T10:00:00'))).toBe(0)
    expect(calls).toEqual([])
  })
})

describe('runs never overlap', () => {
  it('starts a second run only when the first has finished, in the order they were asked for', async () => {
    const { chat, calls } = await twoJobs()
    const reached = deferred()
    const gate = deferred()
    const first = chat.app.scheduler.runDue(at('2022-08-31T09:00:00'), at('2022-09-01T09:30:00'), {
      before: (time) => void calls.push(['first', time]),
      after: () => {
        reached.resolve()
        return gate.promise
      },
    })
    const second = chat.app.scheduler.runDue(at('2022-09-01T09:30:00'), at('2022-09-01T12:00:00'), {
      before: (time) => void calls.push(['second', time]),
    })
    await reached.promise
    await settle()
    expect(calls.map((c) => c[0])).toEqual(['first', 'enqueue', 'enqueue'])
    gate.resolve()
    expect(await second).toBe(1)
    expect(await first).toBe(1)
    expect(calls).toEqual([
      ['first', at('2022-09-01T09:00:00')],
      ['enqueue', 'digest'],
      ['enqueue', 'digest'],
      ['second', at('2022-09-01T10:00:00')],
      ['enqueue', 'nudge'],
    ])
  })

  it('lets the next run go after one whose hook failed, which rejects with that error', async () => {
    const { chat, calls } = await twoJobs()
    const broken = chat.app.scheduler.runDue(...window, {
      before: () => {
        throw new Error('hook broke')
      },
    })
    const next = chat.app.scheduler.runDue(...window)
    await expect(broken).rejects.toThrow('hook broke')
    expect(await next).toBe(2)
    expect(calls).toEqual([
      ['enqueue', 'digest'],
      ['enqueue', 'digest'],
      ['enqueue', 'nudge'],
    ])
  })
})

describe('the minute ticker', () => {
  /** start(), with node-cron's ticker caught so the test can make it tick. */
  async function started(chat: MockChat) {
    const schedule = vi.spyOn(cron, 'schedule')
    const info = vi.spyOn(services(chat).log, 'info')
    chat.app.scheduler.start()
    expect(schedule).toHaveBeenCalledTimes(1)
    const [expression, tick] = schedule.mock.calls[0]!
    const task = schedule.mock.results[0]!.value as ReturnType<typeof cron.schedule>
    const ran = () => info.mock.calls.filter((c) => c[1] === 'scheduled jobs ran').map((c) => c[0])
    /** Waits for what was started so far (runs never overlap). */
    const idle = () => chat.app.scheduler.runDue(new Date(0), new Date(0))
    return { expression, tick: tick as () => void, task, ran, idle }
  }

  it('catches up CATCH_UP_DAYS on start, then runs each tick over (previous tick, now]', async () => {
    // Minutes 0–3 past 10 every day: plenty of boundaries to fall on.
    const chat = await startChat({ start: '2022-09-21T10:01:00+08:00', env: { SCHEDULE_FOLLOW_UP: '0-3 10 * * *', CATCH_UP_DAYS: '2' } })
    const { expression, tick, ran, idle } = await started(chat)
    expect(expression).toBe('* * * * *')
    await idle()
    // From 19 September 10:01 (excluded): 10:02, 10:03 that day, four on the 20th and its
    // 10:00 activity nudge, 10:00 and 10:01 today.
    expect(ran()).toEqual([{ count: 9, after: at('2022-09-19T10:01:00'), until: at('2022-09-21T10:01:00') }])

    chat.clock!.set(at('2022-09-21T10:02:00'))
    tick()
    await idle()
    expect(ran().at(-1)).toEqual({ count: 1, after: at('2022-09-21T10:01:00'), until: at('2022-09-21T10:02:00') })

    // A tick within the same minute finds nothing new and says nothing.
    tick()
    await idle()
    expect(ran()).toHaveLength(2)

    chat.clock!.set(at('2022-09-21T10:30:00'))
    tick()
    await idle()
    expect(ran().at(-1)).toEqual({ count: 1, after: at('2022-09-21T10:02:00'), until: at('2022-09-21T10:30:00') })
    expect(ran()).toHaveLength(3)
    chat.app.scheduler.stop()
  })

  it('leaves out what is exactly CATCH_UP_DAYS old', async () => {
    const chat = await startChat({ start: '2022-09-03T09:00:00+08:00', env: { CATCH_UP_DAYS: '2' } })
    const { ran, idle } = await started(chat)
    await idle()
    // The digest of 1 September 09:00 is exactly two days old.
    expect(ran()).toEqual([])
    chat.app.scheduler.stop()

    const later = await startChat({ start: '2022-09-03T08:59:00+08:00', env: { CATCH_UP_DAYS: '2' } })
    vi.restoreAllMocks()
    const { ran: ranLater, idle: idleLater } = await started(later)
    await idleLater()
    expect(ranLater()).toEqual([{ count: 1, after: at('2022-09-01T08:59:00'), until: at('2022-09-03T08:59:00') }])
    later.app.scheduler.stop()
  })

  it('is active from start to stop, and stop leaves no timer behind', async () => {
    const chat = await startChat()
    const scheduler = chat.app.scheduler
    expect(scheduler.active).toBe(false)
    scheduler.stop() // nothing to stop: no harm
    expect(scheduler.active).toBe(false)

    const { task, idle } = await started(chat)
    await idle()
    expect(scheduler.active).toBe(true)
    expect(task.getStatus()).not.toBe('destroyed')
    expect(cron.getTask(task.id)).toBe(task)
    scheduler.stop()
    expect(scheduler.active).toBe(false)
    expect(task.getStatus()).toBe('destroyed')
    expect(cron.getTask(task.id)).toBeUndefined()
    scheduler.stop()
    expect(scheduler.active).toBe(false)
  })

  it('replaces its ticker when started again, keeping one', async () => {
    const chat = await startChat()
    const schedule = vi.spyOn(cron, 'schedule')
    chat.app.scheduler.start()
    chat.app.scheduler.start()
    await chat.app.scheduler.runDue(new Date(0), new Date(0))
    const [first, second] = schedule.mock.results.map((r) => r.value as ReturnType<typeof cron.schedule>)
    expect(first!.getStatus()).toBe('destroyed')
    expect(second!.getStatus()).not.toBe('destroyed')
    expect(chat.app.scheduler.active).toBe(true)
    chat.app.scheduler.stop()
    expect(second!.getStatus()).toBe('destroyed')
  })
})
