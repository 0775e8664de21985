import { describe, expect, it } from 'vitest'
import type { MockChat } from '../../src/sim/mock-chat.js'
import { CODED } from '../../src/records/kinds.js'
import { GROUP, boundChat } from '../helpers.js'

const at = (local: string) => new Date(`${local}+08:00`)
const say = async (chat: MockChat, from: string, text: string, time: string) =>
  (await chat.say({ room: GROUP, from, text, time: at(time) })).map((m) => m.text ?? '').join('\n')

/** The plan reminders the schedule sends over a window, first lines only. */
async function reminders(chat: MockChat, from: string, to: string) {
  const before = chat.sent.length
  await chat.app.scheduler.runDue(at(from), at(to), { before: (time) => chat.clock!.set(time), after: () => chat.app.idle() })
  return chat.sent.slice(before).map((m) => m.text!.split('\n')[0]!).filter((line) => line.startsWith('【活动'))
}

async function planned() {
  const chat = await boundChat({ start: '2022-09-18T10:00:00+08:00' })
  await say(chat, '王芳', '#登记 王芳 医药卫生', '2022-09-18T09:58:00')
  await say(chat, '李明', '#登记 李明 教育', '2022-09-18T09:59:00')
  expect(await say(chat, '王芳', '#预告 9月22日下午3点 健康讲座 市民中心', '2022-09-18T10:00:00')).toContain('已预告 P1')
  return chat
}

describe('plans in the registry', () => {
  it('is one of the coded kinds, under its own letter', () => {
    expect(CODED.plan.letter).toBe('P')
    expect(Object.values(CODED).map((k) => k.letter)).toEqual(['A', 'M', 'T', 'R', 'S', 'P'])
  })

  it('#查 shows a plan, #最近 lists it, and both say when it became an activity', async () => {
    const chat = await planned()
    const shown = await say(chat, '李明', '#查 P1', '2022-09-18T10:01:00')
    expect(shown).toContain('活动预告 P1')
    expect(shown).toContain('时间：2022-09-22（周四） 15:00')
    expect(shown).toContain('主题：健康讲座')
    expect(shown).toContain('地点：市民中心')
    expect(shown).toContain('预告人：王芳')
    expect(await say(chat, '李明', '#最近', '2022-09-18T10:02:00')).toContain('P1 2022-09-22 预告｜健康讲座')

    expect(await say(chat, '王芳', '#活动 P1 参与人次=30 服务人次=150', '2022-09-22T18:00:00')).toContain('已记录活动 A1')
    expect(await say(chat, '李明', '#查 P1', '2022-09-22T18:01:00')).toContain('已记录为活动 A1')
    const recent = await say(chat, '李明', '#最近', '2022-09-22T18:02:00')
    expect(recent).toContain('P1 2022-09-22 预告｜健康讲座（已记录为 A1）')
    expect(recent).toContain('A1 2022-09-22')
  })

  it('#撤销 cancels a plan (no reminders), #恢复 brings its reminders back, and both leave a revision', async () => {
    const chat = await planned()
    const cancelled = await say(chat, '王芳', '#撤销 P1', '2022-09-18T10:01:00')
    expect(cancelled).toContain('已取消 P1（健康讲座），不会再提醒。需要时可发送 #恢复 P1')
    expect(await say(chat, '王芳', '#撤销 P1', '2022-09-18T10:02:00')).toContain('P1 已经是取消状态')
    expect(await say(chat, '王芳', '#取消预告 P1', '2022-09-18T10:02:30')).toContain('P1 已经取消了')
    expect(await say(chat, '李明', '#查 P1', '2022-09-18T10:03:00')).toContain('活动预告 P1（已取消，不再提醒）')
    expect(await say(chat, '李明', '#最近', '2022-09-18T10:03:30')).toContain('P1 2022-09-22 预告｜健康讲座（已取消）')
    expect(await reminders(chat, '2022-09-18T10:04:00', '2022-09-20T12:00:00')).toEqual([])
    expect(await say(chat, '王芳', '#活动 P1 参与人次=30', '2022-09-20T12:01:00')).toContain('预告 P1 已取消。活动照常举行的话，先发送 #恢复 P1 再记录')

    expect(await say(chat, '王芳', '#恢复 P1', '2022-09-20T12:02:00')).toContain('已恢复 P1（健康讲座），还没到的提醒照常发送。')
    expect(await reminders(chat, '2022-09-20T12:03:00', '2022-09-22T15:00:00')).toEqual([
      '【活动预告】明天 2022-09-22（周四） 15:00：健康讲座，地点：市民中心。',
      '【活动提醒】1 小时后（15:00）：健康讲座，地点：市民中心。',
    ])
    const history = await say(chat, '李明', '#查 P1', '2022-09-22T15:01:00')
    expect(history).toContain('王芳 撤销')
    expect(history).toContain('王芳 恢复')
  })

  it('a plan restored late sends no reminder that is no longer true, also when the schedule catches up', async () => {
    // Catching up as after a stop: the clock stays at the moment of the catch-up while past events run.
    const catchUp = async (chat: MockChat, from: string, now: string) => {
      const before = chat.sent.length
      chat.clock!.set(at(now))
      await chat.app.scheduler.runDue(at(from), at(now), { after: () => chat.app.idle() })
      return chat.sent.slice(before).map((m) => m.text!.split('\n')[0]!).filter((line) => line.startsWith('【活动'))
    }
    const started = await planned()
    await say(started, '王芳', '#撤销 P1', '2022-09-18T10:01:00')
    await say(started, '王芳', '#恢复 P1', '2022-09-22T16:00:00')
    expect(await catchUp(started, '2022-09-18T10:02:00', '2022-09-22T16:01:00')).toEqual([])

    const onTheDay = await planned()
    await say(onTheDay, '王芳', '#撤销 P1', '2022-09-18T10:01:00')
    await say(onTheDay, '王芳', '#恢复 P1', '2022-09-22T10:00:00')
    // 明天 would be wrong on the 22nd; the reminder an hour before still comes on time.
    expect(await catchUp(onTheDay, '2022-09-18T10:02:00', '2022-09-22T10:01:00')).toEqual([])
    expect(await reminders(onTheDay, '2022-09-22T10:02:00', '2022-09-22T15:00:00')).toEqual(['【活动提醒】1 小时后（15:00）：健康讲座，地点：市民中心。'])

    const theEveningBefore = await planned()
    await say(theEveningBefore, '王芳', '#撤销 P1', '2022-09-18T10:01:00')
    await say(theEveningBefore, '王芳', '#恢复 P1', '2022-09-21T20:00:00')
    expect(await catchUp(theEveningBefore, '2022-09-18T10:02:00', '2022-09-21T20:01:00')).toEqual([
      '【活动预告】明天 2022-09-22（周四） 15:00：健康讲座，地点：市民中心。',
    ])
  })

  it('#取消预告 leaves the same revision as #撤销, and a plan that became an activity stays as it is', async () => {
    const chat = await planned()
    expect(await say(chat, '王芳', '#取消预告 P1', '2022-09-18T10:01:00')).toContain('已取消预告 P1（健康讲座），不会再提醒。需要时可发送 #恢复 P1')
    expect(await say(chat, '李明', '#查 P1', '2022-09-18T10:02:00')).toContain('王芳 撤销')
    await say(chat, '王芳', '#恢复 P1', '2022-09-18T10:03:00')
    await say(chat, '王芳', '#活动 P1 参与人次=30 服务人次=150', '2022-09-22T18:00:00')
    const fixed = '预告 P1 已记录为活动 A1，预告本身不能再撤销或恢复；要撤销活动请发送 #撤销 A1'
    expect(await say(chat, '王芳', '#撤销 P1', '2022-09-22T18:01:00')).toContain(fixed)
    expect(await say(chat, '王芳', '#取消预告 P1', '2022-09-22T18:02:00')).toContain(fixed)
    expect(await say(chat, '王芳', '#恢复 P1', '2022-09-22T18:03:00')).toContain(fixed)
  })

  it('only the announcer, a secretary or an admin may withdraw a plan; nobody edits one, and another room cannot see it', async () => {
    const chat = await planned()
    expect(await say(chat, '李明', '#撤销 P1', '2022-09-18T10:01:00')).toContain('只有 P1 的预告人、本群秘书或管理员可以撤销它')
    expect(await say(chat, '王芳', '#修改 P1 主题=读书会', '2022-09-18T10:02:00')).toContain('预告 P1 不能修改。时间、主题或地点变了，请发送 #取消预告 P1，再重新 #预告。')
    expect(await say(chat, '李明', '#修改 P1 主题=读书会', '2022-09-18T10:02:30')).toContain('预告 P1 不能修改。')
    expect(await say(chat, '管理员', '#撤销 P1', '2022-09-18T10:03:00')).toContain('已取消 P1')
    await chat.say({ room: '另一个群', from: '管理员', text: '#绑定 另一个委员工作室', time: at('2022-09-18T10:04:00') })
    const elsewhere = (await chat.say({ room: '另一个群', from: '管理员', text: '#查 P1', time: at('2022-09-18T10:05:00') })).map((m) => m.text).join('\n')
    expect(elsewhere).toContain('找不到记录 P1')
  })
})

/** Plan P1, and 王芳 at her one tagged message a minute on the evening of the event: her next one is held as a draft. */
async function plannedAndBusy() {
  const chat = await boundChat({ start: '2022-09-18T10:00:00+08:00', env: { SENDER_MAX_PER_MINUTE: '1' } })
  await say(chat, '王芳', '#登记 王芳 医药卫生', '2022-09-18T09:58:00')
  expect(await say(chat, '王芳', '#预告 9月22日下午3点 健康讲座 市民中心', '2022-09-18T10:00:00')).toContain('已预告 P1')
  await say(chat, '王芳', '#最近', '2022-09-22T18:00:00')
  return chat
}

describe('#活动 P… kept as a draft', () => {
  it('sent too fast: completing the draft records the plan’s activity and marks the plan done', async () => {
    const chat = await plannedAndBusy()
    expect(await say(chat, '王芳', '#活动 P1 参与人次=30', '2022-09-22T18:00:10')).toContain('这条已存为草稿 D1')

    const completed = await say(chat, '王芳', '#修改 D1 服务人次=150', '2022-09-22T18:05:00')
    expect(completed).toContain('已记录活动 A1')
    expect(completed).toContain('（草稿 D1 已由这条补全）')
    const shown = await say(chat, '王芳', '#查 A1', '2022-09-22T18:06:00')
    expect(shown).toContain('健康讲座')
    expect(shown).toContain('市民中心')
    expect(shown).toMatch(/参与.*30/)
    expect(shown).toMatch(/服务.*150/)
    expect(await say(chat, '王芳', '#查 P1', '2022-09-22T18:07:00')).toContain('已记录为活动 A1')
    // Sending it again does not record the plan a second time.
    expect(await say(chat, '王芳', '#活动 P1 参与人次=30', '2022-09-22T18:10:00')).toContain('预告 P1 已记录为活动 A1')
  })

  it('unreadable: the draft keeps the plan, and a second #修改 replaces the value written before', async () => {
    const chat = await planned()
    const kept = await say(chat, '王芳', '#活动 P1 参与人次=很多 服务人次=150', '2022-09-22T18:00:00')
    expect(kept).toContain('D1')
    expect(await say(chat, '王芳', '#修改 D1 服务人次=160', '2022-09-22T18:01:00')).toContain('草稿 D1 还差一点')
    const completed = await say(chat, '王芳', '#修改 D1 参与人次=30', '2022-09-22T18:02:00')
    expect(completed).toContain('已记录活动 A1')
    expect(completed).not.toContain('只取了')
    const shown = await say(chat, '王芳', '#查 A1', '2022-09-22T18:03:00')
    expect(shown).toContain('健康讲座')
    expect(shown).toMatch(/参与.*30/)
    expect(shown).toMatch(/服务.*160/)
    expect(await say(chat, '王芳', '#查 P1', '2022-09-22T18:04:00')).toContain('已记录为活动 A1')
  })

  it('a plan recorded or cancelled since is not recorded again from the draft', async () => {
    const chat = await planned()
    await say(chat, '王芳', '#活动 P1 参与人次=很多', '2022-09-22T18:00:00')
    await say(chat, '李明', '#活动 P1 参与人次=30 服务人次=150', '2022-09-22T18:01:00')
    const refused = await say(chat, '王芳', '#修改 D1 参与人次=30', '2022-09-22T18:02:00')
    expect(refused).toContain('预告 P1 已记录为活动 A1')
    expect(refused).toContain('#撤销 D1')
    expect(await say(chat, '王芳', '#最近', '2022-09-22T18:03:00')).not.toContain('A2')
  })

  it('words before the fields stay in the activity’s own text (活动内容), also through a draft', async () => {
    const chat = await planned()
    await say(chat, '王芳', '#活动 P1 讲座后居民踊跃提问 参与人次=很多', '2022-09-22T18:00:00')
    expect(await say(chat, '王芳', '#修改 D1 参与人次=30', '2022-09-22T18:01:00')).toContain('已记录活动 A1')
    const stored = await chat.app.services.db.activity.findFirstOrThrow({ where: { code: 'A1' } })
    expect(stored.rawText).toContain('讲座后居民踊跃提问')
    expect(stored.participants).toBe(30)
  })

  it('a title that starts like a code (P1P网贷…) is an activity of its own, and the plan stays open', async () => {
    const chat = await planned()
    const recorded = await say(chat, '王芳', '#活动 P1P网贷风险防范讲座 时间：9月20日 地点：社区 参与人次：30', '2022-09-20T18:00:00')
    expect(recorded).toContain('已记录活动 A1')
    expect(recorded).toContain('P1P网贷风险防范讲座')
    expect(await say(chat, '王芳', '#查 P1', '2022-09-20T18:01:00')).not.toContain('已记录为活动')
    expect(await say(chat, '王芳', '#活动 P12345678 讲座', '2022-09-20T18:02:00')).not.toContain('出错')
  })

  it('时间=下午4点 changes the plan’s time, not its day, also through a draft', async () => {
    const chat = await planned()
    expect(await say(chat, '王芳', '#活动 P1 时间=下午4点 参与人次=30', '2022-09-23T18:00:00')).toContain('日期：2022-09-22（周四） 16:00')
  })

  it('a plan’s draft is not completed by another activity the member records meanwhile', async () => {
    const chat = await plannedAndBusy()
    expect(await say(chat, '王芳', '#活动 P1 参与人次=30', '2022-09-22T18:00:10')).toContain('草稿 D1')
    const other = await say(chat, '王芳', '#活动 9月21日在社区开展健康讲座，参与人次20', '2022-09-22T18:05:00')
    expect(other).toContain('已记录活动 A1')
    expect(other).toContain('提示：您还有草稿 D1 没有补全')
    expect(await say(chat, '王芳', '#修改 D1 服务人次=150', '2022-09-22T18:10:00')).toContain('已记录活动 A2')
    expect(await say(chat, '王芳', '#查 P1', '2022-09-22T18:11:00')).toContain('已记录为活动 A2')
  })

  it('a plan’s draft with words that look like a field (效果很好：…) can be completed, the words kept in the 备注', async () => {
    const chat = await plannedAndBusy()
    expect(await say(chat, '王芳', '#活动 P1 效果很好：居民踊跃提问 参与人次=30', '2022-09-22T18:00:10')).toContain('草稿 D1')
    expect(await say(chat, '王芳', '#修改 D1 天气=晴', '2022-09-22T18:05:00')).toContain('不认识的字段：天气')
    const completed = await say(chat, '王芳', '#修改 D1 服务人次=150', '2022-09-22T18:06:00')
    expect(completed).toContain('已记录活动 A1')
    const stored = await chat.app.services.db.activity.findFirstOrThrow()
    expect(stored.note).toContain('效果很好：居民踊跃提问')
    expect(stored).toMatchObject({ participants: 30, reach: 150 })
  })
})
