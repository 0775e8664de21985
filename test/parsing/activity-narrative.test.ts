// Narrative sentences and narrative + field mixes, worded like the seed articles.
import { describe, it } from 'vitest'
import { expectActivity, label } from './helpers.js'
import type { ActivityRow } from './helpers.js'

const ROWS: ActivityRow[] = [
  { body: '9月1日 第3期会客读书会', expect: { date: '2022-09-01', title: '第3期会客读书会', type: '读书会' } },
  { body: '健康义诊第1场，参与人次12', expect: { title: '健康义诊第1场', participants: 12, dateDefaulted: true } },
  {
    body: '9月19日 健康义诊，参与人次20，服务群众200余',
    expect: { date: '2022-09-19', title: '健康义诊', participants: 20, participantsApprox: false, reach: 200, reachApprox: true },
  },
  {
    body: '9月19日在市爱卫中心开展健康义诊，委员8人参加，服务群众200余人次',
    expect: {
      date: '2022-09-19', dateDefaulted: false, title: '健康义诊', type: '义诊', typeInferred: true, place: '市爱卫中心',
      participants: 8, participantsApprox: false, reach: 200, reachApprox: true, memberNames: [], partners: [],
    },
  },
  {
    body: '9月19日，会客厅牵手健康领域专家，在市爱卫中心面向市癌症康复协会的会员开展“建功示范区 喜迎二十大”健康义诊服务活动',
    expect: { date: '2022-09-19', title: '“建功示范区 喜迎二十大”健康义诊服务活动', type: '义诊', place: '市爱卫中心', partners: ['健康领域专家'] },
  },
  {
    body: '9月21日，在当湖街道远大残疾人之家开展“残疾人服务工作大家谈”主题活动，围绕“进一步提升残疾人服务工作 助力共同富裕”开展协商议政',
    expect: { date: '2022-09-21', title: '“残疾人服务工作大家谈”主题活动', type: '协商', place: '当湖街道远大残疾人之家' },
  },
  {
    body: '9月18日，携手平湖市培智学校开展“春天里·温暖你”培智学校温暖传递活动',
    expect: { date: '2022-09-18', title: '“春天里·温暖你”培智学校温暖传递活动', partners: ['平湖市培智学校'], type: '其他' },
  },
  {
    body: '6月15日，会客厅携手市政协第八界别活动组开展“加快推进平湖中医药事业发展”专题协商活动',
    expect: { date: '2022-06-15', title: '“加快推进平湖中医药事业发展”专题协商活动', type: '协商', partners: ['市政协第八界别活动组'] },
  },
  {
    body: '昨天下午在东湖社区开展政策宣讲，@张三 @李四 参加',
    expect: { date: '2022-09-20', title: '政策宣讲', type: '宣讲', place: '东湖社区', memberNames: ['张三', '李四'] },
  },
  {
    body: '上周五联合市妇联在新仓镇开展家庭教育讲座，服务群众80余人',
    expect: { date: '2022-09-16', title: '家庭教育讲座', type: '宣讲', place: '新仓镇', partners: ['市妇联'], reach: 80, reachApprox: true },
  },
  {
    body: '9.16 在沈荡镇敬老院开展走访慰问，8名委员参加',
    expect: { date: '2022-09-16', title: '走访慰问', type: '慰问', place: '沈荡镇敬老院', participants: 8 },
  },
  {
    body: '今天上午9:30在会客厅召开委员座谈会，委员12人参加',
    expect: { date: '2022-09-21', time: '09:30', dateDefaulted: false, title: '委员座谈会', type: '座谈', place: '会客厅', participants: 12 },
  },
  {
    body: '9月10日组织委员赴嘉兴开展学习考察',
    expect: { date: '2022-09-10', title: '学习考察', type: '调研', place: '嘉兴' },
  },
  {
    body: '与市卫健局共同举办健康论坛，惠及群众3.6万余人次',
    expect: { dateDefaulted: true, date: '2022-09-21', title: '健康论坛', type: '论坛', partners: ['市卫健局'], reach: 36000, reachApprox: true },
    warning: '未写日期，按消息日期 2022-09-21 记录',
  },
  {
    body: '9月19日在海岛开展义诊，服务群众两百多人次',
    expect: { title: '义诊', type: '义诊', place: '海岛', reach: 200, reachApprox: true },
  },
  {
    body: '委员张三、李四参加了前天在广陈镇开展的乡村振兴调研',
    expect: { date: '2022-09-19', title: '乡村振兴调研', type: '调研', place: '广陈镇', memberNames: ['张三', '李四'] },
  },
  {
    body: '9月8日，会客厅开展海风沙龙读书活动，共20人参加',
    expect: { date: '2022-09-08', title: '海风沙龙读书活动', type: '读书会', participants: 20 },
  },
  {
    body: '本周二在明湖科创区开展民主监督，委员6人参加',
    expect: { date: '2022-09-20', title: '民主监督', type: '民主监督', place: '明湖科创区', participants: 6 },
  },
  {
    body: '9月3日举行“好书共读 智慧共享”读书分享交流会，线上线下参与8000余人次',
    expect: { date: '2022-09-03', title: '“好书共读 智慧共享”读书分享交流会', type: '读书会', participants: 8000, participantsApprox: true },
  },
  {
    body: '9月15日召开委员履职培训会，参加人数45人',
    expect: { date: '2022-09-15', title: '委员履职培训会', type: '培训', participants: 45 },
  },
  {
    body: '9月2日开展“东海论健”品牌义诊活动，受益群众300余人次',
    expect: { date: '2022-09-02', title: '“东海论健”品牌义诊活动', type: '义诊', brand: '东海论健', reach: 300, reachApprox: true },
  },
  {
    body: '9月6日在钟埭街道开展志愿服务，服务居民150人',
    expect: { title: '志愿服务', type: '志愿服务', place: '钟埭街道', reach: 150, reachApprox: false },
  },
  {
    body: '9月7日慰问困难委员家庭',
    expect: { date: '2022-09-07', title: '慰问困难委员家庭', type: '慰问' },
  },
  {
    body: '9.17 健康义诊 爱卫中心 委员8人',
    expect: { date: '2022-09-17', title: '健康义诊', type: '义诊', participants: 8 },
  },
  {
    body: '下午3点在社区开展反诈宣传',
    expect: { date: '2022-09-21', time: '15:00', dateDefaulted: true, title: '反诈宣传', type: '宣讲', place: '社区' },
  },
  {
    body: '9月1日，健心服务会客厅联合市教育局举办家长心理成长课堂，线上线下参与人数达9000余人次',
    expect: { title: '家长心理成长课堂', type: '培训', partners: ['市教育局'], participants: 9000, participantsApprox: true },
  },
  {
    body: '２０２２年９月１９日在市爱卫中心开展健康义诊，委员８人参加',
    expect: { date: '2022-09-19', title: '健康义诊', place: '市爱卫中心', participants: 8 },
  },
  {
    body: '9月14日，委员们走进平湖中学开展心理健康讲座，惠及师生500余人',
    expect: { title: '心理健康讲座', type: '宣讲', place: '平湖中学', reach: 500, reachApprox: true },
  },
  {
    body: '9月13日携手市残联、市卫健局开展助残义诊',
    expect: { title: '助残义诊', type: '义诊', partners: ['市残联', '市卫健局'] },
  },
  {
    body: '上月5日在新埭镇开展农村人居环境视察',
    expect: { date: '2022-08-05', title: '农村人居环境视察', type: '视察', place: '新埭镇' },
  },
  {
    body: '本月20号开展乡村振兴议政会，委员10人出席',
    expect: { date: '2022-09-20', title: '乡村振兴议政会', type: '议政', participants: 10 },
  },
  {
    body: '19日在当湖街道开展公益募捐。',
    expect: { date: '2022-09-19', title: '公益募捐', type: '公益', place: '当湖街道' },
  },
  {
    body: '9月25日在社区开展义诊',
    expect: { date: '2022-09-25', title: '义诊' },
    warning: '活动日期 2022-09-25 晚于今天，请确认',
  },
  {
    body: '9月19日在市爱卫中心开展健康义诊\n参与委员：张三、李四\n服务群众：200余人次\n品牌：春天里·温暖你',
    expect: { date: '2022-09-19', title: '健康义诊', place: '市爱卫中心', memberNames: ['张三', '李四'], reach: 200, brand: '春天里·温暖你' },
  },
  {
    body: '昨天会客厅携手市培智学校开展温暖传递活动\n参与委员：@张三 @李四\n类型：公益',
    expect: { date: '2022-09-20', title: '温暖传递活动', type: '公益', typeInferred: false, partners: ['市培智学校'], memberNames: ['张三', '李四'] },
  },
  {
    body: '开展健康义诊\n时间：9月18日\n地点：爱卫中心',
    expect: { date: '2022-09-18', dateDefaulted: false, title: '健康义诊', place: '爱卫中心' },
  },
  {
    body: '健康义诊\n时间：9月19日\n地点：爱卫中心\n受益人次：两千五',
    expect: { date: '2022-09-19', title: '健康义诊', place: '爱卫中心', reach: 2500 },
  },
  {
    body: '9月12日在钟埭街道开展走访调研，委员8人参加\n服务人次：3.6万\n备注：与街道联合开展',
    expect: { title: '走访调研', type: '调研', participants: 8, reach: 36000, reachApprox: false, note: '与街道联合开展' },
  },
  {
    body: '9月16日在市民中心举办“东海论健”学术交流会\n联合单位：沪杭舟三地医学会',
    expect: { title: '“东海论健”学术交流会', place: '市民中心', partners: ['沪杭舟三地医学会'], type: '其他' },
  },
  {
    body: '张三、李四等委员参加了9月19日在社区举办的义诊活动',
    expect: { date: '2022-09-19', title: '义诊活动', place: '社区', memberNames: ['张三', '李四'] },
  },
  {
    body: '9月9日下午，会客厅在社区开展“春天里·温暖你”志愿服务，参与1,200人次',
    expect: { date: '2022-09-09', title: '“春天里·温暖你”志愿服务', type: '志愿服务', participants: 1200 },
  },
]

describe('parseActivity: narrative and mixed', () => {
  ROWS.forEach((row, n) => it(label(n + 1, row.body), () => expectActivity(row)))
})
