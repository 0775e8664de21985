// 提案: a proposal; 立案, 并案, 办复 and 重点 are steps (src/services/proposals.ts).
import type { FieldTable, FieldsOf } from '../parsing/field-table.js'
import { CONTACT_LABELS, contentRow, dateRow } from './fields.js'

export const PROPOSAL_TYPES = ['个人', '联名', '集体'] as const
export type ProposalType = (typeof PROPOSAL_TYPES)[number]

/** 个人提案 → 个人; 党派、界别、专委会 submit collectively. */
export function normalizeProposalType(written: string): ProposalType | undefined {
  const t = written.replace(/提案$/, '').trim()
  if (/^个人/.test(t)) return '个人'
  if (/^联名|^多人/.test(t)) return '联名'
  if (/^集体|党派|界别|专委会|委员会|小组/.test(t)) return '集体'
  return undefined
}

export const PROPOSAL_TABLE = {
  rows: [
    { key: 'title', name: '案由', example: '关于加快推进中医药事业发展的建议', labels: ['案由', '标题', '题目', '提案标题', '名称', '主题', '提案名称'], value: { type: 'text', max: 200 }, required: true, sheet: { width: 24 } },
    { key: 'type', name: '类型', example: '联名', labels: ['类型', '提案类型', '形式', '提案形式'], value: { type: 'choice', options: PROPOSAL_TYPES, read: normalizeProposalType }, required: true, sheet: { width: 6 } },
    dateRow(['时间', '提交日期', '提交时间']),
    { key: 'field', name: '领域', example: '医疗卫生', labels: ['领域', '类别', '分类', '所属领域', '专题'], value: { type: 'text', max: 30 }, sheet: { width: 8 } },
    { key: 'authorNames', name: '提案人', example: '张三、李四', labels: ['提案人', '联名人', '提交人', '领衔人', '附议人', '联名委员', '署名', '提案委员'], value: { type: 'names' }, sheet: { width: 12 } },
    contentRow(['理由', '办法', '建议', '案据', '具体内容', '正文', '提案内容'], { header: '内容', width: 40 }, '（情况、理由、办法）'),
  ],
  // 提案号 is one letter from 提案人: a number, never a proposer.
  notLabels: [...CONTACT_LABELS, '提案号', '案号', '编号'],
} as const satisfies FieldTable

/** The type is inferred from the number of proposers when not written: the reply says so. */
export type ProposalFields = FieldsOf<typeof PROPOSAL_TABLE> & { typeInferred: boolean }
