// "#社情民意" messages: labelled fields, or a bare title line followed by the text.
import { z } from 'zod'
import { formatYmd } from './calendar.js'
import { today } from './clock.js'
import type { ParseClock } from './clock.js'
import { badDate, findDateInText } from './dates.js'
import { splitFields } from './fields.js'
import type { LabelTable } from './labels.js'
import { labelTableOf, rowOf } from './field-table.js'
import { contentUnder, unknownWarnings, writtenUnder } from './written.js'
import { titleFromText } from './title.js'
import { OPINION_TABLE, type OpinionFields } from '../domain/opinion.js'
import { splitNames } from './names.js'
import { trimPunct, unwrapQuotes } from './normalize.js'
import { normalizeOpinionField } from './opinion-fields.js'
import { PARSE_CEILING, bodyTooLong, issuesToProblems, type FieldProblem, type ParseOutcome } from './outcome.js'

export { OPINION_FIELDS, normalizeOpinionField } from './opinion-fields.js'

export type { OpinionFields } from '../domain/opinion.js'

export type OpinionKey = (typeof OPINION_TABLE)['rows'][number]['key']
export const OPINION_LABELS: LabelTable<OpinionKey> = labelTableOf(OPINION_TABLE)

const OpinionFieldsSchema = z.object({
  title: z.string().min(1).max(200),
  content: z.string().min(1).optional(),
  field: z.string().min(1).max(30).optional(),
  authorNames: z.array(z.string().min(1)),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  dateDefaulted: z.boolean(),
})
const FIELD_NAMES = { title: '标题', content: '内容', field: '领域', authorNames: '提交人', date: '日期' }

export function parseOpinion(body: string, clock: ParseClock): ParseOutcome<OpinionFields> {
  const tooLong = bodyTooLong(body, PARSE_CEILING)
  if (tooLong) return { ok: false, errors: [tooLong], partial: {} }
  const split = splitFields<OpinionKey>(body, OPINION_LABELS, { multiline: ['content'], notLabels: OPINION_TABLE.notLabels })
  const errors: FieldProblem[] = []
  const warnings: string[] = []
  const values: Partial<OpinionFields> = {}

  const written = new Map(OPINION_TABLE.rows.map((row) => [row.key, writtenUnder(row, split.entries, warnings, clock)]))
  const f = (key: OpinionKey) => written.get(key)
  const labelled = contentUnder(rowOf(OPINION_TABLE, 'content'), split, body)
  const titleField = f('title')
  const fromText = titleField ? { content: split.rest || undefined } : titleFromText(split.rest)
  const title = titleField ? unwrapQuotes(trimPunct(titleField)) : fromText.title
  if (title) values.title = title
  else errors.push({ field: '标题', problem: '没有找到标题，请写“标题：关于…的建议”' })
  const content = [fromText.content, labelled].filter((c): c is string => !!c).join('\n')
  if (content) values.content = content

  const field = f('field')
  if (field) values.field = normalizeOpinionField(field)
  const authors = f('authorNames')
  values.authorNames = authors ? splitNames(authors) : []

  const local = formatYmd(today(clock))
  const dateText = f('date')
  if (dateText !== undefined) {
    const found = findDateInText(dateText, clock)
    if (!found) errors.push({ field: '日期', problem: badDate(dateText) })
    else if (!found.ok) errors.push({ field: '日期', problem: found.problem })
    else Object.assign(values, { date: found.date, dateDefaulted: found.timeOnly })
  } else {
    Object.assign(values, { date: local, dateDefaulted: true })
  }
  warnings.push(...unknownWarnings(split.unknownFields, rowOf(OPINION_TABLE, 'content')))

  if (errors.length) return { ok: false, errors, partial: values }
  const checked = OpinionFieldsSchema.safeParse(values)
  if (!checked.success) return { ok: false, errors: issuesToProblems(checked.error, FIELD_NAMES), partial: values }
  return { ok: true, value: checked.data, warnings }
}
