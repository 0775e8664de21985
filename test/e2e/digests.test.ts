import { describe, expect, it } from 'vitest'
import type { MockChat } from '../../src/sim/mock-chat.js'
import { GROUP, boundChat, verify } from '../helpers.js'

const at = (local: string) => new Date(`${local}+08:00`)
async function say(chat: MockChat, from: string, text: string, time: string, room: string | null = GROUP) {
  const out = await chat.say({ ...(room ? { room } : {}), from, text, time: at(time) })
  return out.map((m) => `${m.to}|${m.text}`).join('\n---\n')
}

async function twoRooms() {
  const chat = await boundChat({ start: '2022-09-01T09:00:00+08:00' })
  await chat.say({ room: '东海群', from: '管理员', text: '#绑定 东海论健委员工作室 工作室', time: at('2022-09-01T09:01:00') })
  await say(chat, '王芳', '#登记 王芳 医药卫生', '2022-09-01T09:02:00')
  await say(chat, '管理员', '#秘书 @王芳', '2022-09-01T09:03:00')
  await say(chat, '王芳', '#活动 9月10日在市爱卫中心开展健康义诊，委员王芳参加，服务群众36200人次，参与人次12', '2022-09-10T18:00:00')
  await say(chat, '王芳', '#活动 8月10日 读书会，参与人次10', '2022-09-10T18:01:00')
  await say(chat, '李明', '#活动 9月12日 健康讲座，参与人次40', '2022-09-12T18:00:00', '东海群')
  return chat
}

describe('#月报, #季报, #年报', () => {
  it('gives a room its own digest, large figures written the way summaries do', async () => {
    const chat = await twoRooms()
    const reply = await say(chat, '李四', '#月报', '2022-09-25T10:00:00')
    expect(reply).toContain(`${GROUP}|【平湖健康家园政协委员会客厅 · 2022年9月月报】`)
    expect(reply).toContain('本月开展活动 1 场（义诊 1 场），参与 12 人次；委员 1 人、1 人次参与；服务群众 3.6万余（36,200） 人次。')
    expect(reply).toContain('与上月比：活动 持平，参与 +2 人次')
    const august = await say(chat, '李四', '#月报 2022年8月', '2022-09-25T10:01:00')
    expect(august).toContain('2022年8月月报】')
    expect(august).toContain('本月开展活动 1 场（读书会 1 场），参与 10 人次')
  })

  it('gives a secretary the cross-room view in a private chat, and refuses others', async () => {
    const chat = await twoRooms()
    // A private chat is found by name only until the contact is verified: no figures before that.
    expect(await say(chat, '王芳', '#季报', '2022-09-25T09:50:00', null)).toContain('私聊查看各群季报需要先认证')
    expect(await verify(chat, '王芳')).toContain('已认证：王芳')
    expect(await verify(chat, '李明')).toContain('已认证')
    const secretary = await say(chat, '王芳', '#季报', '2022-09-25T10:00:00', null)
    expect(secretary).toContain('王芳|【2022年第三季度 各会客厅、工作室汇总（1 个）】')
    expect(secretary).toContain('1. 平湖健康家园政协委员会客厅：活动 2 场')
    expect(secretary).not.toContain('东海论健')
    const admin = await say(chat, '管理员', '#季报', '2022-09-25T10:01:00', null)
    expect(admin).toContain('（2 个）')
    expect(admin).toContain('合计：活动 3 场，参与 62 人次')
    const member = await say(chat, '李明', '#年报', '2022-09-25T10:02:00', null)
    expect(member).toContain('私聊查询汇总只对秘书和管理员开放')
  })

  it('says which months had no activity, up to today only', async () => {
    const chat = await twoRooms()
    const year = await say(chat, '李四', '#年报', '2022-09-25T10:00:00')
    expect(year).toContain('没有活动的月份：1月、2月、3月、4月、5月、6月、7月。')
    expect(year).toContain('各季度重点：三季度 读书会、义诊。')
    expect(year).not.toContain('与去年同期比')
  })

  it('explains a period it cannot read', async () => {
    const chat = await twoRooms()
    expect(await say(chat, '李四', '#季报 五季度', '2022-09-25T10:00:00')).toContain('季度看不懂："五季度"。可以写 2022Q3')
  })
})

describe('a period that has not begun', () => {
  it('says so instead of printing empty figures', async () => {
    const chat = await twoRooms()
    expect(await say(chat, '李四', '#季报 2022Q4', '2022-09-25T10:00:00')).toContain('2022年第四季度还没有开始，暂时没有数字。')
  })
})
