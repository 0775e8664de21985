import { describe, expect, it } from 'vitest'
import { editDistance, matchLabel, splitFields } from '../../src/parsing/mod.js'
import type { LabelTable } from '../../src/parsing/mod.js'

type Key = 'date' | 'title' | 'place' | 'note'
const TABLE: LabelTable<Key> = {
  date: ['时间', '日期', '活动时间'],
  title: ['主题', '名称', '活动主题'],
  place: ['地点', '地址', '活动地点'],
  note: ['备注', '说明'],
}
const opts = { multiline: ['note'] as Key[], notLabels: ['主持', '主持人'] }

function fields(body: string): Record<string, string> {
  return Object.fromEntries(splitFields(body, TABLE, opts).fields)
}

describe('splitFields', () => {
  it.each<[string, Record<string, string>]>([
    ['时间：9月19日\n主题：健康义诊\n地点：爱卫中心', { date: '9月19日', title: '健康义诊', place: '爱卫中心' }],
    ['时间：9月19日，主题：健康义诊；地点：爱卫中心', { date: '9月19日', title: '健康义诊', place: '爱卫中心' }],
    ['时间:9.19  主题:健康义诊  地点:爱卫中心', { date: '9.19', title: '健康义诊', place: '爱卫中心' }],
    ['时间：9月19日 主题：健康义诊 地点：爱卫中心', { date: '9月19日', title: '健康义诊', place: '爱卫中心' }],
    ['时 间：9月19日\n主 题：健康义诊', { date: '9月19日', title: '健康义诊' }],
    ['主提：健康义诊\n地典：爱卫中心', { title: '健康义诊', place: '爱卫中心' }],
    ['时间=9月19日\n主题=健康义诊', { date: '9月19日', title: '健康义诊' }],
    ['时间：9月19日 15:30\n主题：健康义诊', { date: '9月19日 15:30', title: '健康义诊' }],
    ['本次活动地点：爱卫中心', { place: '爱卫中心' }],
    ['【时间】9月19日【主题】健康义诊', { date: '9月19日', title: '健康义诊' }],
    ['时间：9.19主题：健康义诊', { date: '9.19', title: '健康义诊' }],
    ['备注：请于15:30前到场，注意事项：带好证件', { note: '请于15:30前到场，注意事项：带好证件' }],
    ['主题：\n健康义诊', { title: '健康义诊' }],
  ])('%j', (body, expected) => {
    expect(fields(body)).toEqual(expected)
  })

  it('keeps text outside fields as rest, including later lines of single-line fields', () => {
    const r = splitFields('9月19日开展健康义诊\n地点：爱卫中心\n群众反响热烈', TABLE, opts)
    expect(r.fields.get('place')).toBe('爱卫中心')
    expect(r.rest).toBe('9月19日开展健康义诊\n群众反响热烈')
  })

  it('lets multi-line fields continue over lines', () => {
    const r = splitFields('主题：读书会\n备注：第一行\n第二行', TABLE, opts)
    expect(r.fields.get('note')).toBe('第一行\n第二行')
    expect(r.rest).toBe('')
  })

  it('reports unknown labels and never fuzzy-matches a listed non-label', () => {
    const r = splitFields('主题：义诊\n主持：张三\n负责人：李四', TABLE, opts)
    expect(r.fields.get('title')).toBe('义诊')
    expect(r.unknownLabels).toEqual(['主持', '负责人'])
    expect(r.unknownFields).toEqual([
      { label: '主持', value: '张三', labelStart: 6, valueStart: 9, valueEnd: 12 },
      { label: '负责人', value: '李四', labelStart: 12, valueStart: 16, valueEnd: 18 },
    ])
  })

  it('does not treat a narrative with a colon as fields', () => {
    const r = splitFields('好消息：9月19日开展健康义诊', TABLE, opts)
    expect(r.fields.size).toBe(0)
    expect(r.unknownLabels).toEqual([])
    expect(r.rest).toBe('好消息：9月19日开展健康义诊')
  })

  it('keeps the member’s own full-width punctuation in values', () => {
    expect(fields('主题：“关爱流动花朵，共享一片蓝天”（募捐）')).toEqual({ title: '“关爱流动花朵，共享一片蓝天”（募捐）' })
  })
})

describe('matchLabel', () => {
  it.each<[string, Key | null]>([
    ['时间', 'date'],
    ['时 间', 'date'],
    ['活动主题', 'title'],
    ['主提', 'title'],
    ['地典', 'place'],
    ['活动地址', 'place'],
    ['主持', null],
    ['电话', null],
    ['15', null],
  ])('%s → %s', (label, key) => {
    expect(matchLabel(label, TABLE, ['主持'])).toBe(key)
  })

  it('computes capped edit distance', () => {
    expect(editDistance('主提', '主题')).toBe(1)
    expect(editDistance('地点', '地点')).toBe(0)
    expect(editDistance('abc', 'xyz')).toBe(2)
  })
})
