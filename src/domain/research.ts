// 调研报告: a research report written by members (often a room's team), adopted or instructed on.
import type { FieldTable, FieldsOf } from '../parsing/field-table.js'
import { CONTACT_LABELS, contentRow, dateRow } from './fields.js'
import type { FigureTable } from './figures.js'

export const RESEARCH_TABLE = {
  rows: [
    { key: 'title', name: '标题', example: '关于推进老旧小区加装电梯的调研报告', labels: ['标题', '题目', '报告标题', '报告名称', '名称', '课题', '调研课题', '主题'], value: { type: 'text', max: 200 }, required: true, sheet: { width: 28 } },
    dateRow(['完成日期', '完成时间', '报送日期', '提交日期', '时间'], '…'),
    { key: 'authorNames', name: '作者', example: '张三、李四', labels: ['作者', '执笔人', '撰写人', '执笔', '课题组成员', '调研组成员', '成员', '参与委员', '提交人', '署名', '牵头人'], value: { type: 'names' }, sheet: { width: 14 } },
    { key: 'adoptedBy', name: '采纳', example: '（被哪个单位采纳，没有可不写）', labels: ['采纳', '采纳单位', '采用', '被采纳', '采纳情况', '成果采纳', '成果转化'], value: { type: 'text', max: 100 }, outcome: true, sheet: { header: '采纳单位', width: 16 } },
    { key: 'instruction', name: '批示', example: '（领导批示，没有可不写）', labels: ['批示', '领导批示', '批示情况', '批示内容'], value: { type: 'text', max: 200 }, outcome: true, sheet: { header: '批示', width: 22 } },
    contentRow(['摘要', '主要内容', '正文', '简介', '内容摘要'], { header: '摘要', width: 40 }, '（主要内容）'),
  ],
  // 成果 is one letter from 成员: its line is content, never the authors.
  notLabels: [...CONTACT_LABELS, '成果'],
} as const satisfies FieldTable

export type ResearchFields = FieldsOf<typeof RESEARCH_TABLE>

/** What digests, `stats` and the 汇总 sheet count: reports by their date, and those adopted or instructed on. */
export const RESEARCH_FIGURES = {
  model: 'ResearchReport',
  rows: [
    { key: 'research', name: '调研报告', label: '调研报告（篇）' },
    { key: 'researchAdopted', name: '被采纳', label: '调研报告被采纳（篇）', where: { filled: 'adoptedBy' } },
    { key: 'researchInstructed', name: '获批示', label: '调研报告获批示（篇）', where: { filled: 'instruction' } },
  ],
} as const satisfies FigureTable<typeof RESEARCH_TABLE>
