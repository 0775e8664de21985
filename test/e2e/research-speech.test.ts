import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type { MockChat } from '../../src/sim/mock-chat.js'
import { computeFigures } from '../../src/services/stats.js'
import { GROUP, boundChat, verify } from '../helpers.js'

let minute = 0
const at = (local: string) => new Date(`${local}+08:00`)
async function say(chat: MockChat, from: string, text: string, where: 'group' | 'private' = 'group') {
  minute++
  const time = new Date(at('2022-09-21T10:00:00').getTime() + minute * 60_000)
  const out = await chat.say(where === 'private' ? { from, text, time } : { room: GROUP, from, text, time })
  return out
}
const text = async (chat: MockChat, from: string, message: string) => (await say(chat, from, message)).map((m) => m.text ?? '').join('\n')

async function room() {
  const chat = await boundChat()
  await say(chat, '王芳', '#登记 王芳 医药卫生')
  await say(chat, '李明', '#登记 李明 教育')
  await say(chat, '管理员', '#秘书 @王芳')
  return chat
}

const cellsOf = (ws: ExcelJS.Worksheet) => {
  const rows: unknown[][] = []
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
  return rows
}

describe('#调研报告', () => {
  it('records a report with its authors, adoption and instruction, and edits, withdraws and restores it', async () => {
    const chat = await room()
    const reply = await text(chat, '李明', '#调研报告\n标题：关于老旧小区加装电梯的调研报告\n作者：李明、王芳\n日期：9月10日\n采纳：市住建局')
    expect(reply).toContain('已记录调研报告 R1')
    expect(reply).toContain('标题：关于老旧小区加装电梯的调研报告')
    expect(reply).toContain('日期：2022-09-10（周六）')
    expect(reply).toContain('作者：李明（牵头）、王芳')
    expect(reply).toContain('采纳：市住建局')
    expect(reply).toContain('#修改 R1 采纳=单位 或 批示=内容')

    const edited = await text(chat, '王芳', '#修改 R1 批示=请市住建局研究落实')
    expect(edited).toContain('已修改 R1')
    expect(edited).toContain('改动：批示 （空） → 请市住建局研究落实')
    const shown = await text(chat, '李明', '#查 R1')
    expect(shown).toContain('调研报告 R1')
    expect(shown).toContain('批示：请市住建局研究落实')
    expect(shown).toContain('修改：批示 （空） → 请市住建局研究落实')
    expect(await text(chat, '李明', '#最近')).toContain('R1 2022-09-10 调研｜关于老旧小区加装电梯的调研报告')

    const figures = () => computeFigures(chat.app.services.db, { from: '2022-09-01', to: '2022-09-30' })
    expect(await figures()).toMatchObject({ research: 1, researchAdopted: 1, researchInstructed: 1 })
    expect(await text(chat, '李明', '#撤销 R1')).toContain('已撤销 R1（关于老旧小区加装电梯的调研报告）')
    expect(await figures()).toMatchObject({ research: 0, researchAdopted: 0, researchInstructed: 0 })
    expect(await text(chat, '李明', '#最近')).toContain('（已撤销）')
    expect(await text(chat, '李明', '#恢复 R1')).toContain('已恢复 R1')
    expect(await figures()).toMatchObject({ research: 1 })
  })

  it('reads 采纳：无 as not adopted, and clears an adoption or an instruction by 字段=无', async () => {
    const chat = await room()
    const figures = () => computeFigures(chat.app.services.db, { from: '2022-09-01', to: '2022-09-30' })
    const reply = await text(chat, '李明', '#调研报告\n标题：关于老旧小区加装电梯的调研报告\n日期：9月10日\n采纳：无\n批示：暂无')
    expect(reply).toContain('已记录调研报告 R1')
    expect(reply).not.toContain('采纳：无')
    expect(await figures()).toMatchObject({ research: 1, researchAdopted: 0, researchInstructed: 0 })

    await text(chat, '李明', '#修改 R1 采纳=市住建局 批示=请研究落实')
    expect(await figures()).toMatchObject({ researchAdopted: 1, researchInstructed: 1 })
    expect(await text(chat, '李明', '#修改 R1 采纳=')).toContain('要清空一项不必填的，写成 字段=无')
    const cleared = await text(chat, '李明', '#修改 R1 采纳=无')
    expect(cleared).toContain('改动：采纳 市住建局 → （空）')
    expect(await figures()).toMatchObject({ researchAdopted: 0, researchInstructed: 1 })
    // 采纳 and 批示 of a report are its fields, not steps: #撤销 R1 采纳 does not withdraw the report, #批示 R1 says how.
    expect(await text(chat, '王芳', '#撤销 R1 批示')).toBe(
      'R1 是调研报告，「批示」是它的一项内容，不是另外登记的进展。要填上或改掉，发送 #修改 R1 批示=…；要清空，发送 #修改 R1 批示=无\n要撤销整条记录，只发送 #撤销 R1',
    )
    expect(await figures()).toMatchObject({ research: 1, researchInstructed: 1 })
    expect(await text(chat, '王芳', '#批示 R1 请研究')).toContain('要填上或改掉，发送 #修改 R1 批示=…')
    expect(await text(chat, '王芳', '#撤销 R1 标题')).toContain('要改，发送 #修改 R1 标题=…')
    // A required field cannot be cleared: the record stays as it was.
    expect(await text(chat, '李明', '#修改 R1 标题=无')).toContain('R1 没有修改')
  })

  it('keeps a report\'s own sub-headings in its content, through #修改 too', async () => {
    const chat = await room()
    const reply = await text(chat, '李明', '#调研报告\n标题：关于老旧小区加装电梯的调研报告\n日期：9月10日\n内容：全市已加装 120 台\n存在问题：资金不足\n对策建议：多方筹资')
    expect(reply).toContain('提示：未识别的字段“存在问题”，已放入内容')
    const content = async () => (await chat.app.services.db.researchReport.findFirstOrThrow()).content
    expect(await content()).toBe('全市已加装 120 台\n存在问题：资金不足\n对策建议：多方筹资')
    const edited = await text(chat, '李明', '#修改 R1 采纳=市住建局')
    expect(edited).toContain('改动：采纳 （空） → 市住建局')
    // What the record already had is not pointed out again on every edit.
    expect(edited).not.toContain('已放入内容')
    expect(await content()).toBe('全市已加装 120 台\n存在问题：资金不足\n对策建议：多方筹资')
  })

  it('takes a bare title line with the sender as author, and keeps a report without a title as a draft', async () => {
    const chat = await room()
    const bare = await text(chat, '李明', '#调研报告 关于社区嵌入式养老的调研。走访了12个社区')
    expect(bare).toContain('已记录调研报告 R1')
    expect(bare).toContain('作者：李明')
    expect(bare).toContain('内容：走访了12个社区')
    const draft = await text(chat, '李明', '#调研报告 作者：李明 日期：9月32日')
    expect(draft).toContain('这条调研报告还没能记下')
    expect(draft).toContain('· 日期：')
    expect(draft).toContain('原文已存为草稿 D1')
    const done = await text(chat, '李明', '#修改 D1 标题=关于托育服务的调研报告 日期=9月12日')
    expect(done).toContain('已记录调研报告 R2')
    expect(done).toContain('（草稿 D1 已由这条补全）')
    // The draft, the record and the message's outcome were one commit.
    const { db } = chat.app.services
    expect((await db.draft.findUniqueOrThrow({ where: { code: 'D1' } })).resolvedCode).toBe('R2')
    expect((await db.messageLog.findFirstOrThrow({ where: { text: { startsWith: '#修改 D1' } } })).outcome).toBe('completed:D1:R2')
  })
})

describe('#大会发言', () => {
  it('tells the second member who records the same speech that the room has it already', async () => {
    const chat = await room()
    const speech = (title: string) => `#大会发言\n题目：${title}\n会议：市政协十届二次会议\n形式：口头\n日期：2022年1月12日`
    expect(await text(chat, '王芳', speech('关于停车难的建议'))).not.toContain('同题')
    const second = await text(chat, '李明', speech('关于停车难的建议'))
    expect(second).toContain('已记录大会发言 S2')
    expect(second).toContain('提示：本群已有同题的大会发言 S1（记录人 王芳）。如果是同一份，请撤销其中一条：#撤销 S2')
    expect(await text(chat, '李明', speech('关于托育服务的建议'))).not.toContain('同题')
    // The same for the other kinds stored alike (社情民意 here).
    await text(chat, '王芳', '#民意 标题：关于增设公交站点的建议')
    expect(await text(chat, '李明', '#民意 标题：关于增设公交站点的建议')).toContain('提示：本群已有同题的社情民意 M1（记录人 王芳）')
    // A withdrawn one is no twin.
    await text(chat, '王芳', '#撤销 S1')
    await text(chat, '李明', '#撤销 S2')
    expect(await text(chat, '王芳', speech('关于停车难的建议'))).not.toContain('同题')
  })

  it('reads 口头 or 书面 from a field or from the text, and refuses a speech without its meeting or form', async () => {
    const chat = await room()
    const oral = await text(chat, '王芳', '#大会发言\n题目：关于加快建设一刻钟便民生活圈的建议\n会议：市政协十届二次会议\n日期：2022年1月12日\n在大会上作口头发言')
    expect(oral).toContain('已记录大会发言 S1')
    expect(oral).toContain('形式：口头')
    expect(oral).toContain('会议：市政协十届二次会议')
    const written = await text(chat, '李明', '#发言 题目：关于托育服务的建议 会议：市政协十届二次会议 形式：书面发言 发言人：李明、王芳')
    expect(written).toContain('已记录大会发言 S2')
    expect(written).toContain('形式：书面')
    expect(written).toContain('发言人：李明（第一发言人）、王芳')
    const missing = await text(chat, '李明', '#大会发言 题目：关于停车难的建议')
    expect(missing).toContain('· 会议：没有找到会议，请写“会议：…”')
    expect(missing).toContain('· 形式：请写明形式：口头 或 书面')
    const both = await text(chat, '李明', '#大会发言 题目：关于停车难的建议 会议：全会 形式：口头和书面')
    expect(both).toContain('形式“口头和书面”不认识，可选：口头、书面')
    const edited = await text(chat, '李明', '#修改 S2 形式=口头')
    expect(edited).toContain('改动：形式 书面 → 口头')
  })
})

describe('the new kinds in #我的, #月报 and the ledger', () => {
  it('scores them by the default rules, counts them in the digest and files them in their own sheets', async () => {
    const chat = await room()
    await say(chat, '李明', '#调研报告 标题：关于老旧小区加装电梯的调研报告 作者：李明、王芳 日期：9月10日 采纳：市住建局 批示：请研究落实')
    await say(chat, '李明', '#大会发言 题目：关于托育服务的建议 会议：市政协十届二次会议 形式：口头 日期：9月12日')
    await say(chat, '王芳', '#大会发言 题目：关于停车难的建议 会议：市政协十届二次会议 形式：书面 日期：9月12日')

    const mine = (await say(chat, '李明', '#我的 2022')).map((m) => m.text ?? '')[0]!
    // lead 8 + adopted 5 + instructed 10; an oral speech 10.
    expect(mine).toContain('调研报告 1 篇，大会发言 1 次')
    expect(mine).toContain('调研报告 23')
    expect(mine).toContain('大会发言 10')
    expect(mine).toContain('R1 关于老旧小区加装电梯的调研报告｜调研报告（牵头） +8')
    expect(mine).toContain('｜调研报告被采纳 +5')
    expect(mine).toContain('｜调研报告获批示 +10')
    expect(mine).toContain('S1 关于托育服务的建议｜口头发言（市政协十届二次会议） +10')
    const hers = (await say(chat, '王芳', '#我的 2022')).map((m) => m.text ?? '')[0]!
    expect(hers).toContain('｜调研报告（参与） +4')
    expect(hers).toContain('｜书面发言（市政协十届二次会议） +5')

    const digest = await text(chat, '王芳', '#月报 2022年9月')
    expect(digest).toContain('调研报告 1 篇（被采纳 1 篇，获批示 1 篇）；大会发言 2 次（口头 1 次，书面 1 次）。')

    await verify(chat, '王芳')
    const out = await say(chat, '王芳', '#导出 2022年9月', 'private')
    await chat.app.idle()
    const file = [...out, ...chat.sent].find((m) => m.file)
    expect(file).toBeDefined()
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(chat.fileOf(file!)! as unknown as ArrayBuffer)
    const research = cellsOf(wb.getWorksheet('调研报告台账')!)
    expect(research[1]).toEqual(['编号', '日期', '会客厅/工作室', '标题', '作者', '采纳单位', '批示', '摘要', '记录人'])
    expect(research[2]!.slice(3, 7)).toEqual(['关于老旧小区加装电梯的调研报告', '李明、王芳', '市住建局', '请研究落实'])
    expect(research.at(-1)!.slice(0, 2)).toEqual(['合计', '1 篇'])
    const speeches = cellsOf(wb.getWorksheet('大会发言台账')!)
    expect(speeches[1]).toEqual(['编号', '日期', '会客厅/工作室', '题目', '会议', '形式', '发言人', '摘要', '记录人'])
    expect(speeches.slice(2, 4).map((r) => [r[0], r[5]])).toEqual([['S1', '口头'], ['S2', '书面']])
    expect(speeches.at(-1)!.slice(0, 2)).toEqual(['合计', '2 次'])
    // Their 汇总 rows come from the same figure tables as the digest's sentence.
    expect(cellsOf(wb.getWorksheet('汇总')!).slice(-6).map((r) => r.slice(0, 2))).toEqual([
      ['调研报告（篇）', 1], ['调研报告被采纳（篇）', 1], ['调研报告获批示（篇）', 1], ['大会发言（次）', 2], ['口头发言（次）', 1], ['书面发言（次）', 1],
    ])
  })
})
