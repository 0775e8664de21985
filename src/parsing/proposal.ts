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
import { titleFromText } from './title.js'
import { labelTableOf, rowOf } from './field-table.js'
import { contentUnder, unknownWarnings, writtenUnder } from './written.js'
import { PROPOSAL_TABLE, PROPOSAL_TYPES, normalizeProposalType, type ProposalFields, type ProposalType } from '../domain/proposal.js'
import { PARSE_CEILING, bodyTooLong, issuesToProblems, type FieldProblem, type ParseOutcome } from './outcome.js'

export { PROPOSAL_TYPES, normalizeProposalType, type ProposalFields, type ProposalType } from '../domain/proposal.js'

export type ProposalKey = (typeof PROPOSAL_TABLE)['rows'][number]['key']
export const PROPOSAL_LABELS: LabelTable<ProposalKey> = labelTableOf(PROPOSAL_TABLE)

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
  const tooLong = bodyTooLong(body, PARSE_CEILING)
  if (tooLong) return { ok: false, errors: [tooLong], partial: {} }
  const split = splitFields<ProposalKey>(body, PROPOSAL_LABELS, { multiline: ['content'], notLabels: PROPOSAL_TABLE.notLabels })
  const errors: FieldProblem[] = []
  const warnings: string[] = []
  const written = new Map(PROPOSAL_TABLE.rows.map((row) => [row.key, writtenUnder(row, split.entries, warnings, clock)]))
  const field = (key: ProposalKey) => written.get(key)

  const fromText = field('title') ? { content: split.rest || undefined } : titleFromText(split.rest)
  const title = field('title') ? unwrapQuotes(trimPunct(field('title')!)) : fromText.title
  if (!title) errors.push({ field: '案由', problem: '没有找到案由（提案标题），请写成 案由：关于……的建议' })
  const content = [contentUnder(rowOf(PROPOSAL_TABLE, 'content'), split, body), fromText.content].filter(Boolean).join('\n') || undefined
  warnings.push(...unknownWarnings(split.unknownFields, rowOf(PROPOSAL_TABLE, 'content')))

  const authorNames = field('authorNames') ? splitNames(field('authorNames')!) : []
  let type: ProposalType = authorNames.length > 1 ? '联名' : '个人'
  let typeInferred = true
  if (field('type')) {
    const given = normalizeProposalType(field('type')!)
    if (given) {
      type = given
      typeInferred = false
      // Kept as written (the office decides), but a mismatch with the signers is pointed out.
      if (given === '个人' && authorNames.length > 1) warnings.push(`类型写的是个人，却有 ${authorNames.length} 位提案人（${authorNames.join('、')}）：是联名的话，请 #修改 类型=联名`)
      if (given === '联名' && authorNames.length === 1) warnings.push(`类型写的是联名，却只写了 1 位提案人：请 #修改 提案人=… 补上联名的委员`)
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
  const values = { title: title ?? '', type, typeInferred, content, field: fieldValue, authorNames, date, dateDefaulted }
  if (errors.length > 0) return { ok: false, errors, partial: values }
  const checked = ProposalFieldsSchema.safeParse(Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)))
  if (!checked.success) return { ok: false, errors: issuesToProblems(checked.error, FIELD_NAMES), partial: values }
  if (typeInferred) warnings.push(`未写提案类型，按提案人数记为“${type}”`)
  return { ok: true, value: checked.data as ProposalFields, warnings }
}
