import { describe, expect, it } from 'vitest'
import { GROUP, boundChat } from '../helpers.js'
import type { MockChat } from '../../src/sim/mock-chat.js'

const at = (local: string) => new Date(`${local}+08:00`)
async function say(chat: MockChat, from: string, text: string, time = '2022-09-21T10:00:00') {
  const out = await chat.say({ room: GROUP, from, text, time: at(time) })
  expect(out.length).toBeLessThanOrEqual(1)
  return out[0]?.text ?? ''
}

/** A bound room with 王芳 as secretary and two registered members. */
async function room() {
  const chat = await boundChat()
  await say(chat, '王芳', '#登记 王芳 医药卫生')
  await say(chat, '李明', '#登记 李明 教育')
  await say(chat, '管理员', '#秘书 @王芳')
  return chat
}

describe('#活动', () => {
  it('records a narrative sentence with normalised values and names the record', async () => {
    const chat = await room()
    const reply = await say(chat, '李明', '#活动 昨天在市爱卫中心开展健康义诊，委员王芳、李明、赵六参加，服务群众200余人次')
    expect(reply).toContain('已记录活动 A1')
    expect(reply).toContain('日期：2022-09-20（周二）')
    expect(reply).toContain('地点：市爱卫中心')
    expect(reply).toContain('服务人次：200（约数）')
    expect(reply).toContain('群里没找到：赵六')
    expect(reply).toContain('提示：未写参与人次')
    const activity = await chat.app.services.db.activity.findFirstOrThrow({ include: { participantsOf: { orderBy: { id: 'asc' } } } })
    expect(activity).toMatchObject({ code: 'A1', date: '2022-09-20', type: '义诊', reach: 200, participants: null, reporterName: '李明' })
    expect(activity.participantsOf.map((p) => [p.name, p.memberId !== null])).toEqual([
      ['王芳', true],
      ['李明', true],
      ['赵六', false],
    ])
  })

  it('records the field form and uses aliases and full-width tags', async () => {
    const chat = await room()
    const reply = await say(chat, '王芳', '＃履职活动\n时间：2022年9月19日下午3点\n主题：“东海论健”健康讲座\n类型：宣讲\n参与人次：30人\n服务人次：3.6万\n品牌：东海论健')
    expect(reply).toContain('已记录活动 A1')
    expect(reply).toContain('日期：2022-09-19（周一） 15:00')
    expect(reply).toContain('服务人次：36000')
    expect(reply).not.toMatch(/提示：未写(?:日期|活动类型)/)
    // 王芳 is registered and named nobody: she is counted, and told so.
    expect(reply).toContain('参与委员：王芳')
    expect(reply).toContain('提示：未写参与委员，按发送人记录（王芳），不对请 #修改 A1 参与委员=…')
  })

  it('says when the message date was used', async () => {
    const chat = await room()
    const reply = await say(chat, '李明', '#活动 主题：会客读书分享会')
    expect(reply).toContain('未写日期，按消息日期 2022-09-21 记录')
  })

  it('keeps a message it cannot read as a draft, completed by #修改', async () => {
    const chat = await room()
    const problem = await say(chat, '李明', '#活动 9月32日在社区开展义诊，服务群众50人次')
    expect(problem).toContain('日期：日期看不懂："9月32日"，请写成 9月22日 或 2022-09-22 这样')
    expect(problem).toContain('原文已存为草稿 D1')
    expect(problem).toContain('主题：健康义诊进社区') // the template to copy
    expect(await chat.app.services.db.activity.count()).toBe(0)
    const done = await say(chat, '李明', '#修改 D1 日期=9月22日', '2022-09-23T09:00:00')
    expect(done).toContain('已记录活动 A1')
    expect(done).toContain('日期：2022-09-22')
    expect(done).toContain('草稿 D1 已由这条补全')
    const draft = await chat.app.services.db.draft.findFirstOrThrow()
    expect(draft).toMatchObject({ resolvedCode: 'A1' })
    expect(await say(chat, '李明', '#修改 D1 日期=9月21日')).toContain('草稿 D1 已经补全为 A1')
  })

  it('a draft completed by someone else is still the sender’s, under the sender’s registered name', async () => {
    const chat = await room()
    await say(chat, '海燕', '#登记 宋亚琴 社会福利')
    await say(chat, '海燕', '#民意 标题：关于增设公交站点的建议\n日期：13月1日', '2022-09-21T10:01:00')
    expect(await say(chat, '海燕', '#修改 D1 日期=9月1日', '2022-09-21T10:02:00')).toContain('已记录社情民意 M1')
    const { db } = chat.app.services
    expect((await db.opinionAuthor.findFirstOrThrow()).name).toBe('宋亚琴')
    expect((await db.opinionReport.findFirstOrThrow()).reporterName).toBe('宋亚琴')
    // The secretary completes 李明's activity that names nobody: it is 李明's, not hers.
    await say(chat, '李明', '#活动 9月32日 读书会，参与人次12', '2022-09-21T10:03:00')
    expect(await say(chat, '王芳', '#修改 D2 日期=9月2日', '2022-09-21T10:04:00')).toContain('已记录活动 A1')
    expect((await db.activityParticipant.findMany()).map((p) => p.name)).toEqual(['李明'])
  })

  it('lets a corrected repost complete the draft', async () => {
    const chat = await room()
    await say(chat, '李明', '#活动 13月1日 读书会')
    const reply = await say(chat, '李明', '#活动 9月1日 会客读书会，参与人次20')
    expect(reply).toContain('已记录活动 A1')
    expect(reply).toContain('草稿 D1 已由这条补全')
  })

  it('leaves a draft open when the next record is about something else, and says so', async () => {
    const chat = await room()
    await say(chat, '李明', '#活动 9月32日在社区开展垃圾分类宣传，服务群众300人次')
    const other = await say(chat, '李明', '#活动 9月22日在学校开展协商议事，参与人次20', '2022-09-22T10:00:00')
    expect(other).toContain('已记录活动 A1')
    expect(other).not.toContain('已由这条补全')
    expect(other).toContain('提示：您还有草稿 D1 没有补全')
    expect(await chat.app.services.db.draft.findFirstOrThrow()).toMatchObject({ resolvedCode: null, resolvedAt: null })
    expect(await say(chat, '李明', '#最近', '2022-09-22T10:01:00')).toContain('D1')
    // The corrected repost of the draft's activity completes it.
    const fixed = await say(chat, '李明', '#活动 9月2日在社区开展垃圾分类宣传，服务群众300人次', '2022-09-22T10:02:00')
    expect(fixed).toContain('草稿 D1 已由这条补全')
  })

  it('answers an empty #活动 with the template', async () => {
    const chat = await room()
    expect(await say(chat, '李明', '#活动')).toContain('请在 #活动 后面写上活动内容')
  })

  it('never stores a re-delivered message twice and never reuses an id', async () => {
    const chat = await room()
    await say(chat, '李明', '#活动 9月1日 读书会，参与人次20')
    expect(await chat.redeliver(chat.lastInjectedId())).toEqual([])
    await say(chat, '李明', '#撤销 A1')
    await say(chat, '李明', '#活动 9月2日 座谈会，参与人次10')
    const codes = (await chat.app.services.db.activity.findMany({ orderBy: { id: 'asc' } })).map((a) => a.code)
    expect(codes).toEqual(['A1', 'A2'])
  })
})

describe('#民意 and its life cycle', () => {
  it('records a report with joint authors, then adoption, instruction and resolution', async () => {
    const chat = await room()
    const reply = await say(chat, '李明', '#社情民意\n标题：关于加强老年人助餐服务的建议\n领域：养老\n提交人：李明、王芳\n内容：目前助餐点覆盖不足，建议增设。')
    expect(reply).toContain('已记录社情民意 M1')
    expect(reply).toContain('提交人：李明（牵头）、王芳')
    expect(await say(chat, '王芳', '#采纳 M1 市级 嘉兴市政协', '2022-09-25T10:00:00')).toContain('市级采纳（嘉兴市政协）')
    expect(await say(chat, '王芳', '#采纳 M1 省级', '2022-10-08T10:00:00')).toContain('省级采纳')
    expect(await say(chat, '王芳', '#采纳 M1 市级')).toContain('已于 2022-09-25 登记过「市级采纳（嘉兴市政协）」，不重复计数')
    expect(await say(chat, '王芳', '#批示 M1 请民政局研究落实')).toContain('领导批示：请民政局研究落实')
    const resolved = await say(chat, '王芳', '#办结 M1', '2022-11-01T10:00:00')
    expect(resolved).toContain('2022-11-01 办结')
    const events = await chat.app.services.db.opinionEvent.findMany({ orderBy: { id: 'asc' } })
    expect(events.map((e) => [e.kind, e.level, e.date])).toEqual([
      ['adopted', 'city', '2022-09-25'],
      ['adopted', 'province', '2022-10-08'],
      ['instructed', null, '2022-09-21'],
      ['resolved', null, '2022-11-01'],
    ])
  })

  it('defaults the author to the sender and reads an unlabelled title line', async () => {
    const chat = await room()
    const reply = await say(chat, '李明', '#民意 关于规范校外培训机构的建议\n近期家长反映……')
    expect(reply).toContain('标题：关于规范校外培训机构的建议')
    expect(reply).toContain('提交人：李明')
  })

  it('shows the latest ten steps of a long progress, so the confirmation stays one message', async () => {
    const chat = await room()
    await say(chat, '李明', '#民意 关于增设公交站点的建议')
    for (let n = 1; n <= 12; n++) {
      await say(chat, '王芳', `#批示 M1 请交通部门第${n}次研究落实${'并及时反馈'.repeat(30)}`, `2022-09-21T10:${String(n).padStart(2, '0')}:00`)
    }
    const out = await chat.say({ room: GROUP, from: '王芳', text: '#批示 M1 再次督办', time: at('2022-09-21T11:00:00') })
    expect(out).toHaveLength(1)
    expect(out[0]!.text).toContain('进展（共 13 条，显示最近 10 条）：')
    expect(out[0]!.text).toContain('领导批示：再次督办')
    const shown = await chat.say({ room: GROUP, from: '王芳', text: '#查 M1', time: at('2022-09-21T11:01:00') })
    expect(shown).toHaveLength(1)
  })

  it('asks for a level, and refuses status changes from members and on activities', async () => {
    const chat = await room()
    await say(chat, '李明', '#民意 关于增设公交站点的建议')
    await say(chat, '李明', '#活动 9月1日 读书会')
    expect(await say(chat, '李明', '#采纳 M1 市级')).toContain('只有本群秘书或管理员可以登记采纳')
    expect(await say(chat, '王芳', '#采纳 M1')).toContain('请写明采纳级别（县级、市级、省级、全国）')
    expect(await say(chat, '王芳', '#办结 A1')).toContain('A1 不是社情民意记录')
    expect(await say(chat, '王芳', '#办结 X9')).toContain('找不到记录 X9')
    expect(await say(chat, '王芳', '#办结 第一条')).toContain('「第一条」不是记录编号。编号像 A12、M12、T12、R12、S12、P12、D12')
    expect(await chat.app.services.db.opinionEvent.count()).toBe(0)
  })
})

describe('long values', () => {
  it('are clipped in confirmations and #最近, so each reply stays one message', async () => {
    const chat = await room()
    // As long as the parser takes them: titles 120, places 100, brands 50 characters; partners and notes freely.
    for (let n = 1; n <= 20; n++) {
      const text = `#活动\n时间：9月${n}日\n主题：${'健康义诊'.repeat(30)}\n地点：${'社区'.repeat(50)}\n联合单位：${'卫健局、'.repeat(300)}\n品牌：${'健康'.repeat(25)}\n备注：${'备注'.repeat(600)}`
      const out = await chat.say({ room: GROUP, from: '李明', text, time: at(`2022-09-21T10:${String(n).padStart(2, '0')}:00`) })
      expect(out).toHaveLength(1)
      expect(out[0]!.text).toContain(`已记录活动 A${n}`)
    }
    const recent = await chat.say({ room: GROUP, from: '李明', text: '#最近 20', time: at('2022-09-21T11:00:00') })
    expect(recent).toHaveLength(1)
    expect(recent[0]!.text).toContain('本群最近 20 条记录')
  })
})

describe('#修改, #撤销, #恢复', () => {
  it('edits a record, keeps a revision and shows it in #查', async () => {
    const chat = await room()
    await say(chat, '李明', '#活动 9月19日 健康义诊，服务群众200人次')
    const edited = await say(chat, '李明', '#修改 A1 参与人次=12 地点=市爱卫中心')
    expect(edited).toContain('已修改 A1')
    expect(edited).toContain('参与人次 （空） → 12')
    expect(edited).toContain('地点 （空） → 市爱卫中心')
    const shown = await say(chat, '李明', '#查 A1')
    expect(shown).toContain('参与人次：12')
    expect(shown).toContain('修改记录：')
    expect(shown).toMatch(/李明 修改：.*参与人次 （空） → 12/)
    const revisions = await chat.app.services.db.revision.findMany()
    expect(revisions).toHaveLength(1)
    expect(JSON.parse(revisions[0]!.before).participants).toBeUndefined()
    expect(JSON.parse(revisions[0]!.after).participants).toBe(12)
  })

  it('时间=下午4点 changes an activity’s time and keeps its day, 日期=… its day and keeps its time', async () => {
    const chat = await room()
    await say(chat, '李明', '#活动 时间：9月20日下午3点\n主题：健康讲座\n参与人次：30', '2022-09-20T18:00:00')
    const timed = await say(chat, '李明', '#修改 A1 时间=下午4点', '2022-09-23T18:00:00')
    expect(timed).toContain('改动：时间 15:00 → 16:00')
    expect(timed).toContain('日期：2022-09-20（周二） 16:00')
    const dated = await say(chat, '李明', '#修改 A1 日期=9月21日', '2022-09-23T18:01:00')
    expect(dated).toContain('改动：日期 2022-09-20 → 2022-09-21')
    expect(dated).toContain('日期：2022-09-21（周三） 16:00')
  })

  it('says so when an edit changes nothing, and keeps no empty revision', async () => {
    const chat = await room()
    await say(chat, '李明', '#活动 9月19日 健康义诊，参与人次20')
    expect(await say(chat, '李明', '#修改 A1 参与人次=20')).toContain('A1 没有变化')
    expect(await chat.app.services.db.revision.count()).toBe(0)
    expect(await say(chat, '李明', '#查 A1')).not.toContain('修改记录')
  })

  it('shows only the latest ten changes of a long history in #查, so it stays one message', async () => {
    const chat = await room()
    await say(chat, '李明', '#活动 9月19日 健康义诊，参与人次20')
    for (let n = 1; n <= 12; n++) await say(chat, '李明', `#修改 A1 参与人次=${20 + n}`, `2022-09-21T10:${String(n).padStart(2, '0')}:00`)
    const shown = await chat.say({ room: GROUP, from: '李明', text: '#查 A1', time: at('2022-09-21T11:00:00') })
    expect(shown).toHaveLength(1)
    expect(shown[0]!.text).toContain('修改记录（共 12 条，显示最近 10 条）：')
    expect(shown[0]!.text).toContain('参与人次 31 → 32')
    expect(shown[0]!.text).not.toContain('参与人次 21 → 22')
  })

  it('shows fewer of the latest changes when long ones would not fit one message', async () => {
    const chat = await room()
    await say(chat, '李明', `#民意 关于增设公交站点的建议\n内容：${'居民反映早高峰等车时间长，'.repeat(6)}`)
    for (let n = 1; n <= 10; n++) {
      await say(chat, '李明', `#修改 M1 内容=第${n}稿：${'居民反映早高峰等车时间长，建议增开班次。'.repeat(5)}`, `2022-09-21T10:${String(n).padStart(2, '0')}:00`)
    }
    const shown = await chat.say({ room: GROUP, from: '李明', text: '#查 M1', time: at('2022-09-21T11:00:00') })
    expect(shown).toHaveLength(1)
    expect(shown[0]!.text).toMatch(/修改记录（共 10 条，显示最近 \d 条）：/)
    expect(shown[0]!.text).toContain('第10稿')
  })

  it('clips long values in the change line, so an edit of a long text is answered in one message', async () => {
    const chat = await room()
    await say(chat, '李明', '#民意 标题：关于增设公交站点的建议 内容：老旧小区居民出行不便')
    const long = '居民反映'.repeat(800)
    const out = await chat.say({ room: GROUP, from: '李明', text: `#修改 M1 内容=${long}`, time: at('2022-09-21T10:05:00') })
    expect(out).toHaveLength(1)
    expect(out[0]!.text).toContain('已修改 M1')
    expect(out[0]!.text).toContain('…（共 3200 字）')
  })

  it('refuses a bad value or an unknown field and leaves the record as it was', async () => {
    const chat = await room()
    await say(chat, '李明', '#活动 9月19日 健康义诊，参与人次20')
    expect(await say(chat, '李明', '#修改 A1 参与人次=很多')).toContain('A1 没有修改')
    expect(await say(chat, '李明', '#修改 A1 颜色=红')).toContain('不认识的字段：颜色')
    expect(await say(chat, '李明', '#修改 A1')).toContain('请写上要改的字段和新值')
    expect((await chat.app.services.db.activity.findFirstOrThrow()).participants).toBe(20)
    expect(await chat.app.services.db.revision.count()).toBe(0)
  })

  it('lets only the reporter, a secretary or an admin change a record', async () => {
    const chat = await room()
    await say(chat, '李明', '#活动 9月19日 健康义诊')
    expect(await say(chat, '张三', '#修改 A1 参与人次=5')).toContain('只有 A1 的记录人、本群秘书或管理员可以修改它')
    expect(await say(chat, '张三', '#撤销 A1')).toContain('只有 A1 的记录人、本群秘书或管理员可以撤销它')
    expect(await say(chat, '王芳', '#修改 A1 参与人次=5')).toContain('已修改 A1')
  })

  it('withdraws and restores, each kept as a revision', async () => {
    const chat = await room()
    await say(chat, '李明', '#民意 关于增设公交站点的建议')
    expect(await say(chat, '李明', '#撤销 M1')).toContain('已撤销 M1（关于增设公交站点的建议），它不再计入任何统计')
    // A minute later: the same text within seconds would be taken for a re-delivery.
    expect(await say(chat, '李明', '#撤销 M1', '2022-09-21T10:01:00')).toContain('M1 已经是撤销状态')
    expect(await say(chat, '王芳', '#采纳 M1 市级')).toContain('M1 已撤销，先发送 #恢复 M1')
    expect(await say(chat, '李明', '#恢复 M1', '2022-09-21T10:02:00')).toContain('已恢复 M1')
    const actions = (await chat.app.services.db.revision.findMany({ orderBy: { id: 'asc' } })).map((r) => r.action)
    expect(actions).toEqual(['withdraw', 'restore'])
  })

  it('does not act on another room’s records', async () => {
    const chat = await room()
    await say(chat, '李明', '#活动 9月19日 健康义诊')
    await chat.say({ room: '东海论健群', from: '管理员', text: '#绑定 东海论健委员工作室 工作室' })
    const [reply] = await chat.say({ room: '东海论健群', from: '管理员', text: '#撤销 A1' })
    expect(reply!.text).toBe('找不到记录 A1。发送 #最近 可以查看本群最近的记录和编号。')
  })
})

describe('#最近 and #查', () => {
  it('lists the room’s latest records, drafts included, newest first', async () => {
    const chat = await room()
    await say(chat, '李明', '#活动 9月1日 读书会', '2022-09-21T10:00:00')
    await say(chat, '李明', '#民意 关于增设公交站点的建议', '2022-09-21T10:01:00')
    await say(chat, '李明', '#活动 9月40日 义诊', '2022-09-21T10:02:00')
    const list = await say(chat, '李明', '#最近')
    expect(list.split('\n').slice(1, 4)).toEqual([
      'D1 草稿｜李明：9月40日 义诊（待补正）',
      'M1 2022-09-21 民意｜关于增设公交站点的建议',
      'A1 2022-09-01 读书会｜读书会',
    ])
    expect(await say(chat, '李明', '#最近 很多')).toBe('条数请写数字，例如：#最近 10')
  })

  it('shows a draft with its problems', async () => {
    const chat = await room()
    await say(chat, '李明', '#活动 9月40日 义诊')
    const shown = await say(chat, '李明', '#查 d1')
    expect(shown).toContain('草稿 D1（活动，待补正），发送人：李明')
    expect(shown).toContain('日期看不懂')
  })
})

describe('taking back one step', () => {
  it('removes a mistaken adoption from the figures, keeps the record, and shows it in the history', async () => {
    const chat = await room()
    await say(chat, '李明', '#民意 关于增设公交站点的建议')
    await say(chat, '王芳', '#采纳 M1 市级 嘉兴市政协', '2022-09-22T10:00:00')
    await say(chat, '王芳', '#采纳 M1 省级', '2022-09-22T10:01:00')
    // A step named outright: the member is not pointed at withdrawing the whole report.
    const refused = await say(chat, '李明', '#撤销 M1 市级采纳', '2022-09-22T10:02:00')
    expect(refused).toContain('只有本群秘书或管理员可以撤销进展')
    expect(refused).not.toContain('撤销整条记录')
    expect(await say(chat, '王芳', '#撤销 M1 市级采纳（嘉兴市政协）', '2022-09-22T10:03:00')).toContain('已撤销 M1 的「市级采纳（嘉兴市政协）」（2022-09-22）')
    expect(await say(chat, '王芳', '#撤销 M1 办结', '2022-09-22T10:04:00')).toContain('M1 没有登记过「办结」')
    // Levels are read as #采纳 reads them (市 is 市级); a level alone names no step.
    expect(await say(chat, '王芳', '#撤销 M1 市采纳', '2022-09-22T10:05:00')).toContain('M1 没有登记过「市采纳」')
    expect(await say(chat, '王芳', '#撤销 M1 市级', '2022-09-22T10:05:30')).toContain('要撤销哪一步？')
    const { db } = chat.app.services
    expect((await db.opinionEvent.findMany()).map((e) => e.level)).toEqual(['province'])
    expect((await db.opinionReport.findFirstOrThrow()).withdrawn).toBe(false)
    expect(await say(chat, '李明', '#查 M1', '2022-09-22T10:06:00')).toMatch(/王芳 撤销进展：市级采纳（嘉兴市政协）/)
    // The step can be registered again afterwards.
    expect(await say(chat, '王芳', '#采纳 M1 市级', '2022-09-22T10:07:00')).toContain('市级采纳')
    expect(await say(chat, '王芳', '#撤销 M1 区采纳', '2022-09-22T10:08:00')).toContain('M1 没有登记过「区采纳」')
    expect(await say(chat, '王芳', '#撤销 M1 市采纳', '2022-09-22T10:09:00')).toContain('已撤销 M1 的「市级采纳」（2022-09-22）')
    // Only an adoption has a level; a 批示 is told by its text: 省批示 is the 省领导's, not the latest.
    await say(chat, '王芳', '#批示 M1 省领导批示', '2022-09-22T10:10:00')
    await say(chat, '王芳', '#批示 M1 市领导批示', '2022-09-22T10:10:30')
    expect(await say(chat, '王芳', '#撤销 M1 省批示', '2022-09-22T10:11:00')).toContain('已撤销 M1 的「领导批示：省领导批示」')
    expect(await say(chat, '王芳', '#撤销 M1 县批示', '2022-09-22T10:11:30')).toContain('M1 没有登记过「县批示」')
    // A level alone names no step, however it is written.
    expect(await say(chat, '王芳', '#撤销 M1 区级', '2022-09-22T10:12:00')).toContain('要撤销哪一步？')
    expect((await db.opinionEvent.findMany()).map((e) => [e.kind, e.level, e.detail])).toEqual([['adopted', 'province', null], ['instructed', null, '市领导批示']])
  })

  it('tells a 批示 by who gave it or by its words, and asks when more than one fits', async () => {
    const chat = await room()
    await say(chat, '李明', '#民意 关于增设公交站点的建议')
    await say(chat, '王芳', '#批示 M1 嘉兴市委书记批示', '2022-09-22T10:00:00')
    await say(chat, '王芳', '#批示 M1 浙江省副省长批示：转嘉兴市研究', '2022-09-23T10:00:00')
    await say(chat, '王芳', '#批示 M1 市长批示：同意', '2022-09-23T11:00:00')
    await say(chat, '王芳', '#办结 M1', '2022-09-24T10:00:00')
    // 市 is read from who gave it: the 副省长's, which only mentions 嘉兴市, does not fit; two do.
    expect(await say(chat, '王芳', '#撤销 M1 市批示', '2022-09-25T10:00:00')).toContain(
      'M1 的批示有 2 条：第1条 2022-09-22 领导批示：嘉兴市委书记批示；第3条 2022-09-23 领导批示：市长批示：同意。要撤销哪一条，请在括号里写上它的几个字、日期或第几条，例如：#撤销 M1 批示（市长批示）',
    )
    expect(await say(chat, '王芳', '#撤销 M1 县批示', '2022-09-25T10:01:00')).toContain('M1 没有登记过「县批示」。M1 的批示有 3 条：')
    // The name alone fits three: asked, not the newest taken.
    expect(await say(chat, '王芳', '#撤销 M1 批示', '2022-09-25T10:01:30')).toContain('M1 的批示有 3 条')
    // 省级 is spelt 省 in who gave it.
    expect(await say(chat, '王芳', '#撤销 M1 省级批示', '2022-09-25T10:02:00')).toContain('已撤销 M1 的「领导批示：浙江省副省长批示：转嘉兴市研究」')
    expect(await say(chat, '王芳', '#撤销 M1 批示（市长）', '2022-09-25T10:03:00')).toContain('已撤销 M1 的「领导批示：市长批示：同意」')
    // Written as who gave it, eight characters: a step, not a reason to withdraw the report.
    expect(await say(chat, '王芳', '#撤销 M1 嘉兴市委书记批示', '2022-09-25T10:03:30')).toContain('已撤销 M1 的「领导批示：嘉兴市委书记批示」')
    // A 办结 has no level: the one there is.
    expect(await say(chat, '王芳', '#撤销 M1 市办结', '2022-09-25T10:04:00')).toContain('已撤销 M1 的「办结」')
    const { db } = chat.app.services
    expect(await db.opinionEvent.count()).toBe(0)
    expect((await db.opinionReport.findFirstOrThrow()).withdrawn).toBe(false)
    // The example names a few words only the last one has.
    await say(chat, '李明', '#民意 关于路灯的建议', '2022-09-25T10:04:10')
    await say(chat, '王芳', '#批示 M2 市长批示：同意', '2022-09-25T10:04:20')
    await say(chat, '王芳', '#批示 M2 市长批示：请交通局办理', '2022-09-25T10:04:30')
    expect(await say(chat, '王芳', '#撤销 M2 市批示', '2022-09-25T10:04:40')).toContain('例如：#撤销 M2 批示（请交通局）')
    expect(await say(chat, '王芳', '#撤销 M2 批示（请交通局）', '2022-09-25T10:04:50')).toContain('已撤销 M2 的「领导批示：市长批示：请交通局办理」')
    // Someone who may not withdraw the report is not told how to.
    const refused = await say(chat, '赵六', '#撤销 M1 地市重复了', '2022-09-25T10:05:00')
    expect(refused).toContain('只有本群秘书或管理员可以撤销进展')
    expect(refused).not.toContain('要撤销整条记录')
  })

  it('a sentence ending with a step\'s name is a reason; the same 批示 twice is either; a 批示 is named as #查 shows it', async () => {
    const chat = await room()
    await say(chat, '李明', '#民意 关于增设公交站点的建议')
    await say(chat, '李明', '#民意 关于路灯的建议', '2022-09-21T10:00:00')
    await say(chat, '李明', '#提案 案由：关于加强养老服务的建议', '2022-09-21T10:01:00')
    await say(chat, '王芳', '#办结 M1', '2022-09-22T10:00:00')
    expect(await say(chat, '王芳', '#撤销 M1 重复了，和M2是一件，M2已经办结', '2022-09-22T10:01:00')).toContain('已撤销 M1（')
    expect(await say(chat, '李明', '#撤销 M2 重复了，已经在M1里报过批示', '2022-09-22T10:02:00')).toContain('已撤销 M2（')
    expect(await say(chat, '李明', '#撤销 T1 和T2重复了，不用立案', '2022-09-22T10:03:00')).toContain('已撤销 T1（')
    await say(chat, '李明', '#民意 关于停车的建议', '2022-09-22T10:04:00')
    // Registered twice by mistake: either is the one.
    await say(chat, '王芳', '#批示 M3 市长批示：同意', '2022-09-22T10:05:00')
    await say(chat, '王芳', '#批示 M3 市长批示：同意', '2022-09-22T10:06:00')
    expect(await say(chat, '王芳', '#撤销 M3 批示', '2022-09-22T10:07:00')).toContain('已撤销 M3 的「领导批示：市长批示：同意」')
    // One text inside another: the whole text names it, as the list shows it.
    await say(chat, '王芳', '#批示 M3 副市长批示：同意', '2022-09-22T10:08:00')
    await say(chat, '王芳', '#批示 M3 市长批示：已阅', '2022-09-22T10:09:00')
    const asked = await say(chat, '王芳', '#撤销 M3 市批示', '2022-09-22T10:10:00')
    expect(asked).toContain('M3 的批示有 3 条')
    expect(asked).toContain('例如：#撤销 M3 批示（已阅）')
    expect(await say(chat, '王芳', '#撤销 M3 市长批示：同意', '2022-09-22T10:11:00')).toContain('已撤销 M3 的「领导批示：市长批示：同意」')
    expect((await chat.app.services.db.opinionEvent.findMany({ where: { kind: 'instructed' }, orderBy: { id: 'asc' } })).map((e) => e.detail)).toEqual(['副市长批示：同意', '市长批示：已阅'])
  })

  it('names a step however its giver, words or day are written, and never takes one whose words it was not given', async () => {
    const chat = await room()
    await say(chat, '李明', '#民意 关于增设公交站点的建议')
    await say(chat, '王芳', '#批示 M1 浙江省人民政府副省长批示', '2022-09-21T10:00:00')
    await say(chat, '王芳', '#批示 M1 市长批示 同意', '2022-09-21T10:01:00')
    await say(chat, '王芳', '#批示 M1 副市长批示 同意', '2022-09-21T10:02:00')
    await say(chat, '王芳', '#采纳 M1 市级 嘉兴市政协', '2022-09-21T10:03:00')
    // Words no 批示 holds name none: nothing is taken.
    expect(await say(chat, '王芳', '#撤销 M1 市长批示：请交通局办理', '2022-09-22T10:00:00')).toContain('M1 没有登记过「市长批示：请交通局办理」')
    // A long giver is still a step, never the report's withdrawal.
    expect(await say(chat, '王芳', '#撤销 M1 浙江省人民政府副省长批示', '2022-09-22T10:01:00')).toContain('已撤销 M1 的「领导批示：浙江省人民政府副省长批示」')
    // Spaces in the stored words do not matter; the example the bot gives works.
    const asked = await say(chat, '王芳', '#撤销 M1 市批示', '2022-09-22T10:02:00')
    const example = /例如：(#撤销 M1 批示（[^）]+）)/.exec(asked)![1]!
    expect(await say(chat, '王芳', example, '2022-09-22T10:03:00')).toContain('已撤销 M1 的「领导批示：副市长批示 同意」')
    expect(await say(chat, '王芳', '#撤销 M1 批示（市长批示 同意）', '2022-09-22T10:04:00')).toContain('已撤销 M1 的「领导批示：市长批示 同意」')
    // A comma after the name, as people write it.
    expect(await say(chat, '王芳', '#撤销 M1 市级采纳，嘉兴市政协', '2022-09-22T10:05:00')).toContain('已撤销 M1 的「市级采纳（嘉兴市政协）」')
    await say(chat, '王芳', '#采纳 M1 省级', '2022-09-22T10:05:10')
    // A bracket saying it was a mistake is no words of the step.
    expect(await say(chat, '王芳', '#撤销 M1 采纳（登记错了）', '2022-09-22T10:05:20')).toContain('已撤销 M1 的「省级采纳」')
    expect((await chat.app.services.db.opinionReport.findFirstOrThrow()).withdrawn).toBe(false)
    // The same words on two days: told by the day.
    await say(chat, '王芳', '#批示 M1 9月21日 市长批示（同意）', '2022-10-06T10:00:00')
    await say(chat, '王芳', '#批示 M1 10月5日 市长批示（同意）', '2022-10-06T10:01:00')
    const byDay = await say(chat, '王芳', '#撤销 M1 批示', '2022-10-06T10:02:00')
    expect(byDay).toContain('例如：#撤销 M1 批示（10月5日）')
    expect(await say(chat, '王芳', '#撤销 M1 批示（9月21日）', '2022-10-06T10:03:00')).toContain('（2022-09-21）')
    expect((await chat.app.services.db.opinionEvent.findMany()).map((e) => e.date)).toEqual(['2022-10-05'])
    // The same 批示 registered again with a space more is the same one: taken, not asked about forever.
    await say(chat, '王芳', '#批示 M1 10月5日 市长批示 （同意）', '2022-10-06T10:04:00')
    expect(await say(chat, '王芳', '#撤销 M1 批示', '2022-10-06T10:05:00')).toContain('已撤销 M1 的「领导批示：市长批示 （同意）」')
  })

  it('a space after the step\'s name parts it from its words; any step can be named by its place in the list', async () => {
    const chat = await room()
    await say(chat, '李明', '#民意 关于增设公交站点的建议')
    await say(chat, '王芳', '#采纳 M1 市级 嘉兴市政协', '2022-09-20T10:00:00')
    await say(chat, '王芳', '#办结 M1', '2022-09-20T10:01:00')
    await say(chat, '王芳', '#批示 M1 市长批示：请交通局办理', '2022-09-20T10:02:00')
    expect(await say(chat, '王芳', '#撤销 M1 市级采纳 嘉兴市政协', '2022-09-21T10:00:00')).toContain('已撤销 M1 的「市级采纳（嘉兴市政协）」')
    expect(await say(chat, '王芳', '#撤销 M1 办结 日期写错了', '2022-09-21T10:01:00')).toContain('已撤销 M1 的「办结」')
    expect(await say(chat, '王芳', '#撤销 M1 批示 请交通局办理', '2022-09-21T10:02:00')).toContain('已撤销 M1 的「领导批示：市长批示：请交通局办理」')
    expect((await chat.app.services.db.opinionReport.findFirstOrThrow()).withdrawn).toBe(false)
    // A 批示 without words beside one with words, on the same day: its place names it.
    await say(chat, '王芳', '#批示 M1', '2022-09-22T10:00:00')
    await say(chat, '王芳', '#批示 M1 市长批示：同意', '2022-09-22T10:01:00')
    const asked = await say(chat, '王芳', '#撤销 M1 批示', '2022-09-22T10:02:00')
    expect(asked).toContain('第1条 2022-09-22 领导批示；第2条 2022-09-22 领导批示：市长批示：同意')
    expect(await say(chat, '王芳', '#撤销 M1 批示（第1条）', '2022-09-22T10:03:00')).toMatch(/已撤销 M1 的「领导批示」/)
    // Two adoptions the same day: the example the bot gives selects one.
    await say(chat, '王芳', '#采纳 M1 市级', '2022-09-22T10:04:00')
    await say(chat, '王芳', '#采纳 M1 省级', '2022-09-22T10:05:00')
    const which = await say(chat, '王芳', '#撤销 M1 采纳', '2022-09-22T10:06:00')
    const example = /例如：(#撤销 M1 采纳（[^）]+）)/.exec(which)![1]!
    expect(await say(chat, '王芳', example, '2022-09-22T10:07:00')).toContain('已撤销 M1 的「省级采纳」')
  })

  it('words that name no step are about the whole record: its reporter may withdraw it with a reason', async () => {
    const chat = await room()
    await say(chat, '李明', '#民意 关于增设公交站点的建议')
    await say(chat, '李明', '#提案 案由：关于加强养老服务的建议', '2022-09-21T10:01:00')
    // 市 or 地市 inside a reason is no level: a member's reason, not a step (only secretaries take back steps).
    expect(await say(chat, '李明', '#撤销 M1 市里说重复了', '2022-09-22T10:00:00')).toContain('已撤销 M1')
    await say(chat, '李明', '#民意 关于路灯的建议', '2022-09-22T10:00:10')
    // 地市 may be a level: the words are taken for a step, and the member told how to withdraw the whole report.
    expect(await say(chat, '李明', '#撤销 M2 地市重复了', '2022-09-22T10:00:20')).toContain('要撤销整条记录，请只发 #撤销 M2')
    expect(await say(chat, '李明', '#撤销 M2', '2022-09-22T10:00:30')).toContain('已撤销 M2')
    expect(await say(chat, '李明', '#撤销 T1 重点 内容写错了，重发', '2022-09-22T10:01:00')).toContain('已撤销 T1')
    const { db } = chat.app.services
    expect((await db.opinionReport.findFirstOrThrow()).withdrawn).toBe(true)
    expect((await db.proposal.findFirstOrThrow()).withdrawn).toBe(true)
    // A secretary's sentence that starts with a step's name is about the record too; the step's name alone is the step.
    await say(chat, '李明', '#提案 案由：关于老年食堂的建议', '2022-09-22T10:02:00')
    await say(chat, '王芳', '#立案 T2', '2022-09-22T10:03:00')
    expect(await say(chat, '王芳', '#撤销 T2 立案号写错了，重发', '2022-09-22T10:04:00')).toContain('已撤销 T2')
    expect(await db.proposalEvent.count()).toBe(1)
    await say(chat, '王芳', '#恢复 T2', '2022-09-22T10:05:00')
    expect(await say(chat, '王芳', '#撤销 T2 立案错了', '2022-09-22T10:06:00')).toContain('已撤销 T2 的「立案」')
  })
})

describe('members’ words, round two', () => {
  it('shows a member matched by nickname under the registered name, so the secretary sees who was counted', async () => {
    const chat = await room()
    await say(chat, '海燕🌸', '#登记 宋亚琴 社会福利')
    const reply = await say(chat, '李明', '#活动 9月20日 读书会，海燕🌸、李明参加，参与人次12', '2022-09-21T10:01:00')
    expect(reply).toContain('参与委员：宋亚琴、李明')
    expect(reply).not.toContain('海燕')
  })

  it('finds names run together in a voice message by the room roster', async () => {
    const chat = await room()
    await say(chat, '海燕🌸', '#登记 宋亚琴 社会福利')
    const reply = await say(chat, '王芳', '#活动 昨天下午在社区活动中心开展了防诈骗宣传活动宋亚琴李明参加了服务居民一百多人', '2022-09-21T10:01:00')
    expect(reply).toContain('参与委员：宋亚琴、李明')
    expect(reply).toContain('服务人次：100（约数）')
    expect(reply).not.toContain('按发送人记录')
  })

  it('takes a quote reply (引用) as the reply alone: a quoted #活动 is not recorded again', async () => {
    const chat = await room()
    await say(chat, '李明', '#活动 9月20日 读书会，参与人次12')
    const sep = '- - - - - - - - - - - - - - -'
    expect(await say(chat, '王芳', `「李明：#活动 9月20日 读书会，参与人次12」\n${sep}\n好的，辛苦了`, '2022-09-21T10:01:00')).toBe('')
    const reply = await say(chat, '王芳', `「李明：#活动 9月20日 读书会，参与人次12」\n${sep}\n#活动 9月21日 座谈会，参与人次8`, '2022-09-21T10:02:00')
    expect(reply).toContain('已记录活动 A2')
    expect(reply).toContain('主题：座谈会')
    expect((await chat.app.services.db.activity.findMany()).map((a) => a.title)).toEqual(['读书会', '座谈会'])
    // The record's own text (the ledger's 活动内容) is the reply alone, not the message it quoted.
    expect((await chat.app.services.db.activity.findFirstOrThrow({ where: { code: 'A2' } })).rawText).toBe('#活动 9月21日 座谈会，参与人次8')
  })
})
