import { describe, expect, it } from 'vitest'
import { parseBindArgs } from '../../src/commands/bind.js'
import { parseRegisterArgs } from '../../src/commands/register.js'

describe('parseBindArgs', () => {
  it.each([
    ['平湖健康家园政协委员会客厅 会客厅', { name: '平湖健康家园政协委员会客厅', kind: '会客厅', kindGuessed: false, move: false }],
    ['东海论健 委员工作室 工作室', { name: '东海论健 委员工作室', kind: '工作室', kindGuessed: false, move: false }],
    ['乍浦镇政协委员工作室', { name: '乍浦镇政协委员工作室', kind: '工作室', kindGuessed: true, move: false }],
    ['春天里会客厅', { name: '春天里会客厅', kind: '会客厅', kindGuessed: true, move: false }],
  ])('%s', (args, expected) => {
    expect(parseBindArgs(args)).toEqual(expected)
  })
  it('reads 改绑 at the end', () => {
    expect(parseBindArgs('春天里会客厅 会客厅 改绑')).toEqual({ name: '春天里会客厅', kind: '会客厅', kindGuessed: false, move: true })
  })
  it('needs a name', () => {
    expect(parseBindArgs('  ')).toBeUndefined()
    expect(parseBindArgs('工作室')).toBeUndefined()
  })
})

describe('parseRegisterArgs', () => {
  it.each([
    ['张三 医药卫生', { realName: '张三', sector: '医药卫生' }],
    ['张三，医药卫生界', { realName: '张三', sector: '医药卫生' }],
    ['欧阳娜娜 社会福利和社会保障界', { realName: '欧阳娜娜', sector: '社会福利和社会保障' }],
    ['李四', { realName: '李四' }],
  ])('%s', (args, expected) => {
    expect(parseRegisterArgs(args)).toEqual(expected)
  })
  it('explains what is wrong', () => {
    expect(parseRegisterArgs('')).toEqual({ error: expect.stringContaining('请写上您的姓名') })
    expect(parseRegisterArgs('13812345678')).toEqual({ error: expect.stringContaining('不像姓名') })
  })
})
