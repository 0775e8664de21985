import { describe, expect, expectTypeOf, it } from 'vitest'
import { RESEARCH_TABLE, type ResearchFields } from '../../src/domain/research.js'
import { SPEECH_TABLE, type SpeechFields } from '../../src/domain/speech.js'
import { editLabelled, parseLabelled, toLabelledText, type FieldTable, type FieldsOf } from '../../src/parsing/field-table.js'
import { CLOCK } from './helpers.js'
import { templateOf } from '../../src/texts/fields.js'

describe('parseLabelled, driven by a kind’s field table', () => {
  it('reads every labelled row by its value type, in any order and with typos in labels', () => {
    const r = parseLabelled(RESEARCH_TABLE, '执笔人：王芳、李明委员\n标提：关于托育服务的调研报告\n完成时间：9月10日\n批示：请研究落实\n摘要：走访了12家托育机构', CLOCK)
    expect(r).toEqual({
      ok: true,
      value: {
        title: '关于托育服务的调研报告', date: '2022-09-10', dateDefaulted: false, authorNames: ['王芳', '李明'],
        instruction: '请研究落实', content: '走访了12家托育机构',
      },
      warnings: [],
    })
  })

  it('takes the first line as the title and the rest as the content when no title is labelled; no date is the day of the message', () => {
    const r = parseLabelled(RESEARCH_TABLE, '关于托育服务的调研报告\n走访了12家托育机构\n发现三个问题', CLOCK)
    expect(r.ok && r.value).toEqual({ title: '关于托育服务的调研报告', content: '走访了12家托育机构\n发现三个问题', date: '2022-09-21', dateDefaulted: true, authorNames: [] })
    // Said in the confirmation, as #活动 says it: a speech recorded days after the session must not pass unnoticed.
    expect(r.ok && r.warnings).toEqual(['未写日期，按消息日期 2022-09-21 记录'])
  })

  it('names each missing required row and each unreadable value, in the table’s words', () => {
    const r = parseLabelled(SPEECH_TABLE, '题目：关于停车难的建议 日期：9月32日', CLOCK)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.errors.map((e) => e.field)).toEqual(['会议', '形式', '日期'])
    expect(r.errors[0]!.problem).toBe('没有找到会议，请写“会议：…”')
    expect(r.errors[1]!.problem).toBe('请写明形式：口头 或 书面，例如“形式：口头”')
  })

  it('reads a choice from its label, or once from the whole text, and refuses a choice it cannot tell', () => {
    const base = '题目：关于停车难的建议 会议：市政协十届二次会议'
    const ok = (body: string) => {
      const r = parseLabelled(SPEECH_TABLE, body, CLOCK)
      return r.ok ? r.value.form : r.errors.map((e) => e.problem).join('；')
    }
    expect(ok(`${base} 形式：大会口头发言`)).toBe('口头')
    expect(ok(`${base}\n提交书面发言一篇`)).toBe('书面')
    expect(ok(`${base}\n口头发言后又提交书面发言`)).toBe('请写明形式：口头 或 书面，例如“形式：口头”')
    expect(ok(`${base} 形式：视频`)).toBe('形式“视频”不认识，可选：口头、书面')
    // Not from the title or the meeting: a speech about 书面合同 is not a written speech.
    expect(ok('题目：关于规范书面合同管理的建议 会议：市政协十届二次会议')).toBe('请写明形式：口头 或 书面，例如“形式：口头”')
    expect(ok('关于规范书面合同管理的建议\n会议：市政协十届二次会议\n作口头发言')).toBe('口头')
    // With its cue (口头发言) a form counts anywhere: in the title, the meeting or a note.
    expect(ok('关于停车难的建议（口头发言）\n会议：市政协十届二次会议')).toBe('口头')
    expect(ok('题目：关于停车难的建议\n会议：市政协十届二次会议书面发言')).toBe('书面')
    expect(ok('题目：关于停车难的建议\n会议：市政协十届二次会议\n备注：口头发言')).toBe('口头')
    expect(ok('题目：关于停车难的建议\n会议：市政协十届二次会议\n发言：口头')).toBe('口头')
  })

  it('takes an answer that denies the row (未采纳, 暂未被采纳, 待定, 无批示) and a hint typed half-width as not written', () => {
    for (const adopted of ['未采纳', '暂未被采纳', '没有采纳', '待定', '否', '(被哪个单位采纳,没有可不写)']) {
      const r = parseLabelled(RESEARCH_TABLE, `标题：调研\n采纳：${adopted}\n批示：无批示`, CLOCK)
      expect(r.ok && [r.value.adoptedBy, r.value.instruction], adopted).toEqual([undefined, undefined])
    }
    // A body's name that only starts like a denial is a body.
    expect(parseLabelled(RESEARCH_TABLE, '标题：调研\n批示：市长批示：请住建局研究办理，待反馈', CLOCK)).toMatchObject({ ok: true, value: { instruction: '市长批示：请住建局研究办理，待反馈' } })
    expect(parseLabelled(RESEARCH_TABLE, '标题：调研\n采纳：未来社区建设办公室', CLOCK)).toMatchObject({ ok: true, value: { adoptedBy: '未来社区建设办公室' } })
  })

  it('takes an adoption or instruction that has not come yet as none, and says so', () => {
    for (const notYet of ['待采纳', '拟采纳', '不采纳', '暂时没有', '报送中', '正在审核', '已报送市住建局，待反馈', '（无）']) {
      const parsed = parseLabelled(RESEARCH_TABLE, `标题：调研\n日期：9月10日\n采纳：${notYet}\n批示：待批示`, CLOCK)
      expect(parsed.ok && [parsed.value.adoptedBy, parsed.value.instruction], notYet).toEqual([undefined, undefined])
      if (notYet !== '（无）') expect(parsed.ok && parsed.warnings, notYet).toContain(`采纳写的是“${notYet}”，还不算采纳，不计入；采纳了再用 #修改 补上`)
    }
    for (const notYet of ['市住建局正在研究', '市住建局（研究中）']) {
      const parsed = parseLabelled(RESEARCH_TABLE, `标题：调研\n采纳：${notYet}`, CLOCK)
      expect(parsed.ok && parsed.value, notYet).toBeTruthy()
      expect(parsed.ok && parsed.value.adoptedBy, notYet).toBeUndefined()
    }
    // An outcome that has come stays, whatever is pending after it; bodies whose names only look like it stay bodies.
    for (const body of ['市不动产登记中心', '嘉兴市正在建设办公室', '市审核中心', '已被市住建局采纳，待反馈落实情况', '市民政局已采纳并办理中', '市信访局接待反馈中心']) {
      expect(parseLabelled(RESEARCH_TABLE, `标题：调研\n采纳：${body}`, CLOCK), body).toMatchObject({ ok: true, value: { adoptedBy: body } })
    }
  })

  it('takes a value written as none (无, 暂无, —) as not written: an optional row stays empty, a required one is missing', () => {
    for (const none of ['无', '暂无', '没有。', '—', '/']) {
      const parsed = parseLabelled(RESEARCH_TABLE, `标题：调研\n采纳：${none}\n批示：${none}`, CLOCK)
      expect(parsed.ok && [parsed.value.adoptedBy, parsed.value.instruction], none).toEqual([undefined, undefined])
    }
    expect(parseLabelled(RESEARCH_TABLE, '采纳：无锡市住建局\n题目：调研', CLOCK)).toMatchObject({ ok: true, value: { adoptedBy: '无锡市住建局' } })
    expect(parseLabelled(SPEECH_TABLE, '题目：无\n会议：市政协十届三次会议\n形式：口头', CLOCK)).toMatchObject({ ok: false, errors: [{ field: '题目' }] })
    // A date or a choice written as 无 is refused, not taken as today or looked for in the text.
    expect(parseLabelled(RESEARCH_TABLE, '标题：调研\n日期：无', CLOCK)).toMatchObject({ ok: false, errors: [{ field: '日期' }] })
    expect(parseLabelled(SPEECH_TABLE, '题目：作口头发言\n会议：市政协十届三次会议\n形式：无', CLOCK)).toMatchObject({ ok: false, errors: [{ field: '形式' }] })
  })

  it('leaves a hint of the #帮助 template that was copied and not replaced empty: it is no adoption, no instruction, no content', () => {
    const template = templateOf('调研报告', RESEARCH_TABLE).replace('日期：…', '日期：9月10日')
    const parsed = parseLabelled(RESEARCH_TABLE, template.replace(/^#调研报告\n/, ''), CLOCK)
    expect(parsed).toMatchObject({ ok: true, value: { title: '关于推进老旧小区加装电梯的调研报告', date: '2022-09-10', authorNames: ['张三', '李四'] } })
    expect(parsed.ok && [parsed.value.adoptedBy, parsed.value.instruction, parsed.value.content]).toEqual([undefined, undefined, undefined])
  })

  it('refuses what the zod shape of the table refuses (a title over its length)', () => {
    const r = parseLabelled(RESEARCH_TABLE, `标题：${'长'.repeat(201)}`, CLOCK)
    expect(!r.ok && r.errors).toEqual([{ field: '标题', problem: '标题太长了，请精简一些' }])
  })

  it('keeps a label that is no row of the table in the content, says so, and never takes a contact label for one of its rows', () => {
    const r = parseLabelled(RESEARCH_TABLE, '标题：关于托育服务的调研报告\n联系电话：123\n经费：2万元', CLOCK)
    expect(r.ok && r.value).toEqual({ title: '关于托育服务的调研报告', date: '2022-09-21', dateDefaulted: true, authorNames: [], content: '经费：2万元' })
    // A contact line is nobody's content.
    expect(r.ok && r.warnings).toEqual(['未写日期，按消息日期 2022-09-21 记录', '未识别的字段“联系电话”，已忽略', '未识别的字段“经费”，已放入内容'])
  })

  it('never takes a word one letter from a label for that row when it means something else (成果 is no 成员, 发言 no 发言人)', () => {
    expect(parseLabelled(RESEARCH_TABLE, '标题：调研\n作者：张三、李四\n成果：被市民政局采纳', CLOCK)).toMatchObject({ ok: true, value: { authorNames: ['张三', '李四'], content: '成果：被市民政局采纳' } })
    expect(editLabelled(SPEECH_TABLE, '题目：关于停车难的建议\n发言人：张三', [{ label: '发言', value: '书面' }])).toEqual({ ok: false, unknownLabels: ['发言'] })
    expect(parseLabelled(SPEECH_TABLE, '大会发言：关于养老的建议\n会议：市政协十届三次会议\n形式：口头', CLOCK)).toMatchObject({ ok: false, partial: { meeting: '市政协十届三次会议' } })
  })

  it('keeps every part of a row written twice: names and long texts join, any other row takes the first and says so', () => {
    const r = parseLabelled(RESEARCH_TABLE, '标题：托育\n牵头人：张三\n成员：李四、王五\n调研时间：7月5日\n报送时间：9月10日\n内容：情况\n摘要：建议', CLOCK)
    expect(r).toMatchObject({ ok: true, value: { authorNames: ['张三', '李四', '王五'], date: '2022-07-05', content: '情况\n摘要：建议' } })
    expect(r.ok && r.warnings).toContain('日期写了 2 处，按第一处“7月5日”记录，不对请用 #修改 改')
    // One date in two forms is said once, and not pointed out.
    const same = parseLabelled(RESEARCH_TABLE, '标题：托育\n日期：9月10日\n报送日期：2022年9月10日', CLOCK)
    expect(same.ok && same.warnings.filter((w) => w.includes('写了'))).toEqual([])
  })

  it('writes values back in the labelled form it reads, and edits one row of that text', () => {
    const fields: SpeechFields = { title: '关于停车难的建议', meeting: '市政协十届二次会议', form: '书面', date: '2022-01-12', dateDefaulted: false, authorNames: ['李明', '王芳'] }
    const text = toLabelledText(SPEECH_TABLE, fields)
    expect(text).toBe('题目：关于停车难的建议\n会议：市政协十届二次会议\n形式：书面\n日期：2022-01-12\n发言人：李明、王芳')
    expect(parseLabelled(SPEECH_TABLE, text, CLOCK)).toEqual({ ok: true, value: fields, warnings: [] })
    const edited = editLabelled(SPEECH_TABLE, text, [{ label: '形式', value: '口头' }])
    expect(edited.ok && parseLabelled(SPEECH_TABLE, edited.text, CLOCK)).toMatchObject({ ok: true, value: { ...fields, form: '口头' } })
    expect(editLabelled(SPEECH_TABLE, text, [{ label: '经费', value: '1' }])).toEqual({ ok: false, unknownLabels: ['经费'] })
  })

  it('infers the TypeScript type of a kind from its rows', () => {
    expectTypeOf<ResearchFields['title']>().toEqualTypeOf<string>()
    expectTypeOf<ResearchFields['authorNames']>().toEqualTypeOf<string[]>()
    expectTypeOf<ResearchFields['adoptedBy']>().toEqualTypeOf<string | undefined>()
    expectTypeOf<SpeechFields['form']>().toEqualTypeOf<'口头' | '书面'>()
    const table = { rows: [{ key: 'count', name: '人数', labels: ['人数'], value: { type: 'count' }, required: true }], notLabels: [] } as const satisfies FieldTable
    expectTypeOf<FieldsOf<typeof table>['count']>().toEqualTypeOf<number>()
    const r = parseLabelled(table, '人数：十二', CLOCK)
    expect(r.ok && r.value.count).toBe(12)
  })
})
