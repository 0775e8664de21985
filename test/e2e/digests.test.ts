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

  it('counts the proposals handed in, registered and answered, in 月报, 年报 and the cross-room view', async () => {
    const chat = await twoRooms()
    expect(await say(chat, '王芳', '#提案 关于加快推进中医药事业发展的建议', '2022-09-12T09:00:00')).toContain('已记录提案 T1')
    expect(await say(chat, '王芳', '#立案 T1 市卫健委 9月14日', '2022-09-14T09:00:00')).toContain('2022-09-14 立案（承办单位：市卫健委）')
    expect(await say(chat, '王芳', '#办复 T1 满意 已列入明年计划 9月20日', '2022-09-20T09:00:00')).toContain('2022-09-20 办复（满意；答复：已列入明年计划）')
    const month = (await say(chat, '李四', '#月报', '2022-09-25T10:00:00')).split('\n')
    // Right under the 社情民意 line.
    expect(month.slice(2, 4)).toEqual(['社情民意：收集 0 篇，获批示 0 篇，办结 0 篇。', '提案：提交 1 件，立案 1 件，办复 1 件。'])
    expect(await say(chat, '李四', '#年报', '2022-09-25T10:01:00')).toContain('\n提案：提交 1 件，立案 1 件，办复 1 件。\n')
    // August had none: no line.
    expect(await say(chat, '李四', '#月报 2022年8月', '2022-09-25T10:02:00')).not.toContain('提案：')
    const admin = await say(chat, '管理员', '#季报', '2022-09-25T10:03:00', null)
    expect(admin).toContain('（2 个）')
    expect(admin).toContain('\n提案：提交 1 件，立案 1 件，办复 1 件。\n')
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

describe('members counted but not all named', () => {
  it('confirms the count beside the names, keeps it through an edit, and counts it in 人次 but not as members', async () => {
    const chat = await boundChat({ start: '2022-09-01T09:00:00+08:00' })
    await say(chat, '王芳', '#登记 王芳 医药卫生', '2022-09-01T09:02:00')
    const six = await say(chat, '王芳', '#活动 9月10日在当湖街道开展健康义诊，王芳、胡建国等6位委员参加，服务群众300人次', '2022-09-10T18:00:00')
    expect(six).toContain('参与委员：王芳、胡建国等6人')
    // Nobody named: the registered poster is, and the count stays beside them.
    const five = await say(chat, '王芳', '#活动 9月12日开展法律咨询，委员5人参加', '2022-09-12T18:00:00')
    expect(five).toContain('参与委员：王芳等5人')
    const unnamed = await say(chat, '李四', '#活动 9月13日开展法律咨询，委员3人参加', '2022-09-13T18:00:00')
    expect(unnamed).toContain('参与委员：3人（未写姓名）')
    expect(await say(chat, '王芳', '#修改 A1 主题=健康义诊进社区', '2022-09-12T18:05:00')).toContain('参与委员：王芳、胡建国等6人')

    // A1: 2 named + 4 unnamed; A2: the poster + 4 unnamed; A3: 3 unnamed.
    const digest = await say(chat, '王芳', '#月报', '2022-09-25T10:00:00')
    expect(digest).toContain('委员 2 人、14 人次参与（其中 11 人次只写了人数、没写姓名，不计入委员人数）')

    await say(chat, '王芳', '#撤销 A1', '2022-09-25T10:01:00')
    expect(await say(chat, '王芳', '#月报', '2022-09-25T10:02:00')).toContain('委员 1 人、8 人次参与（其中 7 人次只写了人数、没写姓名，不计入委员人数）')
  })

  it('#修改 委员人数 changes the count, and refuses fewer than the names', async () => {
    const chat = await boundChat({ start: '2022-09-01T09:00:00+08:00' })
    await say(chat, '王芳', '#登记 王芳 医药卫生', '2022-09-01T09:02:00')
    await say(chat, '王芳', '#活动 9月10日开展健康义诊，王芳、胡建国参加', '2022-09-10T18:00:00')
    expect(await say(chat, '王芳', '#修改 A1 委员人数=4', '2022-09-10T18:01:00')).toContain('参与委员：王芳、胡建国等4人')
    expect(await say(chat, '王芳', '#修改 A1 委员人数=1', '2022-09-10T18:02:00')).toContain('写的是 1 位委员，却列了 2 个姓名（王芳、胡建国），请核对人数或姓名')
    expect(await say(chat, '王芳', '#月报', '2022-09-25T10:00:00')).toContain('委员 2 人、4 人次参与（其中 2 人次只写了人数、没写姓名，不计入委员人数）')
  })
})
