import { describe, expect, it } from 'vitest'
import { completes } from '../../src/services/drafts.js'

const draft = (text: string, kind = 'activity') => ({ text, kind })

describe('completes: whether a new record is what an open draft was about', () => {
  it.each([
    ['a message sent again after 请稍后', '9月5日 读书会第5场，参与人次5', '读书会第5场'],
    ['a corrected date', '9月32日在社区开展垃圾分类宣传，服务群众300人次', '在社区开展垃圾分类宣传'],
    ['a short draft, reworded around its words', '13月1日 读书会', '会客读书会'],
    ['full-width and spaces', '关于 增设公交站点 的建议', '关于增设公交站点的建议'],
  ])('%s', (_, text, title) => expect(completes(draft(text), { title })).toBe(true))

  it.each([
    ['another activity', '9月32日在社区开展垃圾分类宣传，服务群众300人次', '在学校开展协商议事'],
    ['a one-letter title', '9月32日 读书会', '会'],
    ['a two-letter title any event has', '9月32日在社区开展健康讲座和义诊', '义诊'],
    ['a two-letter draft inside a longer title', '9月32日 会议', '界别协商会议'],
  ])('not %s', (_, text, title) => expect(completes(draft(text), { title })).toBe(false))

  it('a plan’s draft only by an activity of that plan', () => {
    expect(completes(draft('P3 参与人次=30'), { title: '健康讲座' })).toBe(false)
    expect(completes(draft('P3 参与人次=30'), { title: '健康讲座' }, 'P4')).toBe(false)
    expect(completes(draft('ｐ３ 参与人次=30'), { title: '健康讲座' }, 'P3')).toBe(true)
  })
})
