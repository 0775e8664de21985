import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_RULES, ScoringRulesError, loadScoringRules } from '../../src/scoring/rules.js'
import { scoreMemberYear } from '../../src/scoring/score.js'
import type { MockChat } from '../../src/sim/mock-chat.js'
import { GROUP, boundChat } from '../helpers.js'

const at = (local: string) => new Date(`${local}+08:00`)
let minute = 0
/** Each message a minute apart, so none is taken for a re-delivery. */
async function say(chat: MockChat, from: string, text: string) {
  minute++
  const time = at(`2022-09-21T${String(10 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00`)
  const out = await chat.say({ room: GROUP, from, text, time })
  return out.map((m) => m.text ?? '').join('\n')
}

async function memberNamed(chat: MockChat, realName: string) {
  return chat.app.services.db.member.findFirstOrThrow({ where: { realName } })
}

async function room() {
  const chat = await boundChat()
  await say(chat, '王芳', '#登记 王芳 医药卫生')
  await say(chat, '李明', '#登记 李明 教育')
  return chat
}

describe('履职积分', () => {
  it('scores activities with the yearly cap, training apart, and lists capped entries at 0', async () => {
    const chat = await room()
    for (const day of [1, 2, 3, 4, 5]) await say(chat, '王芳', `#活动 9月${day}日 健康义诊第${day}场，委员王芳参加`)
    await say(chat, '王芳', '#活动 主题：委员履职能力培训\n类型：培训\n时间：9月6日\n参与委员：王芳')
    const score = await scoreMemberYear(chat.app.services.db, DEFAULT_RULES, await memberNamed(chat, '王芳'), 2022)
    // 5 activities × 3 = 15, capped at 10 (the 4th gets 1, the 5th 0); training 10 on its own.
    expect(score.entries.filter((e) => e.rule === 'activity').map((e) => e.points)).toEqual([3, 3, 3, 1, 0])
    expect(score.byRule).toMatchObject({ activity: 10, training: 10 })
    expect(score.counts.activity).toBe(6)
    expect(score.entries.map((e) => e.recordCode)).toEqual(['A1', 'A2', 'A3', 'A4', 'A5', 'A6'])
  })

  it('gives the lead and co-authors of a report their points, plus adoption and instruction', async () => {
    const chat = await room()
    await say(chat, '李明', '#民意 标题：关于增设公交站点的建议\n提交人：李明、王芳')
    await say(chat, '管理员', '#采纳 M1 市级 嘉兴市政协')
    await say(chat, '管理员', '#采纳 M1 省级')
    await say(chat, '管理员', '#批示 M1')
    const db = chat.app.services.db
    const li = await scoreMemberYear(db, DEFAULT_RULES, await memberNamed(chat, '李明'), 2022)
    const wang = await scoreMemberYear(db, DEFAULT_RULES, await memberNamed(chat, '王芳'), 2022)
    // Lead 10, co-author 5; city 5 + province 10 and instruction 10 for each author.
    expect(li.total).toBe(10 + 5 + 10 + 10)
    expect(wang.total).toBe(5 + 5 + 10 + 10)
    expect(li.entries.every((e) => e.recordCode === 'M1')).toBe(true)
  })

  it('scores 批示 once per report, however many instructions it got', async () => {
    const chat = await room()
    await say(chat, '李明', '#民意 标题：关于增设公交站点的建议\n提交人：李明')
    await say(chat, '李明', '#民意 标题：关于老旧小区加装电梯的建议\n提交人：李明')
    await say(chat, '管理员', '#批示 M1 市长批示')
    await say(chat, '管理员', '#批示 M1 副市长批示')
    await say(chat, '管理员', '#批示 M2 区长批示')
    const li = await scoreMemberYear(chat.app.services.db, DEFAULT_RULES, await memberNamed(chat, '李明'), 2022)
    expect(li.entries.filter((e) => e.rule === 'instruction').map((e) => [e.recordCode, e.points])).toEqual([
      ['M1', 10],
      ['M2', 10],
    ])
    expect(li.byRule.instruction).toBe(20)
  })

  it('scores a registered proposal for the lead and co-signers, with the key-proposal bonus for the lead', async () => {
    const chat = await room()
    await say(chat, '王芳', '#提案 案由：关于加快推进中医药事业发展的建议\n提案人：王芳、李明')
    await say(chat, '王芳', '#提案 关于规范校外培训机构的建议')
    expect((await scoreMemberYear(chat.app.services.db, DEFAULT_RULES, await memberNamed(chat, '王芳'), 2022)).byRule.proposal).toBe(0)
    await say(chat, '管理员', '#立案 T1')
    await say(chat, '管理员', '#重点 T1')
    const wang = await scoreMemberYear(chat.app.services.db, DEFAULT_RULES, await memberNamed(chat, '王芳'), 2022)
    const li = await scoreMemberYear(chat.app.services.db, DEFAULT_RULES, await memberNamed(chat, '李明'), 2022)
    expect(wang.byRule.proposal).toBe(12 + 5)
    expect(li.byRule.proposal).toBe(3)
    expect(wang.counts.proposal).toBe(2) // T2 is handed in, not registered: it counts for 三个一, not for points
  })

  it('follows edits, withdrawals and restorations at once, and never scores a record twice', async () => {
    const chat = await room()
    await say(chat, '王芳', '#活动 9月1日 读书会，委员王芳参加')
    const db = chat.app.services.db
    const wang = await memberNamed(chat, '王芳')
    const li = await memberNamed(chat, '李明')
    const total = async (m: typeof wang) => (await scoreMemberYear(db, DEFAULT_RULES, m, 2022)).total
    expect([await total(wang), await total(li)]).toEqual([3, 0])
    await say(chat, '王芳', '#修改 A1 参与委员=李明')
    expect([await total(wang), await total(li)]).toEqual([0, 3])
    await say(chat, '王芳', '#修改 A1 参与委员=李明、李明、王芳')
    expect([await total(wang), await total(li)]).toEqual([3, 3])
    await say(chat, '王芳', '#撤销 A1')
    expect([await total(wang), await total(li)]).toEqual([0, 0])
    await say(chat, '王芳', '#恢复 A1')
    expect([await total(wang), await total(li)]).toEqual([3, 3])
    await say(chat, '王芳', '#修改 A1 时间=2021年9月1日')
    expect([await total(wang), await total(li)]).toEqual([0, 0])
  })

  it('checks 三个一 and bands', async () => {
    const chat = await room()
    const rules = { ...DEFAULT_RULES, bands: { excellent: 15, competent: 5 } }
    for (const day of [1, 2, 3]) await say(chat, '王芳', `#活动 9月${day}日 走访慰问第${day}次，委员王芳参加`)
    await say(chat, '王芳', '#民意 关于增设公交站点的建议')
    const score = await scoreMemberYear(chat.app.services.db, rules, await memberNamed(chat, '王芳'), 2022)
    expect(score.minimumMet).toEqual({ activities: true, opinions: true, proposals: false })
    expect(score.total).toBe(9 + 10)
    expect(score.band).toBe('优秀')
  })

  it('puts a total that sits exactly on a line in the band above it', async () => {
    const chat = await room()
    for (const day of [1, 2, 3]) await say(chat, '王芳', `#活动 9月${day}日 走访慰问第${day}次，委员王芳参加`)
    const wang = await memberNamed(chat, '王芳')
    const band = async (excellent: number, competent: number) =>
      (await scoreMemberYear(chat.app.services.db, { ...DEFAULT_RULES, bands: { excellent, competent } }, wang, 2022)).band
    // The total is 9: on the 优秀 line, just under it, on the 称职 line, just under that.
    expect(await band(9, 5)).toBe('优秀')
    expect(await band(10, 9)).toBe('称职')
    expect(await band(11, 10)).toBe('待改进')
    expect(DEFAULT_RULES.bands).toEqual({ excellent: 85, competent: 60 })
  })
})

describe('#我的 and #积分榜', () => {
  it('sends #我的 privately with a notice in the group', async () => {
    const chat = await room()
    await say(chat, '王芳', '#活动 9月1日 读书会，委员王芳参加')
    const out = await chat.say({ room: GROUP, from: '王芳', text: '#我的', time: at('2022-09-22T10:00:00') })
    expect(out.map((m) => m.to)).toEqual(['王芳', GROUP])
    expect(out[0]!.text).toContain('【王芳 2022年履职情况】')
    expect(out[0]!.text).toContain('2022-09-01 A1 读书会｜读书会 +3')
    expect(out[0]!.text).toContain('“三个一”：活动 1/3 ✗，提案 0/1 ✗，社情民意 0/1 ✗')
    expect(out[1]!.text).toBe('2022年履职情况已私信发给 王芳。')
  })

  it('keeps #我的 to one private message however long the year was, pointing to the ledger for the rest', async () => {
    const chat = await room()
    for (let day = 1; day <= 60; day++) {
      await say(chat, '王芳', `#活动 ${day <= 30 ? `9月${day}日` : `10月${day - 30}日`} 社区健康义诊和政策宣讲第${day}场，委员王芳参加`)
    }
    const out = await chat.say({ room: GROUP, from: '王芳', text: '#我的', time: at('2022-12-01T10:00:00') })
    expect(out.map((m) => m.to)).toEqual(['王芳', GROUP])
    expect(out[0]!.text!.length).toBeLessThanOrEqual(1800)
    expect(out[0]!.text).toContain('参加活动 60 次')
    expect(out[0]!.text).toMatch(/……另有 \d+ 条未列出，全部记录在台账里（秘书可发送 #导出）$/)
  })

  it('gives the ranking to secretaries and admins only', async () => {
    const chat = await room()
    await say(chat, '管理员', '#秘书 @王芳')
    await say(chat, '王芳', '#活动 9月1日 读书会，委员王芳参加')
    expect(await say(chat, '李明', '#积分榜')).toContain('积分榜只对秘书和管理员开放')
    const out = await chat.say({ room: GROUP, from: '王芳', text: '#积分榜 2022', time: at('2022-09-22T10:00:00') })
    expect(out[0]!.to).toBe('王芳')
    expect(out[0]!.text).toMatch(/1\. 王芳 3 分 待改进（低于 60 分，建议谈心谈话）/)
    expect(out[0]!.text).toMatch(/\d\. 李明 0 分/)
  })
})

describe('the rules file', () => {
  it('rejects an invalid file with a clear Chinese message naming each problem', () => {
    const file = join(process.env.TEST_TMP_DIR!, 'bad-rules.json')
    writeFileSync(file, JSON.stringify({ activity: { points: '三', capPerYear: 10 }, opinon: {}, bands: { excellent: 50, competent: 60 } }))
    expect(() => loadScoringRules(file)).toThrow(ScoringRulesError)
    expect(() => loadScoringRules(file)).toThrow(/activity\.points：应为数字[\s\S]*bands：优秀线（excellent）应高于称职线（competent）[\s\S]*不认识的项目 opinon/)
    writeFileSync(file, '{ not json')
    expect(() => loadScoringRules(file)).toThrow('读不出来')
  })

  it('takes a partial file over the defaults', () => {
    const file = join(process.env.TEST_TMP_DIR!, 'rules.json')
    writeFileSync(file, JSON.stringify({ activity: { points: 5, capPerYear: null } }))
    const rules = loadScoringRules(file)
    expect(rules.activity).toEqual({ points: 5, capPerYear: null })
    expect(rules.opinion).toEqual(DEFAULT_RULES.opinion)
  })

  it('ships an example file equal to the defaults', () => {
    expect(loadScoringRules('scoring-rules.example.json')).toEqual(DEFAULT_RULES)
  })
})

describe('#帮助 follows the rules file', () => {
  it('names the 三个一 minimums and the bands the deployment set, not the defaults', async () => {
    const file = join(process.env.TEST_TMP_DIR!, 'help-rules.json')
    writeFileSync(file, JSON.stringify({ minimum: { activities: 4, proposals: 2, opinions: 3 }, bands: { excellent: 90, competent: 70 } }))
    const chat = await boundChat({ env: { SCORING_RULES_FILE: file } })
    const mine = await say(chat, '王芳', '#帮助 我的')
    expect(mine).toContain('至少 4 次活动、2 件提案、3 篇社情民意')
    const ranking = await say(chat, '王芳', '#帮助 积分榜')
    expect(ranking).toContain('优秀 90 分及以上，称职 70 分及以上、不到 90 分，低于 70 分提示谈心谈话')
  })
})
