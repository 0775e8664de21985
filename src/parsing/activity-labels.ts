// Field labels members use in activity messages, by canonical key.
import type { LabelTable } from './labels.js'

export type ActivityKey =
  | 'date' | 'title' | 'type' | 'place' | 'members' | 'memberCount' | 'participants' | 'reach'
  | 'partners' | 'brand' | 'note' | 'content'

export const ACTIVITY_LABELS: LabelTable<ActivityKey> = {
  date: ['时间', '日期', '活动时间', '活动日期', '开展时间', '举办时间', '举行时间', '时间地点', '时间及地点', '时间和地点', '活动时间地点'],
  title: ['主题', '名称', '标题', '活动主题', '活动名称', '题目', '活动', '活动标题', '主题名称'],
  type: ['类型', '活动类型', '形式', '活动形式', '类别', '活动类别'],
  place: ['地点', '地址', '活动地点', '场地', '活动场地', '举办地点', '开展地点', '地方'],
  members: [
    '参与委员', '参加委员', '出席委员', '委员', '参会委员', '参加人员', '参与人员', '出席人员',
    '委员名单', '人员', '参与者',
  ],
  participants: [
    '参与人数', '参与人次', '参加人数', '参加人次', '人数', '人次', '参会人数', '出席人数', '到场人数',
  ],
  memberCount: ['委员人数', '参与委员人数', '参加委员人数', '参与委员数', '出席委员人数'],
  reach: [
    '服务人次', '影响人次', '受益人次', '服务群众', '惠及群众', '受益群众', '覆盖人次', '影响群众',
    '服务人数', '受益人数', '影响人数', '覆盖人数', '惠及人次', '惠及人数', '服务对象',
    '服务群众人次', '受益群众人次', '影响群众人次', '服务群众人数', '受益群众人数', '影响界别群众',
  ],
  partners: ['联合单位', '合作单位', '协办单位', '联办单位', '共建单位', '承办单位', '合作方', '联合', '携手'],
  brand: ['品牌', '活动品牌', '所属品牌', '服务品牌'],
  note: ['备注', '说明', '附注', '其他'],
  content: ['内容', '活动内容', '活动情况', '情况', '简介', '活动简介', '简要情况'],
}

/** Labels members write that are not ours; they must not fuzzy-match (主持 ≠ 主题). */
export const NOT_ACTIVITY_LABELS = [
  '主持', '主持人', '负责人', '联系人', '联系电话', '电话', '手机', '记录', '记录人', '摄影', '拍照',
  '报送人', '填报人', '发布人', '主办单位', '主办', '来源', '时长', '主讲', '主讲人', '链接', '网址',
]

/** Chinese field names used in problems and warnings. */
export const ACTIVITY_FIELD_NAMES: Readonly<Record<string, string>> = {
  date: '日期',
  time: '时间',
  title: '主题',
  type: '类型',
  place: '地点',
  memberNames: '参与委员',
  memberCount: '委员人数',
  participants: '参与人数',
  reach: '服务人次',
  partners: '联合单位',
  brand: '品牌',
  note: '备注',
}
