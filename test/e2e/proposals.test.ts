import { describe, expect, it } from 'vitest'
import type { MockChat } from '../../src/sim/mock-chat.js'
import { computeFigures } from '../../src/services/stats.js'
import { GROUP, boundChat } from '../helpers.js'

let minute = 0
async function say(chat: MockChat, from: string, text: string) {
  minute++
  const time = new Date(Date.parse('2022-09-21T10:00:00+08:00') + minute * 60_000)
  const out = await chat.say({ room: GROUP, from, text, time })
  return out.map((m) => m.text ?? '').join('\n')
}

async function room() {
  const chat = await boundChat()
  await say(chat, '王芳', '#登记 王芳 医药卫生')
  await say(chat, '管理员', '#秘书 @王芳')
  return chat
}

describe('#提案', () => {
  it('records a joint proposal with its lead and normalised field', async () => {
    const chat = await room()
    const reply = await say(chat, '李明', '#提案\n案由：关于加快推进中医药事业发展的建议\n提案人：王芳、李明\n领域：医疗')
    expect(reply).toContain('已记录提案 T1')
    expect(reply).toContain('类型：联名提案')
    expect(reply).toContain('提案人：王芳（领衔）、李明')
    expect(reply).toContain('领域：医疗卫生')
    expect(reply).toContain('提示：未写提案类型，按提案人数记为“联名”')
  })

  it('takes a bare title line, and keeps an unreadable proposal as a draft', async () => {
    const chat = await room()
    expect(await say(chat, '李明', '#提案 关于规范校外培训机构的建议')).toContain('类型：个人提案')
    const draft = await say(chat, '李明', '#提案 类型：团体')
    expect(draft).toContain('· 案由：没有找到案由')
    expect(draft).toContain('提案类型“团体”不认识，可选：个人、联名、集体')
    expect(draft).toContain('原文已存为草稿 D1')
    const done = await say(chat, '李明', '#修改 D1 案由=关于增设公交站点的建议 类型=集体')
    expect(done).toContain('已记录提案 T2')
    expect(done).toContain('类型：集体提案')
  })

  it('walks a proposal through 立案, 并案, 办复 and 重点, each once, and counts them in stats', async () => {
    const chat = await room()
    await say(chat, '李明', '#提案 关于加快推进中医药事业发展的建议')
    await say(chat, '李明', '#提案 关于发展中医药产业的建议')
    expect(await say(chat, '王芳', '#立案 T1')).toContain('已登记 T1（关于加快推进中医药事业发展的建议）：2022-09-21 立案')
    expect(await say(chat, '王芳', '#立案 T1')).toContain('已于 2022-09-21 登记过「立案」，不重复计数')
    expect(await say(chat, '王芳', '#并案 T1 T2')).toContain('T2（关于发展中医药产业的建议）并入 T1')
    expect(await say(chat, '王芳', '#办复 T1 非常满意')).toContain('满意度请写 满意、基本满意、不满意 之一')
    expect(await say(chat, '王芳', '#办复 T1 基本满意 10月8日')).toContain('2022-10-08 办复（基本满意）')
    expect(await say(chat, '王芳', '#重点 T1')).toContain('重点提案')
    const shown = await say(chat, '李明', '#查 T1')
    expect(shown).toContain('进展：')
    expect(shown).toContain('2022-10-08 办复（基本满意）（王芳）')
    const figures = await computeFigures(chat.app.services.db, { from: '2022-09-01', to: '2022-09-30' })
    expect(figures).toMatchObject({ proposals: 2, registered: 1, answered: 0 }) // answered in October
    expect(await computeFigures(chat.app.services.db, { from: '2022-10-01', to: '2022-10-31' })).toMatchObject({ proposals: 0, answered: 1 })
  })

  it('refuses steps from members, on other kinds of record, and on withdrawn proposals', async () => {
    const chat = await room()
    await say(chat, '李明', '#提案 关于加快推进中医药事业发展的建议')
    await say(chat, '李明', '#民意 关于增设公交站点的建议')
    expect(await say(chat, '李明', '#立案 T1')).toContain('只有本群秘书或管理员可以登记立案')
    expect(await say(chat, '王芳', '#立案 M1')).toContain('M1 不是提案')
    await say(chat, '李明', '#撤销 T1')
    expect(await say(chat, '王芳', '#立案 T1')).toContain('T1 已撤销，先发送 #恢复 T1')
    expect(await computeFigures(chat.app.services.db, {})).toMatchObject({ proposals: 0, registered: 0 })
    expect(await say(chat, '王芳', '#并案 T1 X')).toContain('T1 已撤销')
  })

  it('edits a proposal with a revision', async () => {
    const chat = await room()
    await say(chat, '李明', '#提案 关于加快推进中医药事业发展的建议')
    const edited = await say(chat, '李明', '#修改 T1 类型=集体 领域=医疗')
    expect(edited).toContain('已修改 T1')
    expect(edited).toContain('类型 个人 → 集体')
    expect(await chat.app.services.db.revision.count({ where: { recordCode: 'T1' } })).toBe(1)
  })
})

describe('taking back a proposal step', () => {
  it('removes a mistaken 办复 so it no longer counts', async () => {
    const chat = await room()
    await say(chat, '李明', '#提案 关于加快推进中医药事业发展的建议')
    await say(chat, '王芳', '#办复 T1 满意')
    expect(await computeFigures(chat.app.services.db, {})).toMatchObject({ answered: 1 })
    expect(await say(chat, '王芳', '#撤销 T1 办复')).toContain('已撤销 T1 的「办复（满意）」')
    expect(await computeFigures(chat.app.services.db, {})).toMatchObject({ answered: 0, proposals: 1 })
  })
})
