import { describe, expect, it } from 'vitest'
import { goingByOf, goingBySql, nameRowsOf, namesOfRow, peopleNamed, pickByName, type NameRow } from '../../src/services/going-by.js'
import { splitBeside } from '../../src/db/sql.js'

/** A membership as names are told apart: row id, member id, group alias, WeChat name, registered name. */
const row = (id: number, memberId: number, name: string, realName: string | null = null, alias: string | null = null): NameRow => ({
  id,
  memberId,
  alias,
  member: { name, realName },
})

describe('who goes by which name in a room', () => {
  const rows = [row(1, 10, '海燕🌸', '宋亚琴', '宋委员'), row(2, 11, '王芳'), row(3, 12, '小王', '王芳'), row(4, 13, '李明'), row(5, 14, '李明')]

  it('takes a registered real name before a WeChat name or alias', () => {
    expect(pickByName(rows, '王芳')).toBe(rows[2])
    expect(pickByName(rows, '宋委员')).toBe(rows[0])
    expect(pickByName(rows, '海燕🌸')).toBe(rows[0])
  })

  it('calls a name two members go by ambiguous, and an unknown name nobody', () => {
    expect(pickByName(rows, '李明')).toBe('ambiguous')
    expect(pickByName(rows, '赵六')).toBeUndefined()
  })

  it('lists the people named by registered name, in the order written, each once', () => {
    expect(peopleNamed(rows, ['海燕🌸', '赵六', '宋亚琴', '宋委员', '赵六', '李明', '小王'])).toEqual([
      { name: '宋亚琴', memberId: 10 },
      { name: '赵六', memberId: null },
      { name: '李明', memberId: null },
      { name: '王芳', memberId: 12 },
    ])
  })

  it('keeps two unmatched names apart, and a member written by a name another unmatched person has', () => {
    expect(peopleNamed(rows, ['赵六', '钱七'])).toEqual([
      { name: '赵六', memberId: null },
      { name: '钱七', memberId: null },
    ])
    // 王芳 (WeChat name of member 11) is registered as member 12's real name: member 12 is meant, once.
    expect(peopleNamed(rows, ['王芳', '小王'])).toEqual([{ name: '王芳', memberId: 12 }])
    // Two members registered as 王芳: the name is nobody's, and 小王 (one of them) is not listed as a second 王芳 (names are unique in a record).
    expect(peopleNamed([...rows, row(6, 16, '芳', '王芳')], ['王芳', '小王'])).toEqual([{ name: '王芳', memberId: null }])
    // One unregistered member written by WeChat name and by group alias: counted once, as first written.
    expect(peopleNamed([...rows, row(6, 15, '王二', null, '二哥')], ['王二', '二哥'])).toEqual([{ name: '王二', memberId: 15 }])
  })

  it('asks nothing when there is nothing to look for', () => {
    expect(goingBySql(1, { names: [], realNames: [] })).toBeUndefined()
    expect(goingBySql(1, { names: [], puppetId: 'c1' })?.values).toEqual([1, 'c1'])
  })

  it('gives every name a membership goes by: the WeChat name and the group alias', () => {
    expect(namesOfRow(rows[0]!)).toEqual(['海燕🌸', '宋委员'])
    expect(namesOfRow(rows[1]!)).toEqual(['王芳'])
  })

  it('reads rows earliest membership first, whatever order the database gave them in', () => {
    const columns = (id: number, memberId: number, name: string) => ({
      id, roomId: 1, memberId, alias: null, role: 'member', name, realName: null, sector: null,
      puppetContactId: null, key: null, remark: null, verifiedAt: null, createdAt: new Date(0), updatedAt: new Date(0),
    })
    const read = goingByOf([columns(7, 70, '乙'), columns(3, 30, '甲')])
    expect(read.map((r) => [r.id, r.member.id, r.member.name])).toEqual([[3, 30, '甲'], [7, 70, '乙']])
    expect(nameRowsOf([columns(7, 70, '乙'), columns(3, 30, '甲')])).toEqual([row(3, 30, '甲'), row(7, 70, '乙')])
  })
})

describe('a row with rows beside it', () => {
  it('splits the head from the rows, the prefix taken off', () => {
    const joined = [
      { id: 1, name: '会客厅', 'going.id': 5, 'going.name': '王芳' },
      { id: 1, name: '会客厅', 'going.id': 6, 'going.name': '李明' },
    ]
    expect(splitBeside(joined, 'going.')).toEqual({ head: { id: 1, name: '会客厅' }, rows: [{ id: 5, name: '王芳' }, { id: 6, name: '李明' }] })
  })

  it('reads the row standing for none as no rows, and no head when the head matched nothing', () => {
    expect(splitBeside([{ id: 1, 'going.id': null, 'going.name': null }], 'going.')).toEqual({ head: { id: 1 }, rows: [] })
    expect(splitBeside([], 'going.')).toEqual({ head: undefined, rows: [] })
  })
})
