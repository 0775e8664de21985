import { describe, expect, it } from 'vitest'
import { parseActivity, type ActivityDraft } from '../../src/parsing/mod.js'
import { CLOCK } from './helpers.js'

/** Messages as members of other rooms wrote them (issue: members' words, round two). */
function read(body: string): ActivityDraft & { warnings: string[] } {
  const r = parseActivity(body, CLOCK)
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.errors)}`)
  return { ...r.value, warnings: r.warnings }
}

describe('reach written with any group of people', () => {
  it.each<[string, number, boolean]>([
    ['9月18日开展暑期公益课堂，惠及新市民子女两百多人', 200, true],
    ['9月18日走访慰问，服务困难家庭三十余户', 30, true],
    ['9月18日开展义诊，服务辖区老年人120人次', 120, false],
    ['9月18日开展法律咨询，受益企业职工300余人', 300, true],
  ])('%s', (body, reach, approx) => {
    expect(read(body)).toMatchObject({ reach, reachApprox: approx })
  })
})

describe('participants with other words', () => {
  it.each<[string, number, boolean]>([
    ['9月18日召开界别协商座谈会，参会人员一百五十余人', 150, true],
    ['9月18日召开民主评议会，到会群众60余人', 60, true],
    ['9月18日举办政策宣讲，与会人员80人', 80, false],
    ['9月18日开展反诈宣传，现场群众200余人', 200, true],
    ['9月18日晚上在社区办了一场读书分享会，来了十几个人', 10, true],
  ])('%s', (body, participants, approx) => {
    expect(read(body)).toMatchObject({ participants, participantsApprox: approx })
  })
})

describe('members named inside a narrative', () => {
  it('律师团共8人参加，其中三位委员', () => {
    expect(read('9月18日开展送法进社区活动，律师团共8人参加，其中刘勇平、陈立新、王志强三位委员')).toMatchObject({
      participants: 8,
      memberNames: ['刘勇平', '陈立新', '王志强'],
    })
  })

  it('张伟滨、胡建国、沈丽委员出席', () => {
    expect(read('9月18日召开小区加装电梯协调会，张伟滨、胡建国、沈丽委员出席').memberNames).toEqual(['张伟滨', '胡建国', '沈丽'])
  })

  it('names without the word 委员', () => {
    expect(read('9月18日调研加装电梯，王芳、李明参加').memberNames).toEqual(['王芳', '李明'])
  })

  it('委员5人参加 is five members, not a list of names', () => {
    expect(read('9月18日开展义诊，委员5人参加')).toMatchObject({ participants: 5, memberNames: [] })
  })

  it('does not take groups of people for names', () => {
    expect(read('9月18日开展义诊，群众、志愿者参加').memberNames).toEqual([])
  })
})

describe('place and title of a spoken sentence', () => {
  it('晚上在市图书馆办了一场委员读书会', () => {
    expect(read('9月18日晚上在市图书馆办了一场委员读书会')).toMatchObject({ place: '市图书馆', title: '委员读书会' })
  })

  it('a sentence with no 开展/举办 verb gets the clause that says what happened, not a part of the day', () => {
    const r = read('3月15日上午，会客厅组织委员传达全国“两会”精神，近百人参加')
    expect(r.title).not.toBe('上午')
    expect(r.title).toContain('传达全国“两会”精神')
    expect(r).toMatchObject({ participants: 100, participantsApprox: true })
  })
})

describe('numbers that are no head count are refused, never cut', () => {
  it.each(['参与人数：零点', '参与人数：零点零', '参与人数：负一', '参与人数：零点一', '参与人数：一七二零点一', '参与人数：十七十八'])('%s', (line) => {
    const r = parseActivity(`主题：座谈会\n时间：9月18日\n${line}`, CLOCK)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors.map((e) => e.field)).toEqual(['参与人数'])
  })

  it.each<[string, number]>([['兩千六', 2600], ['廿二', 22], ['幺八九', 189], ['1百01', 101], ['壹佰贰拾', 120]])('参与人数：%s → %d', (written, value) => {
    expect(read(`主题：座谈会\n时间：9月18日\n参与人数：${written}`).participants).toBe(value)
  })
})

describe('names taking part, without 委员', () => {
  it.each<[string, string[]]>([
    ['9月18日开展座谈，张三、李四参加', ['张三', '李四']],
    ['9月18日开展座谈，万芳、王一博参加', ['万芳', '王一博']],
    ['9月18日开展座谈，两位老师、三名学生参加', []],
    ['9月18日开展座谈，社区居民、志愿者参加', []],
  ])('%s', (body, names) => {
    expect(read(body).memberNames).toEqual(names)
  })
})
