import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_RULES, ScoringRulesError, loadScoringRules } from '../../src/scoring/rules.js'
import { rankMembers, rollOfRooms, scoreMemberYear, type MemberYear } from '../../src/scoring/score.js'
import type { MockChat } from '../../src/sim/mock-chat.js'
import { GROUP, boundChat, verify } from '../helpers.js'

const OTHER_GROUP = '东海委员工作室群'

let minute = 0
/** A message on a given local day; each a minute after the one before, so none is taken for a re-delivery. */
async function sayOn(chat: MockChat, day: string, from: string, text: string, room = GROUP) {
  minute++
  const time = new Date(new Date(`${day}T09:00:00+08:00`).getTime() + minute * 60_000)
  const out = await chat.say({ room, from, text, time })
  return out.map((m) => m.text ?? '').join('\n')
}

/** A bound room from late 2021 on, so records can fall on either side of New Year 2022. */
async function room(...people: string[]) {
  minute = 0
  const chat = await boundChat({ start: '2021-12-01T09:00:00+08:00' })
  for (const name of people) await sayOn(chat, '2021-12-01', name, `#登记 ${name} 医药卫生`)
  return chat
}

async function memberNamed(chat: MockChat, realName: string) {
  return chat.app.services.db.member.findFirstOrThrow({ where: { realName } })
}

async function scoreOf(chat: MockChat, realName: string, year: number, rules = DEFAULT_RULES) {
  return scoreMemberYear(chat.app.services.db, rules, await memberNamed(chat, realName), year)
}

/** What #我的 and the ledger list per line: record, date, label, points. */
const lines = (s: MemberYear) => s.entries.map((e) => [e.recordCode, e.date, e.why, e.points])

async function roomIdOf(chat: MockChat, name: string) {
  return (await chat.app.services.db.room.findFirstOrThrow({ where: { name } })).id
}

describe('履职积分 at the year boundaries', () => {
  it('scores a report dated 2022-01-01 or 2022-12-31 in 2022, and those of 2021-12-31 and 2023-01-01 in their own years', async () => {
    const chat = await room('王芳', '李明')
    await sayOn(chat, '2021-12-31', '李明', '#民意 标题：关于年末供暖保障的建议\n提交人：李明、王芳')
    await sayOn(chat, '2022-01-01', '李明', '#民意 标题：关于元旦市场保供的建议\n提交人：李明、王芳')
    await sayOn(chat, '2022-12-31', '李明', '#民意 标题：关于跨年夜交通疏导的建议\n提交人：李明、王芳')
    await sayOn(chat, '2023-01-01', '李明', '#民意 标题：关于春运返乡服务的建议\n提交人：李明、王芳')

    const li2022 = await scoreOf(chat, '李明', 2022)
    expect(lines(li2022)).toEqual([
      ['M2', '2022-01-01', '牵头', 10],
      ['M3', '2022-12-31', '牵头', 10],
    ])
    expect(li2022.counts.opinion).toBe(2)
    expect(lines(await scoreOf(chat, '王芳', 2022))).toEqual([
      ['M2', '2022-01-01', '联名', 5],
      ['M3', '2022-12-31', '联名', 5],
    ])
    const li2021 = await scoreOf(chat, '李明', 2021)
    expect(lines(li2021)).toEqual([['M1', '2021-12-31', '牵头', 10]])
    expect(li2021.counts.opinion).toBe(1)
    const li2023 = await scoreOf(chat, '李明', 2023)
    expect(lines(li2023)).toEqual([['M4', '2023-01-01', '牵头', 10]])
    expect(li2023.counts.opinion).toBe(1)
  })

  it('scores adoption in the year it happened and 批示 once, on the earliest 批示 date, even when entered late', async () => {
    const chat = await room('李明')
    await sayOn(chat, '2022-12-20', '李明', '#民意 标题：关于老旧小区加装电梯的建议\n提交人：李明')
    await sayOn(chat, '2022-12-28', '管理员', '#采纳 M1 市级 嘉兴市政协')
    await sayOn(chat, '2023-01-05', '管理员', '#采纳 M1 省级')
    await sayOn(chat, '2023-01-10', '管理员', '#批示 M1 市长批示')
    // The secretary learns later of an earlier 批示, from before New Year.
    await sayOn(chat, '2023-01-11', '管理员', '#批示 M1 副市长批示 2022年12月30日')

    const in2022 = await scoreOf(chat, '李明', 2022)
    expect(lines(in2022)).toEqual([
      ['M1', '2022-12-20', '牵头', 10],
      ['M1', '2022-12-28', '市级采纳', 5],
      ['M1', '2022-12-30', '批示', 10],
    ])
    expect(in2022.byRule).toMatchObject({ opinion: 10, adoption: 5, instruction: 10 })
    expect(in2022.total).toBe(25)

    // 2023 has the provincial adoption only: the report and its 批示 belong to 2022.
    const in2023 = await scoreOf(chat, '李明', 2023)
    expect(lines(in2023)).toEqual([['M1', '2023-01-05', '省级采纳', 10]])
    expect(in2023.counts.opinion).toBe(0)
    expect(in2023.byRule.instruction).toBe(0)
  })

  it('gives no 批示 points to a report that was adopted and resolved but never instructed', async () => {
    const chat = await room('李明')
    await sayOn(chat, '2022-03-01', '李明', '#民意 标题：关于增设公交站点的建议\n提交人：李明')
    await sayOn(chat, '2022-04-01', '管理员', '#采纳 M1 县级')
    await sayOn(chat, '2022-05-01', '管理员', '#办结 M1')
    const score = await scoreOf(chat, '李明', 2022)
    expect(lines(score)).toEqual([
      ['M1', '2022-03-01', '牵头', 10],
      ['M1', '2022-04-01', '县级采纳', 5],
    ])
    expect(score.byRule.instruction).toBe(0)
  })

  it('counts a proposal for 三个一 in the year it was handed in, and scores its 立案 in the year of 立案', async () => {
    const chat = await room('王芳')
    await sayOn(chat, '2021-12-30', '王芳', '#提案 关于加快推进中医药事业发展的建议')
    await sayOn(chat, '2022-01-05', '管理员', '#立案 T1')
    let score = await scoreOf(chat, '王芳', 2022)
    expect(lines(score)).toEqual([['T1', '2022-01-05', '立案（领衔）', 12]])
    expect(score.counts.proposal).toBe(0)
    expect(score.minimumMet.proposals).toBe(false)

    // One proposal of 2022 is exactly the minimum.
    await sayOn(chat, '2022-03-01', '王芳', '#提案 关于规范校外培训机构的建议')
    score = await scoreOf(chat, '王芳', 2022)
    expect(score.counts.proposal).toBe(1)
    expect(score.minimumMet.proposals).toBe(true)
    expect((await scoreOf(chat, '王芳', 2021)).counts.proposal).toBe(1)
  })
})

describe('proposals and withdrawn records', () => {
  it('labels 立案 for the lead and co-signers, and gives the 重点 and 重要 bonuses to the lead only', async () => {
    const chat = await room('王芳', '李明')
    await sayOn(chat, '2022-03-01', '王芳', '#提案 案由：关于加快推进中医药事业发展的建议\n提案人：王芳、李明')
    await sayOn(chat, '2022-04-01', '管理员', '#立案 T1')
    await sayOn(chat, '2022-05-01', '管理员', '#重点 T1')
    await sayOn(chat, '2022-06-01', '管理员', '#重要 T1')
    const wang = await scoreOf(chat, '王芳', 2022)
    expect(lines(wang)).toEqual([
      ['T1', '2022-04-01', '立案（领衔）', 12],
      ['T1', '2022-05-01', '重点提案', 5],
      ['T1', '2022-06-01', '重要提案', 3],
    ])
    expect(wang.byRule.proposal).toBe(20)
    const li = await scoreOf(chat, '李明', 2022)
    expect(lines(li)).toEqual([['T1', '2022-04-01', '立案（联名）', 3]])
    expect(li.byRule.proposal).toBe(3)
  })

  it('scores nothing for a withdrawn report or proposal, nor counts them for 三个一', async () => {
    const chat = await room('王芳', '李明')
    await sayOn(chat, '2022-03-01', '李明', '#民意 标题：关于增设公交站点的建议\n提交人：李明')
    await sayOn(chat, '2022-03-02', '管理员', '#采纳 M1 市级')
    await sayOn(chat, '2022-03-03', '王芳', '#提案 关于规范校外培训机构的建议')
    await sayOn(chat, '2022-03-04', '管理员', '#立案 T1')
    expect((await scoreOf(chat, '李明', 2022)).total).toBe(15)
    expect((await scoreOf(chat, '王芳', 2022)).total).toBe(12)

    await sayOn(chat, '2022-03-05', '管理员', '#撤销 M1')
    await sayOn(chat, '2022-03-06', '管理员', '#撤销 T1')
    const li = await scoreOf(chat, '李明', 2022)
    const wang = await scoreOf(chat, '王芳', 2022)
    expect([li.total, li.entries.length, li.counts.opinion, li.minimumMet.opinions]).toEqual([0, 0, 0, false])
    expect([wang.total, wang.entries.length, wang.counts.proposal, wang.minimumMet.proposals]).toEqual([0, 0, 0, false])
  })
})

describe('the order of entries and the yearly caps', () => {
  it('lists entries by date whatever the kind, and fills a cap in date order, not in the order records were entered', async () => {
    const chat = await room('王芳')
    await sayOn(chat, '2022-02-01', '王芳', '#提案 关于规范校外培训机构的建议')
    await sayOn(chat, '2022-02-02', '管理员', '#立案 T1')
    await sayOn(chat, '2022-03-01', '王芳', '#民意 标题：关于增设公交站点的建议\n提交人：王芳')
    await sayOn(chat, '2022-04-01', '王芳', '#民意 标题：关于老旧小区加装电梯的建议\n提交人：王芳')
    await sayOn(chat, '2022-05-01', '管理员', '#采纳 M1 市级')
    await sayOn(chat, '2022-06-01', '王芳', '#活动 主题：健康义诊\n时间：2022年6月1日\n参与委员：王芳')
    // Entered later, but held earlier: it is the first to count towards the activity cap.
    await sayOn(chat, '2022-06-02', '王芳', '#活动 主题：读书会\n时间：2022年1月10日\n参与委员：王芳')
    const rules = { ...DEFAULT_RULES, activity: { points: 6, capPerYear: 10 } }
    const score = await scoreOf(chat, '王芳', 2022, rules)
    expect(lines(score)).toEqual([
      ['A2', '2022-01-10', '读书会', 6],
      ['T1', '2022-02-02', '立案（领衔）', 12],
      ['M1', '2022-03-01', '牵头', 10],
      ['M2', '2022-04-01', '牵头', 10],
      ['M1', '2022-05-01', '市级采纳', 5],
      ['A1', '2022-06-01', '义诊', 4],
    ])
    expect(score.entries.at(-1)!.rawPoints).toBe(6)
  })
})

describe('rankMembers and the roll', () => {
  /**
   * Room A: 王芳, 李明, 张伟 registered; 小周 unregistered but named in an activity (beside 老刘,
   * whom the bot does not know, and who is also the only author of a live report and proposal);
   * 路人 only asking for their score; 小陈, 小吴, 小郑 named only in records later withdrawn;
   * 小孙 a member of both rooms, named only in room B.
   * Room B: 赵强 registered.
   */
  async function twoRooms() {
    const chat = await room('王芳', '李明', '张伟')
    await sayOn(chat, '2022-01-02', '管理员', '#绑定 东海委员工作室 工作室', OTHER_GROUP)
    await sayOn(chat, '2022-01-02', '赵强', '#登记 赵强 经济', OTHER_GROUP)
    // Only a command makes a sender known to the bot; these ask for their own score.
    for (const name of ['小周', '路人', '小陈', '小吴', '小郑', '小孙']) await sayOn(chat, '2022-01-03', name, '#我的')
    // 小孙 is verified, so the bot knows him as one member in both rooms.
    await verify(chat, '小孙', GROUP)
    await sayOn(chat, '2022-01-03', '小孙', '#我的', OTHER_GROUP)
    await sayOn(chat, '2022-03-01', '王芳', '#活动 主题：健康义诊\n时间：2022年3月1日\n参与委员：王芳、李明、张伟、小周、老刘')
    await sayOn(chat, '2022-03-02', '王芳', '#活动 主题：政策宣讲\n时间：2022年3月2日\n参与委员：王芳')
    await sayOn(chat, '2022-03-03', '王芳', '#活动 主题：走访慰问\n时间：2022年3月3日\n参与委员：小陈')
    await sayOn(chat, '2022-03-04', '小吴', '#民意 标题：关于增设公交站点的建议\n提交人：小吴')
    await sayOn(chat, '2022-03-05', '小郑', '#提案 关于规范校外培训机构的建议')
    // Live records whose only author the bot does not know: nobody is added to the roll by them.
    await sayOn(chat, '2022-03-05', '王芳', '#民意 标题：关于河道保洁的建议\n提交人：老刘')
    await sayOn(chat, '2022-03-05', '王芳', '#提案 案由：关于社区食堂建设的建议\n提案人：老刘')
    await sayOn(chat, '2022-03-06', '管理员', '#撤销 A3')
    await sayOn(chat, '2022-03-07', '管理员', '#撤销 M1')
    await sayOn(chat, '2022-03-08', '管理员', '#撤销 T1')
    await sayOn(chat, '2022-03-09', '赵强', '#活动 主题：东海读书会\n时间：2022年3月9日\n参与委员：赵强、小孙', OTHER_GROUP)
    return chat
  }

  it('ranks the highest total first and equal totals by name in pinyin order', async () => {
    const chat = await twoRooms()
    const ranked = await rankMembers(chat.app.services.db, DEFAULT_RULES, [await roomIdOf(chat, '平湖健康家园政协委员会客厅')], 2022)
    // 李明 (li), 小周 (xiao), 张伟 (zhang): by pinyin, not by character code. Nobody else is on
    // room A's roll: not 路人, nor those named only in withdrawn records, nor 小孙 or 赵强 of room B.
    expect(ranked.map((s) => [s.name, s.total])).toEqual([
      ['王芳', 6],
      ['李明', 3],
      ['小周', 3],
      ['张伟', 3],
    ])
  })

  it('ranks only the members of the given rooms who are registered or named in a live record there', async () => {
    const chat = await twoRooms()
    const db = chat.app.services.db
    const roomA = await roomIdOf(chat, '平湖健康家园政协委员会客厅')
    const roomB = await roomIdOf(chat, '东海委员工作室')
    expect((await rankMembers(db, DEFAULT_RULES, [roomB], 2022)).map((s) => [s.name, s.total])).toEqual([
      ['小孙', 3],
      ['赵强', 3],
    ])
    // The roll carries each member's rooms, for the ledger's 会客厅/工作室 column.
    const roll = await rollOfRooms(db, [roomA, roomB])
    expect(roll.map((m) => [m.realName ?? m.name, m.memberships.map((ms) => ms.roomId).sort()])).toEqual([
      ['王芳', [roomA]],
      ['李明', [roomA]],
      ['张伟', [roomA]],
      ['赵强', [roomB]],
      ['小周', [roomA]],
      ['小孙', [roomA, roomB].sort()],
    ])
  })

  it('shows a member by the registered real name, not the WeChat name', async () => {
    const chat = await room()
    await sayOn(chat, '2022-01-02', '芳芳🌸', '#登记 王芳 医药卫生')
    await sayOn(chat, '2022-03-01', '芳芳🌸', '#活动 主题：健康义诊\n时间：2022年3月1日\n参与委员：王芳')
    const score = await scoreOf(chat, '王芳', 2022)
    expect([score.name, score.total]).toEqual(['王芳', 3])
  })
})

describe('rules file problems, in Chinese', () => {
  const fileWith = (name: string, content: unknown) => {
    const file = join(process.env.TEST_TMP_DIR!, name)
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content))
    return file
  }

  it('names every problem on its own line, with its path and the limit broken', () => {
    const file = fileWith('boundaries-rules.json', {
      activity: { points: -1, capPerYear: 10 },
      training: { points: 1001, capPerYear: null },
      opinion: { lead: '十', coAuthor: 5, capPerYear: 40 },
    })
    expect(() => loadScoringRules(file)).toThrow(ScoringRulesError)
    expect(() => loadScoringRules(file)).toThrow(
      `积分规则文件 ${file} 有误：\n  activity.points：不能小于 0\n  training.points：不能大于 1000\n  opinion.lead：应为数字`,
    )
  })

  it('names unknown top-level items against the whole file', () => {
    const file = fileWith('unknown-rules.json', { opinon: {}, activty: {} })
    expect(() => loadScoringRules(file)).toThrow(`积分规则文件 ${file} 有误：\n  (整个文件)：不认识的项目 opinon、activty`)
  })

  it('rejects equal 优秀 and 称职 lines', () => {
    const file = fileWith('equal-bands.json', { bands: { excellent: 60, competent: 60 } })
    expect(() => loadScoringRules(file)).toThrow(`积分规则文件 ${file} 有误：\n  bands：优秀线（excellent）应高于称职线（competent）`)
    expect(loadScoringRules(fileWith('close-bands.json', { bands: { excellent: 61, competent: 60 } })).bands).toEqual({ excellent: 61, competent: 60 })
  })

  it('does not call a wrongly shaped section a missing number, and names the shape in Chinese', () => {
    const file = fileWith('shape-rules.json', { activity: 3 })
    expect(() => loadScoringRules(file)).toThrow(`积分规则文件 ${file} 有误：\n  activity：应为一组设置（{ … }）`)
  })
})
