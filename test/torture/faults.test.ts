import { describe, expect, it } from 'vitest'
import type { MockChat } from '../../src/sim/mock-chat.js'
import { boundChat, runSchedule } from '../helpers.js'

const at = (local: string) => new Date(`${local}+08:00`)

/** Three bound rooms with one activity each in August, so each gets an August digest. */
async function threeRooms() {
  const chat = await boundChat({ start: '2022-08-30T09:00:00+08:00', outbox: { retryBaseMs: 20, retryMaxMs: 40 } })
  const groups = ['平湖健康家园委员群', '东海群', '新塍群']
  for (const [i, group] of groups.entries()) {
    if (i > 0) await chat.say({ room: group, from: '管理员', text: `#绑定 第${i}工作室 工作室`, time: at(`2022-08-30T09:0${i}:00`) })
    await chat.say({ room: group, from: '王芳', text: `#活动 8月2${i}日 健康义诊，参与人次1${i}`, time: at(`2022-08-30T10:0${i}:00`) })
  }
  return { chat, groups }
}

const digestsTo = (chat: MockChat, to: string) => chat.sent.filter((m) => m.to === to && m.text?.includes('2022年8月月报'))

describe('puppet faults', () => {
  it('delivers every digest once although the puppet throws on the first sends', async () => {
    const { chat, groups } = await threeRooms()
    const puppet = chat.mocker.puppet
    const original = puppet.messageSendText.bind(puppet)
    let failures = 4
    puppet.messageSendText = async (id: string, text: string) => {
      if (failures-- > 0) throw new Error('操作过于频繁')
      return original(id, text)
    }
    await runSchedule(chat, '2022-08-31T00:00:00', '2022-09-01T12:00:00')
    await expect.poll(() => groups.map((g) => digestsTo(chat, g).length), { timeout: 5000 }).toEqual([1, 1, 1])
    expect(await chat.app.services.db.outboxMessage.count({ where: { status: 'pending' } })).toBe(0)
  })

  it('keeps the rest of a push through a logout and sends it after the next login, once', async () => {
    const { chat, groups } = await threeRooms()
    const puppet = chat.mocker.puppet
    const original = puppet.messageSendText.bind(puppet)
    let sends = 0
    puppet.messageSendText = async (id: string, text: string) => {
      const result = await original(id, text)
      // Logged out right after the first digest went out.
      if (++sends === 1) await puppet.logout('连接断开')
      return result
    }
    await runSchedule(chat, '2022-08-31T00:00:00', '2022-09-01T12:00:00')
    expect(groups.map((g) => digestsTo(chat, g).length)).toEqual([1, 0, 0])
    expect(await chat.app.services.db.outboxMessage.count({ where: { status: 'pending' } })).toBeGreaterThan(0)
    const back = new Promise<void>((resolve) => chat.bot.once('login', () => resolve()))
    chat.mocker.login(chat.botUser)
    await back
    await expect.poll(() => groups.map((g) => digestsTo(chat, g).length), { timeout: 5000 }).toEqual([1, 1, 1])
    // Running the schedule again after the login changes nothing.
    await runSchedule(chat, '2022-08-31T00:00:00', '2022-09-01T12:00:00')
    expect(groups.map((g) => digestsTo(chat, g).length)).toEqual([1, 1, 1])
  })

  it('ignores a message re-delivered while its reply is still queued', async () => {
    const { chat } = await threeRooms()
    chat.app.stop() // as if logged out: replies wait in the outbox
    await chat.say({ room: '东海群', from: '李明', text: '#活动 9月1日 读书会', time: at('2022-09-01T10:00:00') })
    const id = chat.lastInjectedId()
    await chat.redeliver(id)
    expect(await chat.app.services.db.activity.count({ where: { title: '读书会' } })).toBe(1)
    expect(await chat.app.services.db.outboxMessage.count({ where: { dedupeKey: { startsWith: `reply:${id}` } } })).toBe(1)
  })

  it('still reaches a group renamed mid-month, by event and while the bot was away', async () => {
    const { chat, groups } = await threeRooms()
    await chat.renameGroup(groups[1]!, '东海论健（新）', '王芳')
    // A second rename the bot never hears about: only the puppet payload changes.
    chat.group('东海论健（新）').payload.topic = '东海论健 2022'
    await runSchedule(chat, '2022-08-31T00:00:00', '2022-09-01T12:00:00')
    expect(digestsTo(chat, '东海论健 2022')).toHaveLength(1)
    expect((await chat.app.services.db.room.findFirstOrThrow({ where: { name: '第1工作室' } })).topic).toBe('东海论健 2022')
  })
})
