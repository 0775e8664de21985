import { describe, expect, it } from 'vitest'
import { parseOpinion } from '../../src/parsing/mod.js'
import type { OpinionFields } from '../../src/parsing/mod.js'
import { CLOCK, label } from './helpers.js'

const ROWS: Array<{ body: string; expect: Partial<OpinionFields>; absent?: Array<keyof OpinionFields> }> = [
  {
    body: '标题：关于加快老旧小区加装电梯的建议\n内容：目前我市老旧小区加装电梯进展缓慢。\n领域：社会治理\n提交人：张三',
    expect: {
      title: '关于加快老旧小区加装电梯的建议', content: '目前我市老旧小区加装电梯进展缓慢。', field: '社会治理',
      authorNames: ['张三'], date: '2022-09-21', dateDefaulted: true,
    },
  },
  {
    body: '关于完善中医药补偿机制的建议\n目前我市中医药人才青黄不接。\n建议加快人才队伍建设。',
    expect: { title: '关于完善中医药补偿机制的建议', content: '目前我市中医药人才青黄不接。\n建议加快人才队伍建设。', authorNames: [] },
    absent: ['field'],
  },
  {
    body: '关于加强“封控区”管理的建议。当前管控区物资配送存在断档，建议统筹协调。',
    expect: { title: '关于加强“封控区”管理的建议', content: '当前管控区物资配送存在断档，建议统筹协调。' },
  },
  {
    body: '关于0-3岁托幼指导中心建设的建议',
    expect: { title: '关于0-3岁托幼指导中心建设的建议', authorNames: [] },
    absent: ['content'],
  },
  {
    body: '题目：关于优化营商环境的建议\n分类：营商\n反映人：李四、王五',
    expect: { title: '关于优化营商环境的建议', field: '营商环境', authorNames: ['李四', '王五'] },
  },
  {
    body: '标题：《关于加强学生心理健康教育的建议》\n类别：教育\n作者：@金菊华',
    expect: { title: '关于加强学生心理健康教育的建议', field: '教育', authorNames: ['金菊华'] },
  },
  {
    body: '标题：关于提升养老服务覆盖面的建议\n情况：老年人精神关爱不足\n建议：探索友邻照护模式\n领域：养老服务',
    expect: { title: '关于提升养老服务覆盖面的建议', content: '情况：老年人精神关爱不足\n建议：探索友邻照护模式', field: '养老' },
  },
  {
    body: '标题：关于规范共享单车停放的建议\n领域：低空经济',
    expect: { title: '关于规范共享单车停放的建议', field: '低空经济' },
  },
  {
    body: '标题：关于加强中医药人才培养的建议\n领域：医疗',
    expect: { field: '医疗卫生' },
  },
  {
    body: '标题：关于河道保洁的建议\n分类：环保',
    expect: { field: '生态环境' },
  },
  {
    body: '标题：关于乡村振兴人才引进的建议\n分类：三农',
    expect: { field: '农业农村' },
  },
  {
    body: '标题：关于文旅融合的建议；领域：文旅；联名：张三、李四、王五委员',
    expect: { title: '关于文旅融合的建议', field: '文化', authorNames: ['张三', '李四', '王五'] },
  },
  {
    body: '标题：关于公交线路优化的建议\n日期：9月15日\n领域：出行',
    expect: { date: '2022-09-15', dateDefaulted: false, field: '交通' },
  },
  {
    body: '主 题：关于加强校园周边交通安全的建议\n正文：上下学高峰拥堵严重\n提交委员：赵六',
    expect: { title: '关于加强校园周边交通安全的建议', content: '上下学高峰拥堵严重', authorNames: ['赵六'] },
  },
  {
    body: '关于加强社区心理服务的建议\n领域：卫生健康\n内容：社区心理服务站点覆盖不足',
    expect: { title: '关于加强社区心理服务的建议', field: '医疗卫生', content: '社区心理服务站点覆盖不足' },
  },
  {
    body: '标题：关于支持民营企业发展的建议\n内容：\n一、存在问题：融资难。\n二、建议：设立专项资金。',
    expect: { title: '关于支持民营企业发展的建议', content: '一、存在问题：融资难。\n二、建议：设立专项资金。' },
  },
]

describe('parseOpinion', () => {
  it('keeps a line under a heading no row has in the content', () => {
    const r = parseOpinion('标题：关于助餐的建议\n内容：现状\n一是加强监管：建立台账', CLOCK)
    expect(r).toMatchObject({ ok: true, value: { content: '现状\n一是加强监管：建立台账' } })
  })

  it('takes 领域：无 and a copied template hint as not written, and refuses 日期：无 rather than taking today', () => {
    const r = parseOpinion('标题：关于加强老年人助餐服务的建议\n领域：无\n提交人：张三\n内容：（情况、分析、建议）', CLOCK)
    expect(r.ok && r.value).toEqual(expect.objectContaining({ title: '关于加强老年人助餐服务的建议', authorNames: ['张三'] }))
    expect(r.ok && [r.value.field, r.value.content]).toEqual([undefined, undefined])
    expect(parseOpinion('标题：关于助餐的建议\n日期：无', CLOCK)).toMatchObject({ ok: false, errors: [{ field: '日期' }] })
  })

  ROWS.forEach((row, n) =>
    it(label(n + 1, row.body), () => {
      const r = parseOpinion(row.body, CLOCK)
      if (!r.ok) throw new Error(JSON.stringify(r.errors))
      expect(r.value).toMatchObject(row.expect)
      for (const key of row.absent ?? []) expect(r.value).not.toHaveProperty(key)
    }),
  )

  it.each<[string, { field: string; problem: string }]>([
    ['领域：养老\n提交人：张三', { field: '标题', problem: '没有找到标题，请写“标题：关于…的建议”' }],
    ['', { field: '标题', problem: '没有找到标题，请写“标题：关于…的建议”' }],
    ['标题：关于养老的建议\n日期：9月31日', { field: '日期', problem: '日期看不懂："9月31日"，请写成 9月22日 或 2022-09-22 这样' }],
  ])('rejects %j', (body, problem) => {
    const r = parseOpinion(body, CLOCK)
    if (r.ok) throw new Error('expected errors')
    expect(r.errors).toEqual([problem])
  })
})

describe('parseOpinion: the content in the order written', () => {
  it('keeps a line under an unknown heading where it was written, not after the rest', () => {
    const r = parseOpinion('标题：关于助餐的建议\n存在问题：老人吃饭难\n领域：民生\n建议：开设社区食堂', CLOCK)
    expect(r.ok && r.value.content).toBe('存在问题：老人吃饭难\n建议：开设社区食堂')
  })
})
