// 大会发言: a member's speech at a plenary session (全会), given orally or handed in written.
import type { FieldTable, FieldsOf } from '../parsing/field-table.js'
import { CONTACT_LABELS, contentRow, dateRow } from './fields.js'
import type { FigureTable } from './figures.js'

export const SPEECH_FORMS = ['口头', '书面'] as const

/** 大会口头发言, 口头发言, 口头 → 口头; 书面发言 → 书面. */
export function readSpeechForm(written: string): (typeof SPEECH_FORMS)[number] | undefined {
  const named = SPEECH_FORMS.filter((f) => written.includes(f))
  return named.length === 1 ? named[0] : undefined
}

export const SPEECH_TABLE = {
  rows: [
    { key: 'title', name: '题目', example: '关于加快建设“一刻钟便民生活圈”的建议', labels: ['题目', '标题', '发言题目', '发言标题', '主题', '名称'], value: { type: 'text', max: 200 }, required: true, sheet: { width: 28 } },
    { key: 'meeting', name: '会议', example: '（哪次全会，例如 市政协…届…次会议）', labels: ['会议', '会议名称', '大会', '全会', '场合'], value: { type: 'text', max: 60 }, required: true, sheet: { width: 22 } },
    { key: 'form', name: '形式', example: '口头（或 书面）', labels: ['形式', '发言形式', '方式', '发言方式', '类型'], value: { type: 'choice', options: SPEECH_FORMS, read: readSpeechForm, cue: '发言' }, required: true, sheet: { width: 8 } },
    dateRow(['发言日期', '会议日期', '时间'], '…'),
    { key: 'authorNames', name: '发言人', example: '张三', labels: ['发言人', '发言委员', '委员', '作者', '提交人', '署名', '联名'], value: { type: 'names' }, sheet: { width: 14 } },
    contentRow(['发言内容', '摘要', '主要内容', '正文'], { header: '摘要', width: 40 }),
  ],
  // 发言 is one letter from 发言人 and 大会发言 holds 大会: neither is a speaker or the meeting.
  notLabels: [...CONTACT_LABELS, '发言', '大会发言'],
} as const satisfies FieldTable

export type SpeechFields = FieldsOf<typeof SPEECH_TABLE>

/** What digests, `stats` and the 汇总 sheet count: speeches by their date, oral and written. */
export const SPEECH_FIGURES = {
  model: 'ConferenceSpeech',
  rows: [
    { key: 'speeches', name: '大会发言', label: '大会发言（次）' },
    { key: 'oralSpeeches', name: '口头', label: '口头发言（次）', where: { equals: ['form', '口头'] } },
    { key: 'writtenSpeeches', name: '书面', label: '书面发言（次）', where: { equals: ['form', '书面'] } },
  ],
} as const satisfies FigureTable<typeof SPEECH_TABLE>
