// 社情民意: a public-opinion report; 采纳, 批示 and 办结 are dated steps (src/services/opinions.ts).
import type { FieldTable, FieldsOf } from '../parsing/field-table.js'
import { CONTACT_LABELS, contentRow, dateRow } from './fields.js'

export const OPINION_TABLE = {
  rows: [
    { key: 'title', name: '标题', example: '关于加强老年人助餐服务的建议', labels: ['标题', '题目', '名称', '主题', '信息标题', '社情民意标题'], value: { type: 'text', max: 200 }, required: true, sheet: { width: 24 } },
    dateRow(['时间', '提交日期', '提交时间', '反映时间']),
    { key: 'field', name: '领域', example: '养老', labels: ['领域', '类别', '分类', '所属领域', '类型', '专题', '所属类别'], value: { type: 'text', max: 30 }, sheet: { width: 8 } },
    {
      key: 'authorNames',
      name: '提交人', example: '张三、李四',
      labels: ['提交人', '反映人', '作者', '提交委员', '联名', '联名委员', '撰写人', '执笔人', '报送人', '提交者', '联名人', '反映委员', '署名'],
      value: { type: 'names' },
      sheet: { width: 12 },
    },
    contentRow(
      [
        '正文', '情况', '建议', '具体内容', '主要内容', '问题', '存在问题', '情况分析', '对策建议',
        '意见建议', '基本情况', '原因分析', '具体建议', '建议内容', '主要问题', '有关建议',
      ],
      { header: '正文', width: 48 },
      '（情况、分析、建议）',
    ),
  ],
  notLabels: CONTACT_LABELS,
} as const satisfies FieldTable

export type OpinionFields = FieldsOf<typeof OPINION_TABLE>
