import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type { MockChat } from '../../src/sim/mock-chat.js'
import { answerDetail, readAnswer } from '../../src/services/proposals.js'
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

  it('keeps the 内容 the template asks for: confirmed, shown, kept through an edit and filed', async () => {
    const chat = await room()
    const reply = await say(chat, '李明', '#提案\n案由：关于增设公交站点的建议\n类型：个人\n内容：城东新区三个小区没有公交站，建议增设两站')
    expect(reply).toContain('已记录提案 T1')
    expect(reply).toContain('内容：城东新区三个小区没有公交站，建议增设两站')
    expect(await say(chat, '李明', '#修改 T1 领域=城建')).toContain('内容：城东新区三个小区没有公交站，建议增设两站')
    expect(await say(chat, '李明', '#查 T1')).toContain('内容：城东新区三个小区没有公交站，建议增设两站')
    const stored = await chat.app.services.db.proposal.findUniqueOrThrow({ where: { code: 'T1' } })
    expect(stored).toMatchObject({ field: '城建', content: '城东新区三个小区没有公交站，建议增设两站' })
    const file = (await chat.say({ room: GROUP, from: '王芳', text: '#导出 2022Q3', time: new Date('2022-09-21T12:00:00+08:00') })).find((m) => m.file)!
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(chat.fileOf(file)! as unknown as ArrayBuffer)
    expect(workbook.getWorksheet('提案台账')!.getRow(3).getCell(8).value).toBe('城东新区三个小区没有公交站，建议增设两站')
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

  it('takes no step on a proposal merged into another, and merges no proposal already registered', async () => {
    const chat = await room()
    await say(chat, '李明', '#提案 案由：关于加强养老服务的建议\n提案人：李明、王芳')
    await say(chat, '李明', '#提案 案由：关于发展社区养老的建议\n提案人：王芳')
    await say(chat, '李明', '#提案 案由：关于老年食堂的建议')
    expect(await say(chat, '王芳', '#并案 T1 T2')).toContain('T2（关于发展社区养老的建议）并入 T1')
    for (const step of ['立案', '重点', '重要', '办复']) {
      expect(await say(chat, '王芳', `#${step} T2`)).toContain('T2 已并入 T1，进展请登记在 T1 上')
    }
    expect(await say(chat, '王芳', '#并案 T2 T3')).toContain('T2 已并入 T1，不能再作保留的提案')
    expect(await say(chat, '王芳', '#并案 T3 T1')).toContain('T1：已有 T2 并入它，不能再并入别的提案')
    await say(chat, '王芳', '#立案 T3')
    expect(await say(chat, '王芳', '#并案 T1 T3')).toContain('T3：已登记过「立案」，不能再并入；确要并案，先发送 #撤销 T3 立案')
    await say(chat, '李明', '#提案 案由：关于社区助餐的建议')
    await say(chat, '王芳', '#重点 T4')
    expect(await say(chat, '王芳', '#并案 T1 T4')).toContain('T4：已登记过「重点提案」，不能再并入；确要并案，先发送 #撤销 T4 重点')
    const figures = await computeFigures(chat.app.services.db, {})
    expect(figures).toMatchObject({ registered: 1 })
    // Taking the merge back lets the proposal go its own way again.
    await say(chat, '王芳', '#撤销 T2 并案')
    expect(await say(chat, '王芳', '#立案 T2')).toContain('已登记 T2')
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

describe('#立案 with the 承办单位, #办复 with the reply', () => {
  const ANSWER_USAGE = '#办复 <编号> [满意|基本满意|不满意] [答复内容] [日期]，例如：#办复 T5 基本满意 已列入明年城建计划 10月8日'
  const REGISTER_USAGE = '#立案 <编号> [承办单位] [日期]，例如：#立案 T5 市卫健委 9月14日'

  /** Five proposals T1 … T5 in the room, handed in by 李明. */
  async function proposals() {
    const chat = await room()
    for (const title of ['关于加快推进中医药事业发展的建议', '关于规范校外培训机构的建议', '关于增设公交站点的建议', '关于发展乡村旅游的建议', '关于完善养老服务的建议']) {
      await say(chat, '李明', `#提案 ${title}`)
    }
    return chat
  }
  const details = async (chat: MockChat, code: string) =>
    (await chat.app.services.db.proposalEvent.findMany({ where: { proposal: { code } }, orderBy: { id: 'asc' } })).map((e) => [e.kind, e.date, e.detail])

  it('keeps the 承办单位 written after #立案, with the date first or last, and shows it', async () => {
    const chat = await proposals()
    expect(await say(chat, '王芳', '#立案 T1 市卫健委 9月14日')).toBe('已登记 T1（关于加快推进中医药事业发展的建议）：2022-09-14 立案（承办单位：市卫健委）')
    expect(await say(chat, '王芳', '#立案 T2 9月15日 承办单位：市教育局、市财政局')).toBe('已登记 T2（关于规范校外培训机构的建议）：2022-09-15 立案（承办单位：市教育局、市财政局）')
    // As before: no unit, and a date glued to the words (a unit's name holds no date).
    expect(await say(chat, '王芳', '#立案 T3')).toBe('已登记 T3（关于增设公交站点的建议）：2022-09-21 立案')
    expect(await say(chat, '王芳', '#立案 T4 市文旅局9月16日')).toBe('已登记 T4（关于发展乡村旅游的建议）：2022-09-16 立案（承办单位：市文旅局）')
    expect(await details(chat, 'T1')).toEqual([['registered', '2022-09-14', '市卫健委']])
    expect(await details(chat, 'T2')).toEqual([['registered', '2022-09-15', '市教育局、市财政局']])
    expect(await details(chat, 'T3')).toEqual([['registered', '2022-09-21', null]])
    expect(await details(chat, 'T4')).toEqual([['registered', '2022-09-16', '市文旅局']])
    // Registered once: a unit added later says how to change it.
    expect(await say(chat, '王芳', '#立案 T3 市交通运输局')).toBe(
      'T3 已于 2022-09-21 登记过「立案」，不重复计数。\n要改成「立案（承办单位：市交通运输局）」，先发送 #撤销 T3 立案，再重新登记。',
    )
    expect(await say(chat, '王芳', '#立案 T1')).toBe('T1 已于 2022-09-14 登记过「立案（承办单位：市卫健委）」，不重复计数。')
    expect(await say(chat, '王芳', '#撤销 T3 立案')).toContain('已撤销 T3 的「立案」')
    expect(await say(chat, '王芳', '#立案 T3 市交通运输局')).toBe('已登记 T3（关于增设公交站点的建议）：2022-09-21 立案（承办单位：市交通运输局）')
    expect(await say(chat, '李明', '#查 T1')).toContain('2022-09-14 立案（承办单位：市卫健委）（王芳）')
  })

  it('refuses a 承办单位 too long or a date it cannot read, storing nothing', async () => {
    const chat = await proposals()
    expect(await say(chat, '王芳', `#立案 T1 ${'某'.repeat(101)}`)).toBe(`承办单位写得太长了（101 字），请精简到 100 字以内：\n${REGISTER_USAGE}`)
    expect(await say(chat, '王芳', '#立案 T1 市卫健委 13月40日')).toBe(`日期看不懂："13月40日"，请写成 9月22日 或 2022-09-22 这样\n${REGISTER_USAGE}`)
    expect(await details(chat, 'T1')).toEqual([])
    expect(await say(chat, '王芳', `#立案 T1 ${'某'.repeat(100)}`)).toContain(`立案（承办单位：${'某'.repeat(60)}…（共 100 字））`)
  })

  it('keeps the 满意度 and the reply of #办复, each optional, a date only as a word of its own', async () => {
    const chat = await proposals()
    // The reply names dates of its own: they stay in it; the last word is the step's date.
    expect(await say(chat, '王芳', '#办复 T1 基本满意 已列入明年城建计划，将于2023年6月前完成 10月8日')).toBe(
      '已登记 T1（关于加快推进中医药事业发展的建议）：2022-10-08 办复（基本满意；答复：已列入明年城建计划，将于2023年6月前完成）',
    )
    expect(await say(chat, '王芳', '#办复 T2 答复：已转市教育局办理')).toBe('已登记 T2（关于规范校外培训机构的建议）：2022-09-21 办复（答复：已转市教育局办理）')
    expect(await say(chat, '王芳', '#办复 T3 满意，已落实')).toBe('已登记 T3（关于增设公交站点的建议）：2022-09-21 办复（满意；答复：已落实）')
    expect(await say(chat, '王芳', '#办复 T4 10月9日 满意度：不满意 答复内容：暂无条件实施')).toBe(
      '已登记 T4（关于发展乡村旅游的建议）：2022-10-09 办复（不满意；答复：暂无条件实施）',
    )
    expect(await say(chat, '王芳', '#办复 T5 满意10月10日')).toBe('已登记 T5（关于完善养老服务的建议）：2022-10-10 办复（满意）')
    expect(await details(chat, 'T1')).toEqual([['answered', '2022-10-08', '基本满意；答复：已列入明年城建计划，将于2023年6月前完成']])
    expect(await details(chat, 'T2')).toEqual([['answered', '2022-09-21', '答复：已转市教育局办理']])
    expect(await details(chat, 'T3')).toEqual([['answered', '2022-09-21', '满意；答复：已落实']])
    expect(await details(chat, 'T4')).toEqual([['answered', '2022-10-09', '不满意；答复：暂无条件实施']])
    expect(await details(chat, 'T5')).toEqual([['answered', '2022-10-10', '满意']])
    const shown = await say(chat, '李明', '#查 T1')
    expect(shown).toContain('2022-10-08 办复（基本满意；答复：已列入明年城建计划，将于2023年6月前完成）（王芳）')
    // September: T2, T3 answered; October: T1, T4, T5.
    expect(await computeFigures(chat.app.services.db, { from: '2022-09-01', to: '2022-09-30' })).toMatchObject({ proposals: 5, answered: 2 })
    expect(await computeFigures(chat.app.services.db, { from: '2022-10-01', to: '2022-10-31' })).toMatchObject({ answered: 3 })
  })

  it('refuses a 满意度 it does not know, a reply too long or a bad date, storing nothing', async () => {
    const chat = await proposals()
    expect(await say(chat, '王芳', '#办复 T1 很满意 已落实')).toBe(`满意度请写 满意、基本满意、不满意 之一（也可以不写）：\n${ANSWER_USAGE}`)
    expect(await say(chat, '王芳', `#办复 T1 满意 ${'答'.repeat(501)}`)).toBe(`答复内容太长了（501 字），请精简到 500 字以内（全文可另存）：\n${ANSWER_USAGE}`)
    expect(await say(chat, '王芳', '#办复 T1 满意 已落实 13月40日')).toBe(`日期看不懂："13月40日"，请写成 9月22日 或 2022-09-22 这样\n${ANSWER_USAGE}`)
    expect(await details(chat, 'T1')).toEqual([])
    // A reply that begins with the word 满意度 is a reply, not a 满意度.
    expect(await say(chat, '王芳', '#办复 T1 满意度调查已完成')).toBe('已登记 T1（关于加快推进中医药事业发展的建议）：2022-09-21 办复（答复：满意度调查已完成）')
    // Answered once: a reply added later says how to change it.
    expect(await say(chat, '王芳', '#办复 T1 满意')).toBe(
      'T1 已于 2022-09-21 登记过「办复（答复：满意度调查已完成）」，不重复计数。\n要改成「办复（满意）」，先发送 #撤销 T1 办复，再重新登记。',
    )
  })

  it('files the 承办单位, 满意度 and reply in the 提案台账', async () => {
    const chat = await proposals()
    await say(chat, '王芳', '#立案 T1 市卫健委 9月14日')
    await say(chat, '王芳', '#办复 T1 基本满意 已列入明年计划 9月20日')
    await say(chat, '王芳', '#办复 T2 答复：已转市教育局办理')
    const file = (await chat.say({ room: GROUP, from: '王芳', text: '#导出 2022Q3', time: new Date('2022-09-21T12:00:00+08:00') })).find((m) => m.file)!
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(chat.fileOf(file)! as unknown as ArrayBuffer)
    const ws = workbook.getWorksheet('提案台账')!
    expect(ws.getRow(2).values).toEqual([
      undefined, '编号', '日期', '会客厅/工作室', '案由', '类型', '提案人', '领域', '内容', '立案日期', '承办单位', '并入', '办复日期', '满意度', '答复', '重点', '重要',
    ])
    // 承办单位, 满意度, 答复 of T1 … T3 (T3: no steps).
    expect([3, 4, 5].map((r) => [10, 13, 14].map((c) => ws.getRow(r).getCell(c).value))).toEqual([
      ['市卫健委', '基本满意', '已列入明年计划'],
      [null, null, '已转市教育局办理'],
      [null, null, null],
    ])
  })
})

describe('how a 办复 is stored', () => {
  it('writes the 满意度 and the reply into one readable detail, and reads them back', () => {
    expect(answerDetail({})).toBeUndefined()
    expect(answerDetail({ satisfaction: '满意' })).toBe('满意')
    expect(answerDetail({ reply: '已落实' })).toBe('答复：已落实')
    expect(answerDetail({ satisfaction: '基本满意', reply: '已落实；明年再议' })).toBe('基本满意；答复：已落实；明年再议')
    expect(readAnswer(null)).toEqual({})
    expect(readAnswer('不满意')).toEqual({ satisfaction: '不满意' }) // as stored before replies were kept
    expect(readAnswer('答复：已落实')).toEqual({ reply: '已落实' })
    expect(readAnswer('基本满意；答复：已落实；明年再议')).toEqual({ satisfaction: '基本满意', reply: '已落实；明年再议' })
    expect(readAnswer('答复：满意；答复：x')).toEqual({ reply: '满意；答复：x' })
  })
})
