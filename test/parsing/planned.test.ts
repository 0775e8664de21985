import { describe, expect, it } from 'vitest'
import { planCodeAt, plannedActivityText, withLaterEdits } from '../../src/parsing/planned.js'

const plan = { date: '2022-09-22', time: '15:00', title: '健康讲座', place: '市民中心' }

describe('planCodeAt', () => {
  it.each([
    ['P3 参与人次=30', { code: 'P3', rest: '参与人次=30' }],
    ['ｐ３ 参与人次=30', { code: 'ｐ３', rest: '参与人次=30' }],
    ['  P12', { code: 'P12', rest: '' }],
  ])('%s', (body, expected) => expect(planCodeAt(body)).toEqual(expected))

  it('is not a plan when the letter starts a word or a number runs on', () => {
    expect(planCodeAt('PPT培训 参与人次=30')).toBeUndefined()
    expect(planCodeAt('9月22日 P3')).toBeUndefined()
    expect(planCodeAt('P2P网贷风险防范讲座 时间：9月20日')).toBeUndefined()
    expect(planCodeAt('P123456789 讲座')).toBeUndefined()
  })
})

describe('plannedActivityText', () => {
  it('takes the plan, a written field in place of the plan’s, and the other words on a line of their own', () => {
    expect(plannedActivityText(plan, '讲座很受欢迎 地点=社区服务中心 参与人次=30')).toBe('时间：2022-09-22 15:00\n主题：健康讲座\n地点：社区服务中心\n参与人次：30\n讲座很受欢迎')
  })

  it('a plan without a place, and nothing added', () => {
    expect(plannedActivityText({ ...plan, place: null }, '')).toBe('时间：2022-09-22 15:00\n主题：健康讲座')
  })

  it('keeps words with a colon that names no field as a line, for the 备注, instead of refusing them', () => {
    expect(plannedActivityText(plan, '效果很好：居民踊跃提问 参与人次=30')).toBe('时间：2022-09-22 15:00\n主题：健康讲座\n地点：市民中心\n参与人次：30\n效果很好：居民踊跃提问')
  })
})

describe('withLaterEdits', () => {
  it('a field written again takes the new value, under whichever of its labels', () => {
    expect(withLaterEdits('参与人次=很多 服务人次=150', [{ label: '参与人数', value: '30' }])).toBe('服务人次=150 参与人数=30')
  })

  it('keeps the words before the fields and a field it does not know (refused later, not dropped)', () => {
    expect(withLaterEdits('讲座很受欢迎 天气=晴', [{ label: '服务人次', value: '150' }])).toBe('讲座很受欢迎 天气=晴 服务人次=150')
  })
})
