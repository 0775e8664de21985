// "#社情民意" messages: labelled fields, or a bare title line followed by the text.
import { z } from 'zod'
import { formatYmd } from './calendar.js'
import { today } from './clock.js'
import type { ParseClock } from './clock.js'
import { badDate, findDateInText } from './dates.js'
import { splitFields } from './fields.js'
import type { FieldEntry } from './fields.js'
import type { LabelTable } from './labels.js'
import { labelTableOf, rowOf } from './field-table.js'
import { unknownLines, unknownWarnings, writtenIn, writtenUnder } from './written.js'
import { titleFromText } from './title.js'
import { OPINION_TABLE, type OpinionFields } from '../domain/opinion.js'
import { splitNames } from './names.js'
import { trimPunct, unwrapQuotes } from './normalize.js'
import { normalizeOpinionField } from './opinion-fields.js'
import { bodyTooLong, issuesToProblems, type FieldProblem, type ParseOutcome } from './outcome.js'

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

const GENERIC_CONTENT = ['内容', '正文', '具体内容', '主要内容']

/**
 * Content pieces. Consecutive content labels ("情况：…\n建议：…", or "内容：\n一、存在问题：…")
 * are one text, so they are re-read verbatim from the body, sub-headings included.
 */
function contentText(body: string, entries: Array<FieldEntry<OpinionKey>>): string[] {
  const out: string[] = []
  let run: Array<FieldEntry<OpinionKey>> = []
  const flush = (): void => {
    const first = run[0]
    const last = run[run.length - 1]
    if (first && last) {
      const from = run.length > 1 && !GENERIC_CONTENT.includes(first.label) ? first.labelStart : first.valueStart
      out.push(trimPunct(body.slice(from, last.valueEnd), true))
    }
    run = []
  }
  for (const e of entries) {
    if (e.key === 'content') run.push(e)
    else flush()
  }
  flush()
  return out.filter(Boolean)
}

export function parseOpinion(body: string, clock: ParseClock): ParseOutcome<OpinionFields> {
  const tooLong = bodyTooLong(body)
  if (tooLong) return { ok: false, errors: [tooLong], partial: {} }
  const split = splitFields<OpinionKey>(body, OPINION_LABELS, { multiline: ['content'], notLabels: OPINION_TABLE.notLabels })
  const errors: FieldProblem[] = []
  const warnings: string[] = []
  const values: Partial<OpinionFields> = {}

  const written = new Map(OPINION_TABLE.rows.map((row) => [row.key, writtenUnder(row, split.entries, warnings, clock)]))
  const f = (key: OpinionKey) => written.get(key)
  const labelled = contentText(body, split.entries).filter((text) => writtenIn(rowOf(OPINION_TABLE, 'content'), text) !== undefined)
  const titleField = f('title')
  const fromText = titleField ? { content: split.rest || undefined } : titleFromText(split.rest)
  const title = titleField ? unwrapQuotes(trimPunct(titleField)) : fromText.title
  if (title) values.title = title
  else errors.push({ field: '标题', problem: '没有找到标题，请写“标题：关于…的建议”' })
  const content = [fromText.content, ...labelled].filter((c): c is string => !!c).join('\n')
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
  // Lines under labels no row has stay in the content (一是加强监管：建立台账), as in every kind.
  const unknown = unknownLines(split.unknownFields).filter((line) => !values.content?.includes(line))
  if (unknown.length > 0) values.content = [values.content, ...unknown].filter(Boolean).join('\n')
  warnings.push(...unknownWarnings(split.unknownFields, rowOf(OPINION_TABLE, 'content')))

  if (errors.length) return { ok: false, errors, partial: values }
  const checked = OpinionFieldsSchema.safeParse(values)
  if (!checked.success) return { ok: false, errors: issuesToProblems(checked.error, FIELD_NAMES), partial: values }
  return { ok: true, value: checked.data, warnings }
}
