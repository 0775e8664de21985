// 活动: an activity of a room. Its parser (src/parsing/activity.ts) also reads one-line and
// narrative messages; the rows here give it the labels, and give replies, revisions and the
// ledger the names and columns.
import type { FieldRow } from '../parsing/field-table.js'
import { ACTIVITY_TYPES, normalizeActivityType } from '../parsing/activity-types.js'

export const ACTIVITY_ROWS = [
  {
    key: 'date',
    name: '日期', example: '9月19日 下午3点',
    labels: ['时间', '日期', '活动时间', '活动日期', '开展时间', '举办时间', '举行时间', '时间地点', '时间及地点', '时间和地点', '活动时间地点'],
    value: { type: 'date' },
    sheet: { width: 11 },
  },
  // Written with the date (时间：9月19日 下午3点): a row for its name, no labels of its own.
  { key: 'time', name: '时间', labels: [], value: { type: 'text', max: 5 }, sheet: { width: 6 } },
  { key: 'title', name: '主题', example: '健康义诊进社区', labels: ['主题', '名称', '标题', '活动主题', '活动名称', '题目', '活动', '活动标题', '主题名称'], value: { type: 'text', max: 120 }, required: true, sheet: { width: 22 } },
  { key: 'type', name: '类型', example: '义诊', labels: ['类型', '活动类型', '形式', '活动形式', '类别', '活动类别'], value: { type: 'choice', options: ACTIVITY_TYPES, read: normalizeActivityType }, required: true, sheet: { width: 8 } },
  { key: 'place', name: '地点', example: '市爱卫中心', labels: ['地点', '地址', '活动地点', '场地', '活动场地', '举办地点', '开展地点', '地方'], value: { type: 'text', max: 100 }, sheet: { width: 14 } },
  {
    key: 'memberNames',
    name: '参与委员', example: '张三、李四',
    labels: ['参与委员', '参加委员', '出席委员', '委员', '参会委员', '参加人员', '参与人员', '出席人员', '委员名单', '人员', '参与者'],
    value: { type: 'names' },
    sheet: { width: 16 },
  },
  { key: 'memberCount', name: '委员人数', labels: ['委员人数', '参与委员人数', '参加委员人数', '参与委员数', '出席委员人数'], value: { type: 'count' } },
  {
    key: 'participants',
    name: '参与人次', example: '…',
    labels: ['参与人次', '参与人数', '参加人数', '参加人次', '人数', '人次', '参会人数', '出席人数', '到场人数'],
    value: { type: 'count' },
    sheet: { width: 8 },
  },
  {
    key: 'reach',
    name: '服务人次', example: '…',
    labels: [
      '服务人次', '影响人次', '受益人次', '服务群众', '惠及群众', '受益群众', '覆盖人次', '影响群众',
      '服务人数', '受益人数', '影响人数', '覆盖人数', '惠及人次', '惠及人数', '服务对象',
      '服务群众人次', '受益群众人次', '影响群众人次', '服务群众人数', '受益群众人数', '影响界别群众',
    ],
    value: { type: 'count' },
    sheet: { width: 10 },
  },
  { key: 'partners', name: '联合单位', example: '市第一人民医院', labels: ['联合单位', '合作单位', '协办单位', '联办单位', '共建单位', '承办单位', '合作方', '联合', '携手'], value: { type: 'list' }, sheet: { width: 14 } },
  { key: 'brand', name: '品牌', example: '春天里·温暖你', labels: ['品牌', '活动品牌', '所属品牌', '服务品牌'], value: { type: 'text', max: 50 }, sheet: { width: 10 } },
  { key: 'note', name: '备注', labels: ['备注', '说明', '附注', '其他'], value: { type: 'longText' }, sheet: { width: 14 } },
] as const satisfies readonly FieldRow[]

/** Labels members write that are not ours; they must not fuzzy-match (主持 ≠ 主题). */
export const NOT_ACTIVITY_LABELS = [
  '主持', '主持人', '负责人', '联系人', '联系电话', '电话', '手机', '记录', '记录人', '摄影', '拍照',
  '报送人', '填报人', '发布人', '主办单位', '主办', '来源', '时长', '主讲', '主讲人', '链接', '网址',
]

export const ACTIVITY_TABLE = { rows: ACTIVITY_ROWS, notLabels: NOT_ACTIVITY_LABELS }
