import { describe, expect, it } from 'vitest'
import { parseProposal } from '../../src/parsing/mod.js'

const clock = { now: new Date('2022-09-21T02:00:00Z'), timeZone: 'Asia/Shanghai' }

describe('parseProposal', () => {
  it('keeps every part the template asks for (理由、办法) and every proposer (领衔人、附议人)', () => {
    const r = parseProposal('案由：关于助餐的建议\n领衔人：张三\n附议人：李四、王五\n内容：老人吃饭难\n理由：子女不在身边\n办法：社区食堂\n存在问题：资金不足', clock)
    expect(r).toMatchObject({ ok: true, value: { type: '联名', authorNames: ['张三', '李四', '王五'], content: '老人吃饭难\n理由：子女不在身边\n办法：社区食堂\n存在问题：资金不足' } })
    expect(r.ok && r.warnings).toContain('未识别的字段“存在问题”，已放入内容')
  })

  it('keeps a written type but points out one that does not fit the signers', () => {
    const r = parseProposal('案由：关于助餐的建议\n类型：个人\n提案人：张三、李四', clock)
    expect(r).toMatchObject({ ok: true, value: { type: '个人', typeInferred: false } })
    expect(r.ok && r.warnings).toEqual(['类型写的是个人，却有 2 位提案人（张三、李四）：是联名的话，请 #修改 类型=联名'])
    const one = parseProposal('案由：关于助餐的建议\n类型：联名\n提案人：张三', clock)
    expect(one.ok && one.warnings).toEqual(['类型写的是联名，却只写了 1 位提案人：请 #修改 提案人=… 补上联名的委员'])
  })

  it('keeps the parts of its content in the order written, each under its heading, and no contact line', () => {
    expect(parseProposal('案由：关于助餐的建议\n内容：现状\n存在问题：资金不足\n建议：社区食堂\n联系电话：138', clock)).toMatchObject({
      ok: true, value: { content: '现状\n存在问题：资金不足\n建议：社区食堂' },
    })
    expect(parseProposal('案由：关于助餐的建议\n理由：老人多\n办法：社区食堂', clock)).toMatchObject({ ok: true, value: { content: '理由：老人多\n办法：社区食堂' } })
  })

  it('never takes 提案号 (one letter from 提案人) for a proposer', () => {
    expect(parseProposal('案由：关于助餐的建议\n提案人：张三\n提案号：第0123号', clock)).toMatchObject({ ok: true, value: { authorNames: ['张三'], content: '提案号：第0123号' } })
  })

  it('takes 领域：暂无 and a copied template hint as not written, and refuses 类型：无', () => {
    const r = parseProposal('案由：关于加快推进中医药事业发展的建议\n领域：暂无\n提案人：张三、李四\n内容：（情况、理由、办法）', clock)
    expect(r.ok && [r.value.field, r.value.content, r.value.type]).toEqual([undefined, undefined, '联名'])
    expect(parseProposal('案由：关于中医药的建议\n类型：无', clock)).toMatchObject({ ok: false, errors: [{ field: '类型' }] })
  })

  it.each([
    ['关于加快推进中医药事业发展的建议', { title: '关于加快推进中医药事业发展的建议', type: '个人', typeInferred: true, authorNames: [], date: '2022-09-21' }],
    ['案由：关于规范校外培训机构的建议\n提案人：张三、李四', { type: '联名', authorNames: ['张三', '李四'] }],
    ['案由：关于优化营商环境的建议\n类型：集体提案\n提案人：民盟平湖市委会', { type: '集体', typeInferred: false }],
    ['标题：“关于推进垃圾分类的建议”\n领域：环保', { title: '关于推进垃圾分类的建议', field: '生态环境' }],
    ['案由：关于增设公交站点的建议\n日期：2022年1月15日', { date: '2022-01-15', dateDefaulted: false }],
    ['关于加强老年助餐的建议。目前助餐点覆盖不足，建议增设。', { title: '关于加强老年助餐的建议', content: '目前助餐点覆盖不足，建议增设。' }],
    ['案由：关于打造夜间经济的建议\n类型：联名\n提案人：王芳\n理由：夜间消费潜力大', { type: '联名', content: '夜间消费潜力大' }],
  ])('%s', (body, expected) => {
    expect(parseProposal(body, clock)).toMatchObject({ ok: true, value: expected })
  })

  it.each([
    ['类型：联名', '案由', '没有找到案由'],
    ['案由：关于x的建议\n类型：团体', '类型', '提案类型“团体”不认识'],
    ['案由：关于x的建议\n日期：9月32日', '日期', '日期看不懂："9月32日"，请写成 9月22日 或 2022-09-22 这样'],
  ])('%s is refused on %s', (body, field, problem) => {
    const result = parseProposal(body, clock)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.errors).toContainEqual({ field, problem: expect.stringContaining(problem) })
  })
})

describe('parseProposal: the content as written', () => {
  it('keeps numbered sub-headings whole (二、对策建议：…), not split off their numbers', () => {
    const r = parseProposal('案由：关于支持民营企业发展的建议\n内容：\n一、存在问题：融资难。\n二、对策建议：设立专项资金。', clock)
    expect(r.ok && r.value.content).toBe('一、存在问题：融资难。\n二、对策建议：设立专项资金。')
  })

  it('leaves out an empty label between two parts of the content', () => {
    const r = parseProposal('案由：关于加强养老服务的建议\n理由：老人多\n提案人：\n办法：建食堂', clock)
    expect(r.ok && r.value.content).toBe('理由：老人多\n办法：建食堂')
  })
})
