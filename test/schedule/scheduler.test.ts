import { describe, expect, it } from 'vitest'
import type { MockChat } from '../../src/sim/mock-chat.js'
import { GROUP, boundChat, freshDb, startChat, verify, runSchedule } from '../helpers.js'

const at = (local: string) => new Date(`${local}+08:00`)
const say = (chat: MockChat, from: string, text: string, time: string, room = GROUP) =>
  chat.say({ room, from, text, time: at(time) })

/** Runs the schedule over a window the way replay does: the clock follows each event. */

async function roomWithAugust(dbFile?: string) {
  const chat = await boundChat({ start: '2022-08-30T09:00:00+08:00', ...(dbFile ? { dbFile } : {}) })
  await say(chat, '王芳', '#活动 8月29日在市爱卫中心开展健康义诊，服务群众200人次，参与人次12', '2022-08-30T10:00:00')
  return chat
}

describe('scheduled digests', () => {
  it('pushes last month’s digest to the room and the cross-room digest to the admin on the 1st at 09:00', async () => {
    const chat = await roomWithAugust()
    const sent = await runSchedule(chat, '2022-08-31T00:00:00', '2022-09-01T12:00:00')
    expect(sent.map((m) => [m.time, m.to])).toEqual([
      ['2022-09-01T01:00:00.000Z', GROUP],
      ['2022-09-01T01:00:00.000Z', '管理员'],
    ])
    expect(sent[0]!.text).toContain('【平湖健康家园政协委员会客厅 · 2022年8月月报】')
    expect(sent[0]!.text).toContain('本月开展活动 1 场（义诊 1 场），参与 12 人次')
    expect(sent[1]!.text).toContain('【2022年8月 各会客厅、工作室汇总（1 个）】')
  })

  it('sends each push exactly once, also after a restart on the same database', async () => {
    const { file } = await freshDb()
    const first = await roomWithAugust(file)
    expect(await runSchedule(first, '2022-08-31T00:00:00', '2022-09-01T12:00:00')).toHaveLength(2)
    expect(await runSchedule(first, '2022-08-31T00:00:00', '2022-09-01T12:00:00')).toEqual([])
    await first.stop()
    const restarted = await startChat({ dbFile: file, start: '2022-09-01T12:00:00+08:00' })
    expect(await runSchedule(restarted, '2022-08-31T00:00:00', '2022-09-01T12:00:00')).toEqual([])
    const keys = await restarted.app.services.db.outboxMessage.findMany({ where: { dedupeKey: { startsWith: 'digest:' } } })
    expect(keys.map((k) => k.dedupeKey).sort()).toEqual(['digest:month:room1:2022-08-01', 'digest:month:to:r:管理员:2022-08-01'])
  })

  it('catches up a digest missed while the bot was down, within the grace window only', async () => {
    const late = await roomWithAugust()
    late.clock!.set(at('2022-09-03T08:00:00'))
    late.app.scheduler.start()
    late.app.scheduler.stop()
    await late.app.scheduler.runDue(at('2022-09-03T08:00:00'), at('2022-09-03T08:00:00')) // waits for the catch-up run
    await late.app.idle()
    expect(late.sent.filter((m) => m.text?.includes('2022年8月月报'))).toHaveLength(1)

    const tooLate = await roomWithAugust()
    tooLate.clock!.set(at('2022-09-05T08:00:00'))
    tooLate.app.scheduler.start()
    tooLate.app.scheduler.stop()
    await tooLate.app.scheduler.runDue(at('2022-09-05T08:00:00'), at('2022-09-05T08:00:00'))
    await tooLate.app.idle()
    expect(tooLate.sent.filter((m) => m.text?.includes('月报'))).toEqual([])
  })

  it('respects a room’s opt-out but still tells the admin', async () => {
    const chat = await roomWithAugust()
    const [reply] = await say(chat, '管理员', '#设置 推送 关', '2022-08-30T11:00:00')
    expect(reply!.text).toContain('已关闭本群定时推送')
    const sent = await runSchedule(chat, '2022-08-31T00:00:00', '2022-09-01T12:00:00')
    expect(sent.map((m) => m.to)).toEqual(['管理员'])
    const [member] = await say(chat, '李明', '#设置 推送 开', '2022-09-02T11:00:00')
    expect(member!.text).toContain('只有本群秘书或管理员可以修改设置')
  })

  it('pushes the quarter and the year on their first day', async () => {
    const chat = await roomWithAugust()
    const sent = await runSchedule(chat, '2022-09-30T00:00:00', '2023-01-01T12:00:00')
    const titles = sent.filter((m) => m.to === GROUP).map((m) => m.text!.split('\n')[0])
    expect(titles).toEqual([
      '【平湖健康家园政协委员会客厅 · 2022年9月月报】',
      '【平湖健康家园政协委员会客厅 · 2022年第三季度季报】',
      expect.stringContaining('【月月有活动】'), // 20 October, nothing recorded
      '【平湖健康家园政协委员会客厅 · 2022年10月月报】',
      expect.stringContaining('【月月有活动】'),
      '【平湖健康家园政协委员会客厅 · 2022年11月月报】',
      expect.stringContaining('【月月有活动】'),
      '【平湖健康家园政协委员会客厅 · 2022年12月月报】',
      '【平湖健康家园政协委员会客厅 · 2022年第四季度季报】',
      '【平湖健康家园政协委员会客厅 · 2022年年度总结】',
    ])
  })
})

describe('reminders', () => {
  it('nudges a quiet room on the 20th, naming its lead member, and not a busy one', async () => {
    const chat = await roomWithAugust()
    await say(chat, '王芳', '大家好', '2022-09-01T10:00:00')
    await say(chat, '管理员', '#牵头 @王芳', '2022-09-01T10:01:00')
    await chat.say({ room: '东海群', from: '管理员', text: '#绑定 东海论健委员工作室 工作室', time: at('2022-09-01T10:02:00') })
    await chat.say({ room: '东海群', from: '李明', text: '#活动 9月5日 健康讲座', time: at('2022-09-05T10:00:00') })
    const sent = await runSchedule(chat, '2022-09-19T00:00:00', '2022-09-21T00:00:00')
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ to: GROUP, time: '2022-09-20T02:00:00.000Z' })
    expect(sent[0]!.text).toContain('请牵头委员 @王芳 牵头安排一次')
  })

  it('lists stalled reports to every admin, once each, when the room has no verified secretary', async () => {
    const chat = await boundChat({ start: '2022-08-30T09:00:00+08:00', env: { BOT_ADMINS: '管理员,市政协办公室' } })
    await chat.contact('老周', '老周', '市政协办公室')
    await say(chat, '李明', '#民意 关于增设公交站点的建议', '2022-08-30T10:03:00')
    const sent = await runSchedule(chat, '2022-10-02T00:00:00', '2022-10-04T00:00:00') // Monday 3 October
    expect(sent.map((m) => m.to).sort()).toEqual(['管理员', '老周'].sort())
    expect(await runSchedule(chat, '2022-10-02T00:00:00', '2022-10-04T00:00:00')).toEqual([])
  })

  it('lists stalled reports to the room secretary on Monday', async () => {
    const chat = await roomWithAugust()
    await say(chat, '王芳', '大家好', '2022-08-30T10:01:00')
    await say(chat, '管理员', '#秘书 @王芳', '2022-08-30T10:02:00')
    await say(chat, '李明', '#民意 关于增设公交站点的建议', '2022-08-30T10:03:00')
    await say(chat, '李明', '#民意 关于规范校外培训的建议', '2022-09-20T10:03:00')
    // A secretary who has not verified gets nothing privately: the admins follow up instead.
    const before = await runSchedule(chat, '2022-10-02T00:00:00', '2022-10-04T00:00:00') // Monday 3 October
    expect(before.map((m) => m.to)).toEqual(['管理员'])
    chat.clock!.set(at('2022-10-04T10:00:00'))
    expect(await verify(chat, '王芳')).toContain('已认证')
    const sent = await runSchedule(chat, '2022-10-09T00:00:00', '2022-10-11T00:00:00') // Monday 10 October
    expect(sent).toHaveLength(1)
    expect(sent[0]!.to).toBe('王芳')
    expect(sent[0]!.text).toContain('有 1 篇超过 30 天没有新进展')
    expect(sent[0]!.text).toContain('M1 2022-08-30 关于增设公交站点的建议（尚无进展）')
  })

  it('reminds the group of a planned activity the evening before and an hour before, then turns it into a record', async () => {
    const chat = await boundChat({ start: '2022-09-18T10:00:00+08:00' })
    const [planned] = await say(chat, '王芳', '#预告 9月22日下午3点 健康讲座 市民中心', '2022-09-18T10:00:00')
    expect(planned!.text).toContain('已预告 P1：2022-09-22（周四） 15:00 健康讲座，地点：市民中心')
    // The 20th's "月月有活动" nudge falls in this window too; only the plan's reminders matter here.
    const reminders = (await runSchedule(chat, '2022-09-18T10:00:00', '2022-09-22T15:00:00')).filter((m) => m.text!.startsWith('【活动'))
    expect(reminders.map((m) => [m.time, m.text!.split('\n')[0]])).toEqual([
      ['2022-09-21T10:00:00.000Z', '【活动预告】明天 2022-09-22（周四） 15:00：健康讲座，地点：市民中心。'],
      ['2022-09-22T06:00:00.000Z', '【活动提醒】1 小时后（15:00）：健康讲座，地点：市民中心。'],
    ])
    const [recorded] = await say(chat, '王芳', '#活动 P1 参与人次=30 服务人次=150', '2022-09-22T18:00:00')
    expect(recorded!.text).toContain('已记录活动 A1')
    expect(recorded!.text).toContain('日期：2022-09-22（周四） 15:00')
    expect(recorded!.text).toContain('地点：市民中心')
    expect(recorded!.text).toContain('参与人次：30')
    const [again] = await say(chat, '王芳', '#活动 P1 参与人次=31', '2022-09-22T18:05:00')
    expect(again!.text).toContain('预告 P1 已记录为活动 A1')
  })

  it('sends no reminder for a cancelled plan, and refuses plans in the past or without a date', async () => {
    const chat = await boundChat({ start: '2022-09-18T10:00:00+08:00' })
    await say(chat, '王芳', '#预告 9月22日下午3点 健康讲座', '2022-09-18T10:00:00')
    expect((await say(chat, '李明', '#取消预告 P1', '2022-09-18T10:01:00'))[0]!.text).toContain('只有 P1 的预告人、本群秘书或管理员可以取消它')
    expect((await say(chat, '王芳', '#取消预告 P1', '2022-09-18T10:02:00'))[0]!.text).toContain('已取消预告 P1')
    const sent = await runSchedule(chat, '2022-09-18T10:00:00', '2022-09-23T00:00:00')
    expect(sent.map((m) => m.text!.split('\n')[0])).toEqual([expect.stringContaining('【月月有活动】')])
    expect((await say(chat, '王芳', '#预告 9月1日 读书会', '2022-09-18T10:03:00'))[0]!.text).toContain('已经过去了')
    expect((await say(chat, '王芳', '#预告 读书会', '2022-09-18T10:04:00'))[0]!.text).toContain('请写上活动的日期和时间')
  })
})

describe('the outbox under puppet failures', () => {
  it('retries a reply the puppet refused until it goes through, sending it once', async () => {
    const chat = await startChat({ outbox: { retryBaseMs: 20, retryMaxMs: 40 } })
    const puppet = chat.mocker.puppet
    const original = puppet.messageSendText.bind(puppet)
    let failures = 2
    puppet.messageSendText = async (conversationId: string, text: string) => {
      if (failures-- > 0) throw new Error('发送消息过于频繁')
      return original(conversationId, text)
    }
    await chat.say({ room: GROUP, from: '张三', text: '#帮助' })
    await expect.poll(() => chat.sent.length, { timeout: 3000, interval: 20 }).toBe(1)
    const row = await chat.app.services.db.outboxMessage.findFirstOrThrow()
    expect(row).toMatchObject({ status: 'sent', attempts: 3 })
  })
})

describe('the schedule and the login', () => {
  it('starts on login with a catch-up, and stops on logout', async () => {
    const { file } = await freshDb()
    const before = await roomWithAugust(file)
    await before.stop()
    // The bot comes back on 2 September: the 1 September digest was missed.
    const chat = await startChat({ dbFile: file, start: '2022-09-02T10:00:00+08:00', autoSchedule: true, outbox: { retryBaseMs: 50 } })
    expect(chat.app.scheduling).toBe(true)
    // The simulated WeChat is new: the group, with its members, appears once the account has loaded its chats.
    await chat.join(GROUP, '王芳')
    await expect.poll(() => chat.sent.filter((m) => m.text?.includes('2022年8月月报')).length, { timeout: 5000 }).toBe(1)
    await chat.mocker.puppet.logout()
    await expect.poll(() => chat.app.scheduling, { timeout: 2000 }).toBe(false)
  })
})
