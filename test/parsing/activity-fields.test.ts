// Multi-line "字段：值" messages, the way secretaries and members post them.
import { describe, expect, it } from 'vitest'
import { parseActivity } from '../../src/parsing/mod.js'
import { CLOCK, expectActivity, label } from './helpers.js'
import type { ActivityRow } from './helpers.js'

const ROWS: ActivityRow[] = [
  {
    body: '时间：2022年9月19日\n主题：“建功示范区 喜迎二十大”健康义诊服务活动\n地点：市爱卫中心\n参与委员：张三、李四、王五\n服务群众：200余人次\n品牌：春天里·温暖你',
    expect: {
      date: '2022-09-19', dateDefaulted: false, title: '“建功示范区 喜迎二十大”健康义诊服务活动', type: '义诊', typeInferred: true,
      place: '市爱卫中心', memberNames: ['张三', '李四', '王五'], reach: 200, reachApprox: true, brand: '春天里·温暖你', partners: [],
    },
    warning: '未写活动类型，按内容判断为“义诊”',
  },
  {
    body: '活动时间：9月21日下午2点\n活动主题：“残疾人服务工作大家谈”主题活动\n活动类型：协商\n活动地点：当湖街道远大残疾人之家\n参加委员：董碧颖、金菊华\n参与人数：15人',
    expect: {
      date: '2022-09-21', time: '14:00', title: '“残疾人服务工作大家谈”主题活动', type: '协商', typeInferred: false,
      place: '当湖街道远大残疾人之家', memberNames: ['董碧颖', '金菊华'], participants: 15, participantsApprox: false,
    },
  },
  {
    body: '地点: 东湖中学\n主题: “双减”之下教师心理建设关爱走访调研\n时间: 2022-09-15\n参与委员: 何鸣宇 金菊华\n参与人次: 32',
    expect: { date: '2022-09-15', title: '“双减”之下教师心理建设关爱走访调研', type: '调研', place: '东湖中学', memberNames: ['何鸣宇', '金菊华'], participants: 32 },
  },
  {
    body: '日期：9.16\n名称：同心论坛\n形式：论坛\n场地：沪舟医卫政协委员会客厅\n联合单位：市卫健委、市医学会\n品牌：东海论健\n参加人数：60余人',
    expect: {
      date: '2022-09-16', title: '同心论坛', type: '论坛', typeInferred: false, place: '沪舟医卫政协委员会客厅',
      partners: ['市卫健委', '市医学会'], brand: '东海论健', participants: 60, participantsApprox: true,
    },
  },
  {
    body: '时间：昨天\n主题：读书分享会\n参与委员：@张三 @李四 @王五',
    expect: { date: '2022-09-20', title: '读书分享会', type: '读书会', memberNames: ['张三', '李四', '王五'] },
  },
  {
    body: '主题：委员读书月启动仪式\n时间：9月1日\n参与委员：@张三\u2005@李四\u2005',
    expect: { date: '2022-09-01', title: '委员读书月启动仪式', type: '读书会', memberNames: ['张三', '李四'] },
  },
  {
    body: '时 间：9月10日\n主提：中医药文化宣讲\n地典：钟埭街道文化礼堂\n参与委员：张三委员、李四委员\n受益群众：两百多人',
    expect: {
      date: '2022-09-10', title: '中医药文化宣讲', type: '宣讲', place: '钟埭街道文化礼堂', memberNames: ['张三', '李四'],
      reach: 200, reachApprox: true,
    },
  },
  {
    body: '主题：好书共读\n时间：9月2日\n品牌：「会客读书」',
    expect: { date: '2022-09-02', title: '好书共读', type: '读书会', brand: '会客读书' },
  },
  {
    // Every note is kept: 备注 and 说明 both, then lines under labels no row has.
    body: '主题：义诊\n时间：9月1日\n备注：带好药箱\n说明：雨天改期\n经费：2万',
    expect: { note: '带好药箱\n说明：雨天改期\n经费：2万' },
    warning: '未识别的字段“经费”，已放入备注',
  },
  {
    // A note after the count (a range of days) is no range of the count.
    body: '主题：送医下乡\n时间：9月7日\n服务人次：200（9.1-9.3三天）',
    expect: { reach: 200 },
  },
  {
    // Everyone under either label takes part: the second list is not dropped.
    body: '主题：好书共读\n时间：9月2日\n参与委员：张三\n参加人员：李四、王五\n协办单位：市图书馆\n联合单位：市文联',
    expect: { memberNames: ['张三', '李四', '王五'], partners: ['市图书馆', '市文联'] },
  },
  {
    // 品牌：无 is no brand, not one called 无 in the digest.
    body: '主题：好书共读\n时间：9月2日\n品牌：无',
    expect: { date: '2022-09-02', title: '好书共读' },
    absent: ['brand'],
  },
  {
    body: '主题：委员读书月启动仪式\n时间：9月1日\n类型：读书会\n备注：本次活动线上线下同步进行，\n线上观看人数较多。',
    expect: { title: '委员读书月启动仪式', type: '读书会', typeInferred: false, note: '本次活动线上线下同步进行，\n线上观看人数较多。' },
  },
  {
    body: '主题：“春天里·温暖你”系列活动\n时间：9月18日\n影响人次：3.6万余',
    expect: { date: '2022-09-18', title: '“春天里·温暖你”系列活动', type: '其他', typeInferred: true, reach: 36000, reachApprox: true },
    warning: '未写活动类型，记为“其他”',
  },
  {
    body: '主题：海岛乡村共富路\n类型：考察\n时间：9月3日',
    expect: { title: '海岛乡村共富路', type: '调研', typeInferred: false },
  },
  {
    body: '主题：心理健康进校园\n类型：讲座\n时间：9月5日',
    expect: { title: '心理健康进校园', type: '宣讲', typeInferred: false },
  },
  {
    body: '主题：海风读书\n类型：沙龙\n时间：9月6日',
    expect: { title: '海风读书', type: '座谈', typeInferred: false },
  },
  {
    body: '主题：送医下乡\n时间：9月7日\n惠及群众：1,200人次',
    expect: { title: '送医下乡', type: '义诊', reach: 1200, reachApprox: false },
  },
  {
    body: '主题：健康咨询\n时间：9月8日\n覆盖人次：１２０',
    expect: { title: '健康咨询', type: '义诊', reach: 120 },
  },
  {
    body: '主题：走访企业\n时间：9月9日\n参加委员：张三等8人',
    expect: { title: '走访企业', type: '走访', memberNames: ['张三'], participants: 8 },
  },
  {
    body: '主题：专题协商会\n时间：9月13日\n委员：8人',
    expect: { title: '专题协商会', type: '协商', memberNames: [], participants: 8 },
  },
  {
    body: '主题：关爱残疾人\n时间：9月14日\n参与委员：张三（市政协委员）、李四',
    expect: { title: '关爱残疾人', memberNames: ['张三', '李四'] },
  },
  {
    body: '主题：培智学校温暖传递\n时间：9月15日\n合作单位：平湖市培智学校；市残联',
    expect: { title: '培智学校温暖传递', partners: ['平湖市培智学校', '市残联'] },
  },
  {
    body: '本次活动地点：新仓镇文化站\n活动名称：乡村振兴议政会\n时间：9月16日',
    expect: { title: '乡村振兴议政会', type: '议政', place: '新仓镇文化站' },
  },
  {
    body: '主题：履职能力提升培训\n时间：9月17日\n参与委员人数：25',
    expect: { title: '履职能力提升培训', type: '培训', memberCount: 25 },
  },
  {
    body: '主题：东海论健义诊\n时间：9月1日\n负责人：王医生\n说明：效果很好',
    expect: { title: '东海论健义诊', type: '义诊', note: '负责人：王医生\n说明：效果很好' },
    warning: '未识别的字段“负责人”，已放入备注',
  },
  {
    body: '主持人：张三\n主题：委员座谈会\n时间：9月20日',
    expect: { title: '委员座谈会', type: '座谈', note: '主持人：张三' },
  },
  {
    body: '【时间】9月19日\n【主题】健康义诊\n【地点】爱卫中心',
    expect: { date: '2022-09-19', title: '健康义诊', place: '爱卫中心' },
  },
  {
    body: '时间=9月12日\n主题=健康讲座\n人数=40',
    expect: { date: '2022-09-12', title: '健康讲座', type: '宣讲', participants: 40 },
  },
  {
    body: '主题：9月19日健康义诊\n地点：爱卫中心',
    expect: { date: '2022-09-19', dateDefaulted: false, title: '健康义诊', place: '爱卫中心' },
  },
  {
    // A date inside the title may be another event's: taken, and said so.
    body: '主题：学习贯彻9月5日市委全会精神\n地点：会客厅',
    expect: { date: '2022-09-05', dateDefaulted: false, title: '学习贯彻9月5日市委全会精神' },
    warning: '没写日期，按主题里的“9月5日”记为 2022-09-05；活动不是这一天的话，请 #修改 日期=…',
  },
  {
    body: '主题：中秋联谊会\n地点：会客厅',
    expect: { date: '2022-09-21', dateDefaulted: true, title: '中秋联谊会', type: '联谊' },
    warning: '未写日期，按消息日期 2022-09-21 记录',
  },
  {
    // A group written as who took part is one name of any length, kept as written (not refused).
    body: '主题：政策宣讲\n时间：9月10日\n参与人员：市政协教科卫体委员会全体委员和相关部门负责同志',
    expect: { title: '政策宣讲', memberNames: [expect.stringMatching(/^市政协教科卫体委员会全体委员和相关部门负责(同志)?$/)] },
  },
  {
    // A single row written twice with two values: the first, and said so, as in every other kind.
    body: '主题：健康讲座\n时间：9月10日\n地点：市民中心\n活动地点：社区服务中心\n参与人次：30\n参加人数：40',
    expect: { title: '健康讲座', place: '市民中心', participants: 30 },
    warning: '地点写了 2 处，按第一处“市民中心”记录，不对请用 #修改 改',
  },
  {
    // The same date twice in two forms is one date, nothing to point out.
    body: '主题：健康讲座\n时间：9月10日\n日期：2022年9月10日',
    expect: { date: '2022-09-10', dateDefaulted: false },
  },
  {
    body: '主题：看望困难委员\n时间：9月10日\n地点：无\n联合单位：暂无',
    expect: { title: '看望困难委员', type: '慰问', partners: [] },
    absent: ['place'],
  },
]

describe('parseActivity: multi-line fields', () => {
  ROWS.forEach((row, n) => it(label(n + 1, row.body), () => expectActivity(row)))
})

describe('parseActivity: a row written twice, and 无 where a date or type must be', () => {
  it('says which count it took when two are written', () => {
    const r = parseActivity('主题：健康讲座\n时间：9月10日\n参与人次：30\n参加人数：40', CLOCK)
    expect(r.ok && r.warnings).toContain('参与人次写了 2 处，按第一处“30”记录，不对请用 #修改 改')
  })

  it('says nothing when the same value is written twice', () => {
    const r = parseActivity('主题：健康讲座\n时间：9月10日\n地点：市民中心\n活动地点：市民中心', CLOCK)
    expect(r.ok && r.warnings.filter((w) => w.includes('写了'))).toEqual([])
  })

  it('refuses 时间：无 rather than taking the day the message was sent, as every other kind does', () => {
    expect(parseActivity('主题：健康讲座\n时间：无\n地点：市民中心', CLOCK)).toMatchObject({ ok: false, errors: [{ field: '日期' }] })
  })

  it('refuses 类型：无 with the list to choose from', () => {
    const r = parseActivity('主题：健康讲座\n时间：9月10日\n类型：无', CLOCK)
    expect(r).toMatchObject({ ok: false, errors: [{ field: '类型' }] })
    expect(!r.ok && r.errors[0]!.problem).toContain('可选：')
  })
})

describe('parseActivity: the day and its time written apart', () => {
  it.each([
    ['日期：9月20日\n时间：下午3点', '2022-09-20', '15:00'],
    ['时间：9月18日\n日期：9月18日下午3点', '2022-09-18', '15:00'],
    ['日期：9月10日\n时间：2022年9月10日', '2022-09-10', undefined],
  ])('%s', (when, date, time) => {
    const r = parseActivity(`主题：健康讲座\n${when}`, CLOCK)
    expect(r.ok && r.value).toMatchObject({ date, dateDefaulted: false })
    expect(r.ok && r.value.time).toBe(time)
    expect(r.ok && r.warnings.filter((w) => w.includes('写了'))).toEqual([])
  })

  it('puts the time right after the day, so a place after the day stays the place', () => {
    const r = parseActivity('主题：健康讲座\n时间地点：9月20日 市民中心\n时间：下午3点', CLOCK)
    expect(r.ok && r.value).toMatchObject({ date: '2022-09-20', time: '15:00', place: '市民中心' })
  })

  it('keeps 内容, unknown headings and 备注 in the 备注 in the order written', () => {
    const r = parseActivity('主题：健康义诊\n时间：9月10日\n内容：为居民量血压\n效果：居民很满意\n备注：第二场', CLOCK)
    expect(r.ok && r.value.note).toBe('为居民量血压\n效果：居民很满意\n备注：第二场')
  })

  it('takes the first and says so when the times differ', () => {
    const r = parseActivity('主题：健康讲座\n日期：9月20日下午3点\n时间：9月20日下午4点', CLOCK)
    expect(r.ok && r.value.time).toBe('15:00')
    expect(r.ok && r.warnings).toContain('日期写了 2 处，按第一处“9月20日下午3点”记录，不对请用 #修改 改')
  })
})
