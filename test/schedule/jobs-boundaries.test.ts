import { describe, expect, it, vi } from 'vitest'
import type { ScheduleServices } from '../../src/schedule/services.js'
import type { MockChat } from '../../src/sim/mock-chat.js'
import { followUpStalledReports, nudgeQuietRooms, planReminderEvents, pushDigests, sendOnce } from '../../src/schedule/jobs.js'
import { planReminderText } from '../../src/texts/schedule.js'
import { createPlan } from '../../src/services/plans.js'
import type { OpinionReport, PlannedActivity } from '../../src/generated/prisma/client.js'
import { GROUP, boundChat, startChat, stepRow, verify } from '../helpers.js'

const at = (local: string) => new Date(`${local}+08:00`)
const say = (chat: MockChat, from: string, text: string, time: string, room = GROUP) => chat.say({ room, from, text, time: at(time) })
/** What the scheduler was given: the jobs run with exactly that, no database client. */
const services = (chat: MockChat): ScheduleServices => chat.app.scheduler.services
/** The test's own handle on the database, to set up and read back. */
const dbOf = (chat: MockChat) => chat.app.services.db

/** What the schedule queued, in order: the key and the text a reader would see. */
async function queued(chat: MockChat, prefix: string) {
  const rows = await dbOf(chat).outboxMessage.findMany({ where: { dedupeKey: { startsWith: prefix } }, orderBy: { id: 'asc' } })
  return rows.map((r) => ({ key: r.dedupeKey, roomId: r.roomId, text: r.text }))
}

async function addRoom(chat: MockChat, name: string, data: { account?: string | null; pushEnabled?: boolean } = {}) {
  return dbOf(chat).room.create({ data: { name, kind: '会客厅', topic: `${name}群`, account: data.account ?? null, pushEnabled: data.pushEnabled ?? true } })
}

describe('plan reminder texts', () => {
  const plan = (place: string | null) =>
    ({ code: 'P7', date: '2022-09-22', time: '15:00', title: '健康讲座', place }) as PlannedActivity

  it('words the evening-before reminder in full', () => {
    expect(planReminderText(plan('市民中心'), 'eve', 60)).toBe(
      [
        '【活动预告】明天 2022-09-22（周四） 15:00：健康讲座，地点：市民中心。',
        '请参加的委员做好准备。',
        '活动后发送 #活动 P7 参与人次=… 服务人次=… 即可记录，不用重写。',
      ].join('\n'),
    )
  })

  it('words the lead-time reminder in full, without a place when none was given', () => {
    expect(planReminderText(plan(null), 'lead', 60)).toBe(
      ['【活动提醒】1 小时后（15:00）：健康讲座。', '请参加的委员准时到场。', '活动后发送 #活动 P7 参与人次=… 服务人次=… 即可记录，不用重写。'].join('\n'),
    )
  })

  it('counts the lead time in hours only when it is whole hours', () => {
    const first = (minutes: number) => planReminderText(plan(null), 'lead', minutes).split('\n')[0]
    expect(first(120)).toBe('【活动提醒】2 小时后（15:00）：健康讲座。')
    expect(first(90)).toBe('【活动提醒】90 分钟后（15:00）：健康讲座。')
    expect(first(30)).toBe('【活动提醒】30 分钟后（15:00）：健康讲座。')
    // PLAN_LEAD_MINUTES=0 reminds at the start time: no "0 小时".
    expect(first(0)).toBe('【活动提醒】0 分钟后（15:00）：健康讲座。')
  })
})

describe('sendOnce', () => {
  it('queues a key once and does not even compute the text again', async () => {
    const chat = await boundChat()
    const room = await dbOf(chat).room.findFirstOrThrow()
    const text = vi.fn(async () => '你好')
    expect(await sendOnce(services(chat), 'test:once', { kind: 'room', roomId: room.id }, text)).toBe(true)
    expect(await sendOnce(services(chat), 'test:once', { kind: 'room', roomId: room.id }, text)).toBe(false)
    expect(text).toHaveBeenCalledTimes(1)
    expect(await queued(chat, 'test:')).toEqual([{ key: 'test:once', roomId: room.id, text: '你好' }])
  })
})

describe('digests when another bot account serves rooms too', () => {
  it('sends only this account’s rooms, scopes the private key, and gives a secretary only their rooms', async () => {
    const chat = await startChat({ start: '2022-08-30T09:00:00+08:00' })
    const db = dbOf(chat)
    const { config } = services(chat)
    const mine = await addRoom(chat, '甲会客厅')
    const second = await addRoom(chat, '乙会客厅')
    const foreign = await addRoom(chat, '丙工作室', { account: 'other-bot' })
    // A verified secretary of the first room only, and one of the foreign room only.
    const sec = await db.member.create({ data: { name: 'wf', realName: '王芳', key: 'w:wxid_wf' } })
    await db.roomMembership.create({ data: { roomId: mine.id, memberId: sec.id, role: 'secretary' } })
    const away = await db.member.create({ data: { name: '赵六', key: 'w:wxid_zl' } })
    await db.roomMembership.create({ data: { roomId: foreign.id, memberId: away.id, role: 'secretary' } })

    await pushDigests(services(chat), 'month', at('2022-09-01T09:00:00'))
    const rows = await queued(chat, 'digest:')
    expect(rows.map((r) => r.key)).toEqual([
      `digest:month:room${mine.id}:2022-08-01`,
      `digest:month:room${second.id}:2022-08-01`,
      `digest:month:to:r:管理员@${config.BOT_NAME}:2022-08-01`,
      `digest:month:to:w:wxid_wf@${config.BOT_NAME}:2022-08-01`,
    ])
    expect(rows[2]!.text).toContain('（2 个）')
    expect(rows[3]!.text).toContain('【2022年8月 各会客厅、工作室汇总（1 个）】')
    expect(rows[3]!.text).toContain('甲会客厅')
    expect(rows[3]!.text).not.toContain('乙会客厅')
  })
})

describe('the quiet-room nudge', () => {
  it('asks everyone when there is no lead member, names all leads otherwise, and skips opted-out and foreign rooms', async () => {
    const chat = await startChat({ start: '2022-09-01T09:00:00+08:00' })
    const db = dbOf(chat)
    const noLead = await addRoom(chat, '甲会客厅')
    const led = await addRoom(chat, '乙会客厅')
    await addRoom(chat, '丙会客厅', { pushEnabled: false })
    await addRoom(chat, '丁工作室', { account: 'other-bot' })
    for (const name of ['王芳', '李明']) {
      const m = await db.member.create({ data: { name } })
      await db.roomMembership.create({ data: { roomId: led.id, memberId: m.id, role: 'lead' } })
    }
    await nudgeQuietRooms(services(chat), at('2022-09-20T10:00:00'))
    expect(await queued(chat, 'nudge:')).toEqual([
      {
        key: `nudge:room${noLead.id}:2022-09-01`,
        roomId: noLead.id,
        text: '【月月有活动】9月已过去大半，本群还没有记录活动。请大家商量安排一次（可用 #牵头 @某人 设置牵头委员），活动后发送 #活动 记录即可；已经办过的也请补记。',
      },
      {
        key: `nudge:room${led.id}:2022-09-01`,
        roomId: led.id,
        text: '【月月有活动】9月已过去大半，本群还没有记录活动。请牵头委员 @王芳 @李明 牵头安排一次，活动后发送 #活动 记录即可；已经办过的也请补记。',
      },
    ])
  })
})

describe('follow-up of stalled reports', () => {
  async function report(chat: MockChat, roomId: number, code: string, date: string, title: string, lastChangeAt: Date) {
    return dbOf(chat).opinionReport.create({
      data: { code, roomId, date, title, reporterName: '李明', sourceMessageId: `src-${code}`, rawText: title, lastChangeAt },
    })
  }
  const event = (chat: MockChat, report: OpinionReport, kind: string, date: string) =>
    dbOf(chat).opinionEvent.create({ data: stepRow(report, { kind, date, actorName: '管理员' }) })

  it('lists reports unchanged for exactly FOLLOW_UP_DAYS, with their latest step, to the admin of a room without secretary', async () => {
    const chat = await startChat({ start: '2022-08-30T09:00:00+08:00' })
    const room = await addRoom(chat, '甲会客厅')
    const other = await addRoom(chat, '丁工作室', { account: 'other-bot' })
    const now = at('2022-10-03T09:00:00')
    const thirtyDays = 30 * 86_400_000
    const m1 = await report(chat, room.id, 'M1', '2022-08-20', '关于增设公交站点的建议', new Date(now.getTime() - thirtyDays))
    const m2 = await report(chat, room.id, 'M2', '2022-08-21', '关于规范校外培训的建议', new Date(now.getTime() - thirtyDays - 60_000))
    await event(chat, m2, 'adopted', '2022-08-25')
    await event(chat, m2, 'instructed', '2022-08-27')
    await event(chat, m2, 'adopted', '2022-08-28')
    await report(chat, room.id, 'M3', '2022-08-22', '一分钟之差', new Date(now.getTime() - thirtyDays + 60_000))
    const done = await report(chat, room.id, 'M4', '2022-08-01', '已办结的', new Date(now.getTime() - 2 * thirtyDays))
    await event(chat, done, 'resolved', '2022-08-10')
    await dbOf(chat).opinionReport.create({
      data: { code: 'M5', roomId: room.id, date: '2022-08-01', title: '已撤回的', reporterName: '李明', sourceMessageId: 'src-M5', rawText: 'x', withdrawn: true, lastChangeAt: new Date(0) },
    })
    await report(chat, other.id, 'M6', '2022-08-01', '别的账号的群', new Date(0))

    await followUpStalledReports(services(chat), now)
    expect(await queued(chat, 'followup:')).toEqual([
      {
        key: `followup:room${room.id}:to:r:管理员:2022-10-03`,
        roomId: null,
        text: [
          '【社情民意跟进】甲会客厅 有 2 篇超过 30 天没有新进展：',
          'M1 2022-08-20 关于增设公交站点的建议（尚无进展）',
          'M2 2022-08-21 关于规范校外培训的建议（最近：2022-08-28）',
          '有进展请在群里发送 #采纳 / #批示 / #办结 <编号>。',
        ].join('\n'),
      },
    ])
    expect(m1.code).toBe('M1')
  })
})

describe('plan reminders at their boundaries', () => {
  async function planned(start = '2022-09-18T10:00:00') {
    const chat = await boundChat({ start: `${start}+08:00` })
    const [reply] = await say(chat, '王芳', '#预告 9月22日下午3点 健康讲座 市民中心', start)
    expect(reply!.text).toContain('已预告 P1')
    return chat
  }
  const due = async (chat: MockChat, after: string, until: string) =>
    (await planReminderEvents(services(chat), at(after), at(until))).map((e) => [e.job, e.at.toISOString()])

  it('excludes the window start and includes its end, for both the evening and the lead reminder', async () => {
    const chat = await planned()
    expect(await due(chat, '2022-09-21T17:59:00', '2022-09-21T18:00:00')).toEqual([['plan-eve', '2022-09-21T10:00:00.000Z']])
    expect(await due(chat, '2022-09-21T18:00:00', '2022-09-22T13:59:00')).toEqual([])
    expect(await due(chat, '2022-09-21T18:00:00', '2022-09-22T14:00:00')).toEqual([['plan-lead', '2022-09-22T06:00:00.000Z']])
    expect(await due(chat, '2022-09-22T14:00:00', '2022-09-22T15:00:00')).toEqual([])
    expect(await due(chat, '2022-09-18T10:00:00', '2022-09-22T15:00:00')).toEqual([
      ['plan-eve', '2022-09-21T10:00:00.000Z'],
      ['plan-lead', '2022-09-22T06:00:00.000Z'],
    ])
  })

  it('gives a plan made at or after its evening reminder time only the lead reminder', async () => {
    const exactly = await planned('2022-09-21T18:00:00')
    expect(await due(exactly, '2022-09-21T00:00:00', '2022-09-22T15:00:00')).toEqual([['plan-lead', '2022-09-22T06:00:00.000Z']])
    const later = await planned('2022-09-21T19:00:00')
    expect(await due(later, '2022-09-21T00:00:00', '2022-09-22T15:00:00')).toEqual([['plan-lead', '2022-09-22T06:00:00.000Z']])
  })

  it('sends nothing for a plan cancelled or recorded after its reminder was scheduled', async () => {
    const chat = await planned()
    const [eve] = await planReminderEvents(services(chat), at('2022-09-21T17:00:00'), at('2022-09-21T18:00:00'))
    chat.clock!.set(at('2022-09-21T17:30:00'))
    expect((await say(chat, '王芳', '#取消预告 P1', '2022-09-21T17:30:00'))[0]!.text).toContain('已取消预告 P1')
    await eve!.run()
    expect(await queued(chat, 'plan:')).toEqual([])

    const recorded = await planned()
    const [lead] = await planReminderEvents(services(recorded), at('2022-09-22T13:00:00'), at('2022-09-22T14:00:00'))
    await dbOf(recorded).plannedActivity.update({ where: { code: 'P1' }, data: { activityCode: 'A1' } })
    await lead!.run()
    expect(await queued(recorded, 'plan:')).toEqual([])

    const open = await planned()
    const [ok] = await planReminderEvents(services(open), at('2022-09-22T13:00:00'), at('2022-09-22T14:00:00'))
    await ok!.run()
    expect((await queued(open, 'plan:')).map((r) => [r.key, r.text!.split('\n')[0]])).toEqual([['plan:P1:lead', '【活动提醒】1 小时后（15:00）：健康讲座，地点：市民中心。']])
  })

  it('sends a reminder run late (a catch-up) only while it is still true: 明天 before the day, 1 小时后 before the start', async () => {
    const runLate = async (which: 'eve' | 'lead', now: string) => {
      const chat = await planned()
      const events = await planReminderEvents(services(chat), at('2022-09-18T10:00:00'), at('2022-09-22T15:00:00'))
      chat.clock!.set(at(now))
      await events.find((e) => e.job === `plan-${which}`)!.run()
      return (await queued(chat, 'plan:')).map((r) => r.key)
    }
    expect(await runLate('eve', '2022-09-21T23:59:00')).toEqual(['plan:P1:eve'])
    expect(await runLate('eve', '2022-09-22T00:00:00')).toEqual([]) // the day itself: no longer 明天
    expect(await runLate('lead', '2022-09-22T14:59:00')).toEqual(['plan:P1:lead']) // on the day, before the start
    expect(await runLate('lead', '2022-09-22T15:00:00')).toEqual([]) // begun
  })

  it('leaves the plans of rooms another bot account serves to that account', async () => {
    const chat = await startChat({ start: '2022-09-18T10:00:00+08:00' })
    const foreign = await addRoom(chat, '丁工作室', { account: 'other-bot' })
    await createPlan(dbOf(chat), {
      roomId: foreign.id, startsAt: at('2022-09-22T15:00:00'), date: '2022-09-22', time: '15:00', title: '读书会', place: undefined,
      createdById: undefined, createdByName: '王芳', messageId: 'm-foreign', createdAt: at('2022-09-18T10:00:00'),
    })
    expect(await planReminderEvents(services(chat), at('2022-09-18T10:00:00'), at('2022-09-22T15:00:00'))).toEqual([])
  })

  it('looks far enough ahead for a lead time longer than the two-day window', async () => {
    const chat = await boundChat({ start: '2022-09-18T10:00:00+08:00', env: { PLAN_LEAD_MINUTES: '3000' } })
    await say(chat, '王芳', '#预告 9月22日下午3点 健康讲座', '2022-09-18T10:00:00')
    // 3000 minutes before 22 September 15:00 is 20 September 13:00.
    expect((await planReminderEvents(services(chat), at('2022-09-20T12:00:00'), at('2022-09-20T13:00:00'))).map((e) => e.job)).toEqual(['plan-lead'])
  })
})

describe('the scheduler’s jobs', () => {
  it('names each job by what it does', async () => {
    const chat = await startChat()
    const events = await chat.app.scheduler.dueEvents(at('2022-12-31T00:00:00'), at('2023-01-02T12:00:00'))
    expect(events.map((e) => e.job)).toEqual(['monthly-digest', 'quarterly-digest', 'annual-digest', 'follow-up'])
    const nudge = await chat.app.scheduler.dueEvents(at('2022-09-20T00:00:00'), at('2022-09-20T12:00:00'))
    expect(nudge.map((e) => e.job)).toEqual(['activity-nudge'])
  })

  it('logs a failing job and still runs the others', async () => {
    const chat = await boundChat({ start: '2022-08-30T09:00:00+08:00' })
    const s = services(chat)
    const error = vi.spyOn(s.log, 'error')
    const enqueue = vi.spyOn(s.outbox, 'enqueue')
    enqueue.mockRejectedValueOnce(new Error('boom'))
    const count = await chat.app.scheduler.runDue(at('2022-08-31T00:00:00'), at('2022-09-01T12:00:00'))
    expect(count).toBe(1)
    expect(error).toHaveBeenCalledWith(expect.objectContaining({ job: 'monthly-digest', at: at('2022-09-01T09:00:00'), err: expect.any(Error) }), 'scheduled job failed')
    enqueue.mockRestore()
    error.mockRestore()
  })

  it('logs the catch-up run only when something was due', async () => {
    const busy = await boundChat({ start: '2022-09-03T08:00:00+08:00' })
    const info = vi.spyOn(services(busy).log, 'info')
    busy.app.scheduler.start()
    busy.app.scheduler.stop()
    await busy.app.scheduler.runDue(at('2022-09-03T08:00:00'), at('2022-09-03T08:00:00'))
    const ran = info.mock.calls.filter((c) => c[1] === 'scheduled jobs ran')
    expect(ran).toEqual([[{ count: 1, after: at('2022-08-31T08:00:00'), until: at('2022-09-03T08:00:00') }, 'scheduled jobs ran']])
    info.mockClear()

    const idle = await boundChat({ start: '2022-09-10T08:00:00+08:00' })
    idle.app.scheduler.start()
    idle.app.scheduler.stop()
    await idle.app.scheduler.runDue(at('2022-09-10T08:00:00'), at('2022-09-10T08:00:00'))
    expect(info.mock.calls.filter((c) => c[1] === 'scheduled jobs ran')).toEqual([])
    info.mockRestore()
  })
})
