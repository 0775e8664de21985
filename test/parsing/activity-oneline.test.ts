// The same fields typed on one line, separated by ，；; or spaces.
import { describe, it } from 'vitest'
import { expectActivity, label } from './helpers.js'
import type { ActivityRow } from './helpers.js'

const ROWS: ActivityRow[] = [
  {
    body: '时间：9月19日，主题：健康义诊，地点：市爱卫中心，参与委员：张三、李四，服务群众：200余人次',
    expect: { date: '2022-09-19', title: '健康义诊', type: '义诊', place: '市爱卫中心', memberNames: ['张三', '李四'], reach: 200, reachApprox: true },
  },
  {
    body: '时间：9.19；主题：健康讲座；地点：社区卫生服务中心；人数：30',
    expect: { date: '2022-09-19', title: '健康讲座', type: '宣讲', place: '社区卫生服务中心', participants: 30 },
  },
  {
    body: '时间:9/19  主题:同心论坛  地点:浙江海洋大学  参与人数:50',
    expect: { date: '2022-09-19', title: '同心论坛', type: '论坛', place: '浙江海洋大学', participants: 50 },
  },
  {
    body: '时间：9月19日 地点：会客厅 主题：学习二十大精神',
    expect: { date: '2022-09-19', title: '学习二十大精神', type: '学习', place: '会客厅' },
  },
  {
    body: '时间：9月19日 15:30 地点：会客厅 主题：学习会',
    expect: { date: '2022-09-19', time: '15:30', title: '学习会', type: '学习', place: '会客厅' },
  },
  {
    body: '日期：本月20号，名称：走访慰问困难群众，类型：慰问，参加委员：张三 李四',
    expect: { date: '2022-09-20', title: '走访慰问困难群众', type: '慰问', typeInferred: false, memberNames: ['张三', '李四'] },
  },
  {
    body: '时间：上周五，主题：委员读书会，类型：读书会，参与人数：两百多',
    expect: { date: '2022-09-16', title: '委员读书会', type: '读书会', participants: 200, participantsApprox: true },
  },
  {
    body: '主题：健康义诊 时间：前天 地点：东湖社区 受益群众：一百二十人',
    expect: { date: '2022-09-19', title: '健康义诊', place: '东湖社区', reach: 120, reachApprox: false },
  },
  {
    body: '时间：2022/9/10，主题：老旧小区改造专项监督，类型：民主监督',
    expect: { date: '2022-09-10', title: '老旧小区改造专项监督', type: '民主监督', typeInferred: false },
  },
  {
    body: '主题：视察老旧小区改造，时间：9月8日，参加委员：@王五 @赵六',
    expect: { date: '2022-09-08', title: '视察老旧小区改造', type: '视察', memberNames: ['王五', '赵六'] },
  },
  {
    body: '主题：委员联谊会，时间：9月17日晚上7点半',
    expect: { date: '2022-09-17', time: '19:30', title: '委员联谊会', type: '联谊' },
  },
  {
    body: '时间：9月5日；主题：“关爱流动花朵，共享一片蓝天”公益募捐；联合单位：新联会、网联会',
    expect: { date: '2022-09-05', title: '“关爱流动花朵，共享一片蓝天”公益募捐', type: '公益', partners: ['新联会', '网联会'] },
  },
  {
    body: '时间：9.20，主题：协商议政，地点：市政协，参与人数：20人，服务人次：0',
    expect: { date: '2022-09-20', title: '协商议政', type: '协商', participants: 20, reach: 0 },
  },
  {
    body: '时间：９月１８日，主题：志愿服务进社区，地点：钟埭街道，服务人次：１５０',
    expect: { date: '2022-09-18', title: '志愿服务进社区', type: '志愿服务', place: '钟埭街道', reach: 150 },
  },
  {
    body: '时间：9月3日，主题：“同心同行，共享健康”公共卫生论坛，品牌：“东海论健”，协办单位：舟山医院',
    expect: { title: '“同心同行，共享健康”公共卫生论坛', type: '论坛', brand: '东海论健', partners: ['舟山医院'] },
  },
  {
    body: '主题：座谈会；时间：9月4日；主持：张三；参加委员：李四、王五',
    expect: { title: '座谈会', type: '座谈', memberNames: ['李四', '王五'], note: '主持：张三' },
  },
  {
    body: '时间：9.9,主题：中医药宣传,地点：新华社区,委员：张三、李四、王五,人次：45',
    expect: { date: '2022-09-09', title: '中医药宣传', type: '宣讲', place: '新华社区', memberNames: ['张三', '李四', '王五'], participants: 45 },
  },
  {
    body: '时间：9月11日 主题：委员工作室开放日 类别：其它',
    expect: { title: '委员工作室开放日', type: '其他', typeInferred: false },
  },
]

describe('parseActivity: one-line fields', () => {
  ROWS.forEach((row, n) => it(label(n + 1, row.body), () => expectActivity(row)))
})
