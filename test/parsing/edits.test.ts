import { describe, expect, it } from 'vitest'
import { activityToText, editActivityText, editOpinionText, parseActivity, parseEditPairs, parseOpinion } from '../../src/parsing/mod.js'

const clock = { now: new Date('2022-09-21T02:00:00Z'), timeZone: 'Asia/Shanghai' }

describe('parseEditPairs', () => {
  it.each([
    ['参与人次=30', [{ label: '参与人次', value: '30' }]],
    ['参与人次=30 服务人次＝200', [{ label: '参与人次', value: '30' }, { label: '服务人次', value: '200' }]],
    ['地点：市爱卫中心 二楼，主题=健康义诊', [{ label: '地点', value: '市爱卫中心 二楼' }, { label: '主题', value: '健康义诊' }]],
    ['时间=2022-09-19 15:00', [{ label: '时间', value: '2022-09-19 15:00' }]],
    ['参与人次=', []],
    ['随便写写', []],
  ])('%s', (text, expected) => {
    expect(parseEditPairs(text)).toEqual(expected)
  })
})

describe('editing through the parser', () => {
  it('round-trips a stored activity and replaces only the edited fields', () => {
    const first = parseActivity('时间：2022-09-19 15:00\n主题：健康义诊\n类型：义诊\n参与委员：张三、李四\n参与人次：30\n服务人次：200\n联合单位：市一医院\n品牌：春天里·温暖你', clock)
    if (!first.ok) throw new Error('fixture must parse')
    const again = parseActivity(activityToText(first.value), clock)
    expect(again).toMatchObject({ ok: true, value: first.value })
    const edited = editActivityText(activityToText(first.value), parseEditPairs('参与人次=45 地典=市爱卫中心'))
    if (!edited.ok) throw new Error('labels must be known')
    expect(parseActivity(edited.text, clock)).toMatchObject({
      ok: true,
      value: { participants: 45, place: '市爱卫中心', reach: 200, title: '健康义诊', memberNames: ['张三', '李四'] },
    })
  })

  it('fixes a draft by replacing its bad field', () => {
    const edited = editActivityText('主题：读书会\n时间：9月32日\n参与人次：20', [{ label: '日期', value: '9月18日' }])
    expect(edited.ok && parseActivity(edited.text, clock)).toMatchObject({ ok: true, value: { date: '2022-09-18', participants: 20 } })
  })

  it('names labels it does not know', () => {
    expect(editActivityText('主题：读书会', [{ label: '颜色', value: '红' }])).toEqual({ ok: false, unknownLabels: ['颜色'] })
    expect(editOpinionText('标题：关于x的建议', [{ label: '参与人次', value: '3' }])).toEqual({ ok: false, unknownLabels: ['参与人次'] })
  })

  it('edits a report', () => {
    const edited = editOpinionText('标题：关于增设公交站点的建议\n提交人：张三', [{ label: '提交人', value: '张三、李四' }])
    expect(edited.ok && parseOpinion(edited.text, clock)).toMatchObject({ ok: true, value: { authorNames: ['张三', '李四'] } })
  })
})

describe('editActivityText: the day and the time are one row', () => {
  const stored = '时间：2022-09-20 15:00\n主题：健康讲座'
  it('时间=下午4点 changes the time and keeps the day', () => {
    const edited = editActivityText(stored, [{ label: '时间', value: '下午4点' }], clock)
    expect(edited).toEqual({ ok: true, text: '主题：健康讲座\n时间：2022-09-20 下午4点' })
    expect(edited.ok && parseActivity(edited.text, clock)).toMatchObject({ ok: true, value: { date: '2022-09-20', time: '16:00' } })
  })

  it('日期=9月21日 changes the day and keeps the time; a new day with its time replaces both', () => {
    expect(editActivityText(stored, [{ label: '日期', value: '9月21日' }], clock)).toEqual({ ok: true, text: '主题：健康讲座\n时间：9月21日 15:00' })
    expect(editActivityText(stored, [{ label: '日期', value: '9月21日上午9点' }], clock)).toEqual({ ok: true, text: '主题：健康讲座\n时间：9月21日上午9点' })
  })
})

describe('editActivityText: a new day and a new time in one #修改', () => {
  it('are one value for the row', () => {
    const edited = editActivityText('时间：2022-09-20 15:00\n主题：健康讲座', [{ label: '日期', value: '9月21日' }, { label: '时间', value: '下午4点' }], clock)
    expect(edited.ok && parseActivity(edited.text, clock)).toMatchObject({ ok: true, value: { date: '2022-09-21', time: '16:00' }, warnings: ['未写活动类型，按内容判断为“宣讲”'] })
  })
})
