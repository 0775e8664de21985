// "#提案" messages: 案由 (title), type, proposers, field; labelled, or a bare title line.
import { z } from 'zod'
import { formatYmd } from './calendar.js'
import { today, type ParseClock } from './clock.js'
import { badDate, findDateInText } from './dates.js'
import { splitFields } from './fields.js'
import type { LabelTable } from './labels.js'
import { splitNames } from './names.js'
import { echo, trimPunct, unwrapQuotes } from './normalize.js'
import { normalizeOpinionField } from './opinion-fields.js'
import { titleFromText } from './opinion.js'
import { bodyTooLong, issuesToProblems, type FieldProblem, type ParseOutcome } from './outcome.js'

export const PROPOSAL_TYPES = ['个人', '联名', '集体'] as const
export type ProposalType = (typeof PROPOSAL_TYPES)[number]

export interface ProposalFields {
  title: string
  type: ProposalType
  typeInferred: boolean
  content?: string
  field?: string
  authorNames: string[] // empty = the sender; the first named is the lead
  date: string
  dateDefaulted: boolean
}

export type ProposalKey = 'title' | 'type' | 'authors' | 'field' | 'date' | 'content'

export const PROPOSAL_LABELS: LabelTable<ProposalKey> = {
  title: ['案由', '标题', '题目', '提案标题', '名称', '主题', '提案名称'],
  type: ['类型', '提案类型', '形式', '提案形式'],
  authors: ['提案人', '联名人', '提交人', '领衔人', '附议人', '联名委员', '署名', '提案委员'],
  field: ['领域', '类别', '分类', '所属领域', '专题'],
  date: ['日期', '时间', '提交日期', '提交时间'],
  content: ['内容', '理由', '办法', '建议', '案据', '具体内容', '正文', '提案内容'],
}
export const NOT_PROPOSAL_LABELS = ['联系电话', '电话', '手机', '单位', '工作单位', '联系人', '地址']

/** 个人提案 → 个人; 党派、界别、专委会 submit collectively. */
export function normalizeProposalType(written: string): ProposalType | undefined {
  const t = written.replace(/提案$/, '').trim()
  if (/^个人/.test(t)) return '个人'
  if (/^联名|^多人/.test(t)) return '联名'
  if (/^集体|党派|界别|专委会|委员会|小组/.test(t)) return '集体'
  return undefined
}

const ProposalFieldsSchema = z.object({
  title: z.string().min(1).max(200),
  type: z.enum(PROPOSAL_TYPES),
  typeInferred: z.boolean(),
  content: z.string().min(1).optional(),
  field: z.string().min(1).max(30).optional(),
  authorNames: z.array(z.string().min(1).max(20)),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  dateDefaulted: z.boolean(),
})
const FIELD_NAMES = { title: '案由', type: '类型', content: '内容', field: '领域', authorNames: '提案人', date: '日期' }

export function parseProposal(body: string, clock: ParseClock): ParseOutcome<ProposalFields> {
  const tooLong = bodyTooLong(body)
  if (tooLong) return { ok: false, errors: [tooLong], partial: {} }
  const split = splitFields<ProposalKey>(body, PROPOSAL_LABELS, { multiline: ['content'], notLabels: NOT_PROPOSAL_LABELS })
  const errors: FieldProblem[] = []
  const warnings: string[] = []
  const field = (k: ProposalKey) => split.fields.get(k)?.trim() || undefined

  const fromText = field('title') ? { content: split.rest || undefined } : titleFromText(split.rest)
  const title = field('title') ? unwrapQuotes(trimPunct(field('title')!)) : fromText.title
  if (!title) errors.push({ field: '案由', problem: '没有找到案由（提案标题），请写成 案由：关于……的建议' })
  const content = [field('content'), fromText.content].filter(Boolean).join('\n') || undefined

  const authorNames = field('authors') ? splitNames(field('authors')!) : []
  let type: ProposalType = authorNames.length > 1 ? '联名' : '个人'
  let typeInferred = true
  if (field('type')) {
    const given = normalizeProposalType(field('type')!)
    if (given) {
      type = given
      typeInferred = false
    } else {
      errors.push({ field: '类型', problem: `提案类型“${echo(field('type')!)}”不认识，可选：${PROPOSAL_TYPES.join('、')}` })
    }
  }

  let date = formatYmd(today(clock))
  let dateDefaulted = true
  if (field('date')) {
    const found = findDateInText(field('date')!, clock)
    if (!found || !found.ok || found.timeOnly) errors.push({ field: '日期', problem: found && !found.ok ? found.problem : badDate(field('date')!) })
    else {
      date = found.date
      dateDefaulted = false
    }
  }

  const fieldValue = field('field') ? normalizeOpinionField(field('field')!) : undefined
  const draft = { title: title ?? '', type, typeInferred, content, field: fieldValue, authorNames, date, dateDefaulted }
  if (errors.length > 0) return { ok: false, errors, partial: draft }
  const checked = ProposalFieldsSchema.safeParse(Object.fromEntries(Object.entries(draft).filter(([, v]) => v !== undefined)))
  if (!checked.success) return { ok: false, errors: issuesToProblems(checked.error, FIELD_NAMES), partial: draft }
  if (typeInferred) warnings.push(`未写提案类型，按提案人数记为“${type}”`)
  return { ok: true, value: checked.data as ProposalFields, warnings }
}
