import { describe, expect, it } from 'vitest'
import { parseActivity, rosterNamesTakingPart, type ActivityFields } from '../../src/parsing/mod.js'
import { CLOCK } from './helpers.js'

/** Messages as members of other rooms wrote them (issue: members' words, round two). */
function read(body: string): ActivityFields & { warnings: string[] } {
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
    expect(read('9月18日开展义诊，委员5人参加')).toMatchObject({ memberCount: 5, participants: 5, memberNames: [] })
  })

  it.each<[string, number, string[], number | undefined]>([
    ['9月18日开展义诊，张伟滨、胡建国等6位委员参加，服务群众300人', 6, ['张伟滨', '胡建国'], undefined],
    ['9月18日开展送法进社区，律师团共8人参加，其中刘勇平、陈立新、王志强三位委员', 3, ['刘勇平', '陈立新', '王志强'], 8],
    ['9月18日举办健康讲座，现场群众120余人，参会人员中有委员5人', 5, [], 120],
    ['9月18日开展走访，8名委员参加', 8, [], 8],
    ['9月18日开展走访，委员十余人参加', 10, [], 10],
  ])('counts the members in %s', (body, memberCount, memberNames, participants) => {
    const draft = read(body)
    expect(draft).toMatchObject({ memberCount, memberNames })
    expect(draft.participants).toBe(participants)
  })

  it('a member count in the field form is how many members, not the participants', () => {
    expect(read('主题：履职培训\n时间：9月17日\n参与委员人数：25')).toMatchObject({ memberCount: 25 })
    expect(read('主题：履职培训\n时间：9月17日\n参与委员人数：25').participants).toBeUndefined()
    expect(read('主题：履职培训\n时间：9月17日\n委员人数：25\n参与人数：60')).toMatchObject({ memberCount: 25, participants: 60 })
    expect(read('主题：走访企业\n时间：9月9日\n参加委员：张三等8人')).toMatchObject({ memberCount: 8, participants: 8, memberNames: ['张三'] })
  })

  it('refuses fewer members than names, saying both', () => {
    const r = parseActivity('9月18日开展义诊，张伟滨、胡建国、沈丽等2位委员参加', CLOCK)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors).toContainEqual({ field: '委员人数', problem: '写的是 2 位委员，却列了 3 个姓名（张伟滨、胡建国、沈丽），请核对人数或姓名' })
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
    if (!r.ok) expect(r.errors.map((e) => e.field)).toEqual(['参与人次'])
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

/**
 * Thirty messages in the voice of the rooms in the seed articles (平湖健康家园会客厅: 义诊, 讲座,
 * 专题协商, 调研, 读书会), each read field by field. [text, date, time, title, place,
 * participants, reach, members named]
 */
const SEED_ROOM_MESSAGES: [string, string, string, string, string, number | null, number | null, string[]][] = [
  ["9月19日上午省政协马光明副主席带队到会客厅调研，委员王芳、李明参加", "2022-09-19", "", "省政协马光明副主席带队到会客厅调研", "", null, null, ["王芳", "李明"]],
  ["6月15日会客厅携手市政协第八界别活动组开展“加快推进平湖中医药事业发展”专题协商活动，委员12人参加", "2022-06-15", "", "“加快推进平湖中医药事业发展”专题协商活动", "", 12, null, []],
  ["昨天在当湖街道开展“东海论健”健康讲座，服务群众160余人次，参与人次25", "2022-09-20", "", "“东海论健”健康讲座", "当湖街道", 25, 160, []],
  ["今天下午在市第一人民医院开展医患沟通座谈会 到会群众40余人", "2022-09-21", "", "医患沟通座谈会", "市第一人民医院", 40, null, []],
  ["9月5日 在钟埭街道沈家弄村开展送医下乡义诊，惠及村民二百多人，委员8人参加", "2022-09-05", "", "送医下乡义诊", "钟埭街道沈家弄村", 8, 200, []],
  ["上周六在新埭镇文化礼堂举办健康知识讲座，现场群众120余人，参会人员中有委员5人", "2022-09-17", "", "健康知识讲座", "新埭镇文化礼堂", 120, null, []],
  ["9月16日会客厅联合市卫健局在市民广场开展无烟日宣传活动，发放资料500余份，服务市民300余人次", "2022-09-16", "", "无烟日宣传活动", "市民广场", null, 300, []],
  ["9月10日至11日在独山港镇开展“健康进企业”系列活动，服务企业职工600余人", "2022-09-10", "", "“健康进企业”系列活动", "独山港镇", null, 600, []],
  ["9月8日晚上在市图书馆办了一场“书香政协”读书分享会，来了二十几个人", "2022-09-08", "", "“书香政协”读书分享会", "市图书馆", 20, null, []],
  ["9月7日在曹桥街道开展慰问困难家庭活动，走访慰问困难家庭十五户", "2022-09-07", "", "慰问困难家庭活动", "曹桥街道", null, 15, []],
  ["9月6日 会客厅组织委员学习党的二十大精神 与会人员30人", "2022-09-06", "", "委员学习党的二十大精神", "", 30, null, []],
  ["9月2日在广陈镇开展中医药进社区活动，受益群众两百余人次，其中张伟滨、胡建国、沈丽三位委员", "2022-09-02", "", "中医药进社区活动", "广陈镇", null, 200, ["张伟滨", "胡建国", "沈丽"]],
  ["9月1日下午2点半在会客厅召开提案督办座谈会，市卫健局、医保局负责同志参加，参与人次18", "2022-09-01", "14:30", "提案督办座谈会", "会客厅", 18, null, []],
  ["8月30日上午在平湖经济开发区开展企业健康体检服务，共服务职工1,200人次", "2022-08-30", "", "企业健康体检服务", "平湖经济开发区", null, 1200, []],
  ["8月28日 在当湖街道东湖社区开展防溺水宣传 服务学生及家长三百余人", "2022-08-28", "", "防溺水宣传", "当湖街道东湖社区", null, 300, []],
  ["8月26日在会客厅召开界别协商会，委员王芳、李明、赵刚参加，参与人次15", "2022-08-26", "", "界别协商会", "会客厅", 15, null, ["王芳", "李明", "赵刚"]],
  ["8月25日晚上7点在市民中心开展健康直播课，线上观看2.6万人次", "2022-08-25", "19:00", "健康直播课", "市民中心", null, 26000, []],
  ["8月20日在乍浦镇开展义诊，服务群众两千六百余人次", "2022-08-20", "", "义诊", "乍浦镇", null, 2600, []],
  ["8月18日在新仓镇开展“关爱老年人”健康服务，服务老年人八十余人", "2022-08-18", "", "“关爱老年人”健康服务", "新仓镇", null, 80, []],
  ["8月16日下午会客厅在市中医院开展中医药文化宣传，现场群众一百五十余人", "2022-08-16", "", "中医药文化宣传", "市中医院", 150, null, []],
  ["8月12日在林埭镇开展健康宣讲，参会人员六十余人", "2022-08-12", "", "健康宣讲", "林埭镇", 60, null, []],
  ["8月10日 健康义诊 市爱卫中心 参与人次30 服务人次300", "2022-08-10", "", "健康义诊", "", 30, 300, []],
  ["8月8日在会客厅开展委员履职培训，委员20人参加", "2022-08-08", "", "委员履职培训", "会客厅", 20, null, []],
  ["8月5日在钟埭街道开展送法进社区，律师团共8人参加，其中刘勇平、陈立新、王志强三位委员", "2022-08-05", "", "送法进社区", "钟埭街道", 8, null, ["刘勇平", "陈立新", "王志强"]],
  ["8月3日在当湖街道开展调研，王芳、李明参加", "2022-08-03", "", "调研", "当湖街道", null, null, ["王芳", "李明"]],
  ["8月1日上午在市妇保院开展“两癌”筛查宣传，惠及妇女四百余人", "2022-08-01", "", "“两癌”筛查宣传", "市妇保院", null, 400, []],
  ["7月30日在独山港镇召开加装电梯协调会，张伟滨、胡建国、沈丽委员出席", "2022-07-30", "", "加装电梯协调会", "独山港镇", null, null, ["张伟滨", "胡建国", "沈丽"]],
  ["7月28日在曹桥街道开展健康讲座，服务困难家庭三十余户", "2022-07-28", "", "健康讲座", "曹桥街道", null, 30, []],
  ["7月25日在新埭镇开展义诊服务群众100人次", "2022-07-25", "", "义诊", "新埭镇", null, 100, []],
  ["7月20日在广陈镇开展的健康咨询活动受益群众五百人次", "2022-07-20", "", "健康咨询活动", "广陈镇", null, 500, []],
]

describe('messages from the seed rooms', () => {
  it.each(SEED_ROOM_MESSAGES)('%s', (body, date, time, title, place, participants, reach, names) => {
    const r = read(body)
    expect([r.date, r.time ?? '', r.title, r.place ?? '', r.participants ?? null, r.reach ?? null, r.memberNames]).toEqual([
      date, time, title, place, participants, reach, names,
    ])
  })
})

describe('voice-to-text and pasted articles', () => {
  it('reads a voice message with no punctuation: date, place, event and both counts', () => {
    expect(read('昨天下午在社区活动中心开展了防诈骗宣传活动服务居民一百多人参与人员三十多人')).toMatchObject({
      date: '2022-09-20', place: '社区活动中心', title: '防诈骗宣传活动', reach: 100, reachApprox: true, participants: 30, participantsApprox: true,
    })
  })

  it('reads a spoken report: 搞了个, 来了五十多个人', () => {
    expect(read('上周五晚上我们在文化礼堂搞了个政策宣讲会来了五十多个人效果很好')).toMatchObject({
      date: '2022-09-16', place: '文化礼堂', title: '政策宣讲会', participants: 50, participantsApprox: true,
    })
  })

  it('never takes a part of the day for the title', () => {
    expect(read('9月18日晚上 读书会').title).toBe('读书会')
  })

  it('takes the event date of a pasted article, not its publishing date; 等6位委员 names members', () => {
    const article = [
      '健康义诊进社区 委员服务暖人心',
      '2022-09-20 08:30 平湖日报',
      '本报讯（记者 张明 通讯员 李华）9月18日，平湖市政协“健康家园”委员会客厅组织开展健康义诊活动。张伟滨、胡建国等6位委员走进当湖街道社区，为居民提供义诊咨询服务，共服务群众300余人次。',
    ].join('\n')
    expect(read(article)).toMatchObject({ date: '2022-09-18', title: '健康义诊活动', memberNames: ['张伟滨', '胡建国'], memberCount: 6, reach: 300, reachApprox: true })
    expect(read(article).participants).toBeUndefined()
  })

  it('starts a time range at its start: 今晚10点 - 明天早上6点 is tonight at 22:00', () => {
    expect(read('今晚10点 - 明天早上6点 在市民广场开展夜间巡逻')).toMatchObject({ date: '2022-09-21', time: '22:00', place: '市民广场', title: '夜间巡逻' })
  })
})

describe('names run together, found by the roster', () => {
  const roster = ['王芳', '李明', '宋亚琴', '海燕🌸', '张伟']
  it.each<[string, string[]]>([
    ['昨天在社区开展义诊王芳李明参加服务居民五十多人', ['王芳', '李明']],
    ['调研加装电梯宋亚琴和海燕🌸都参加了', ['宋亚琴', '海燕🌸']],
    ['委员王芳、李明等参加', ['王芳', '李明']],
    ['居民张伟强参加', []], // 张伟 is on the roster, 张伟强 is not: no partial names
    ['今天开展义诊', []],
  ])('%s', (text, names) => {
    expect(rosterNamesTakingPart(text, roster)).toEqual(names)
  })
})

describe('round two, last items', () => {
  it('splits a field holding the date and the place', () => {
    expect(read('时间地点：9月18日 市民中心\n主题：健康讲座')).toMatchObject({ date: '2022-09-18', place: '市民中心', title: '健康讲座' })
    // A weekday or a time after the date is no place.
    expect(read('时间：9月18日（周日）\n主题：健康讲座').place).toBeUndefined()
    expect(read('时间：9月18日 上午9点\n主题：健康讲座')).toMatchObject({ time: '09:00' })
    expect(read('时间：9月18日 上午9点\n主题：健康讲座').place).toBeUndefined()
  })

  it('reads member names separated only by spaces after 委员', () => {
    expect(read('9月18日开展义诊，委员王芳 李明参加').memberNames).toEqual(['王芳', '李明'])
  })

  it('refuses a festival it cannot date, naming it, instead of saying no date was written', () => {
    const r = parseActivity('三八节在社区开展妇女健康讲座', CLOCK)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors).toEqual([{ field: '日期', problem: '看不懂“三八节”是哪一天，请写成几月几日（如 3月8日）' }])
    expect(parseActivity('中秋节在社区开展慰问', CLOCK).ok).toBe(false)
    // With a date written, the festival is only words.
    expect(read('3月8日三八节在社区开展妇女健康讲座')).toMatchObject({ date: '2022-03-08', dateDefaulted: false })
  })
})
