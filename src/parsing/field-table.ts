// A record kind's fields as one table: each row says what members write (labels), what kind of
// value it holds, and how it is shown in replies and the ledger. The generic parser, the text a
// record is edited through, the inferred TypeScript type and the revision labels all read it.
import { z } from 'zod'
import { formatYmd } from './calendar.js'
import { today, type ParseClock } from './clock.js'
import { badDate, findDateInText } from './dates.js'
import { splitFields } from './fields.js'
import { matchLabel, type LabelTable } from './labels.js'
import { splitList, splitNames } from './names.js'
import { countValueProblem, parseCount } from './numbers.js'
import { echo, trimPunct, unwrapQuotes } from './normalize.js'
import { contentUnder, unknownLines, unknownWarnings, writtenUnder } from './written.js'
import { titleFromText } from './title.js'
import { PARSE_CEILING, bodyTooLong, issuesToProblems, type FieldProblem, type ParseOutcome } from './outcome.js'
import type { FieldRow, FieldTable, FieldValue } from './field-row.js'

export type { FieldRow, FieldTable, FieldValue } from './field-row.js'

/** The parsed value of a row's kind of value. */
export type ValueOf<V extends FieldValue> = V extends { type: 'names' | 'list' }
  ? string[]
  : V extends { type: 'count' }
    ? number
    : V extends { type: 'choice'; options: readonly (infer O)[] }
      ? O
      : string
export type Row<T extends FieldTable> = T['rows'][number]

/** Whether a kind's parsed values always hold this row: required ones, the date, and lists (names: an empty list means the sender). */
export type AlwaysPresent<R extends FieldRow> = R['required'] extends true ? true : R['value'] extends { type: 'names' | 'list' | 'date' } ? true : false

/**
 * The parsed values of a kind, inferred from its table: required rows (and names, an empty list
 * meaning the sender) always present, the others optional; `date` comes with whether it was
 * written or taken from the day of the message.
 */
export type FieldsOf<T extends FieldTable> = {
  [R in Row<T> as AlwaysPresent<R> extends true ? R['key'] : never]: ValueOf<R['value']>
} & {
  [R in Row<T> as AlwaysPresent<R> extends true ? never : R['key']]?: ValueOf<R['value']>
} & { dateDefaulted: boolean }

export function labelTableOf<K extends string>(table: FieldTable<readonly FieldRow<K>[]>): LabelTable<K> {
  return Object.fromEntries(table.rows.map((r) => [r.key, r.labels])) as unknown as LabelTable<K>
}

const multilineKeys = (table: FieldTable) => table.rows.filter((r) => r.value.type === 'longText').map((r) => r.key)

/** The zod check of a kind's parsed values, from its table (a kind's own parser may extend it). */
export function schemaOf(table: FieldTable): z.ZodObject<Record<string, z.ZodType>> {
  const shape: Record<string, z.ZodType> = { dateDefaulted: z.boolean() }
  for (const row of table.rows) {
    const v = row.value
    const base =
      v.type === 'names' ? z.array(z.string().min(1).max(20))
      : v.type === 'list' ? z.array(z.string().min(1))
      : v.type === 'count' ? z.number().int().nonnegative()
      : v.type === 'date' ? z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
      : v.type === 'choice' ? z.enum(v.options as [string, ...string[]])
      : v.type === 'text' ? z.string().min(1).max(v.max)
      : z.string().min(1)
    shape[row.key] = row.required || v.type === 'names' || v.type === 'list' || v.type === 'date' ? base : base.optional()
  }
  return z.object(shape).strict()
}

const choiceProblem = (row: FieldRow, written: string, options: readonly string[]) => ({
  field: row.name,
  problem: `${row.name}“${echo(written)}”不认识，可选：${options.join('、')}`,
})

/**
 * A labelled message of a kind (`标题：… 会议：… 形式：口头`). Without a title label the first
 * line is the title and the rest the content; a missing date is the day of the message (and
 * said); a choice not labelled is looked for once: with its cue anywhere (“口头发言”), bare in
 * the member's own sentences (“作口头汇报”), never bare in the title.
 */
export function parseLabelled<T extends FieldTable>(table: T, body: string, clock: ParseClock): ParseOutcome<FieldsOf<T>> {
  const tooLong = bodyTooLong(body, PARSE_CEILING)
  if (tooLong) return { ok: false, errors: [tooLong], partial: {} }
  const split = splitFields(body, labelTableOf(table), { multiline: multilineKeys(table), notLabels: table.notLabels })
  const errors: FieldProblem[] = []
  const warnings: string[] = []
  const values: Record<string, unknown> = { dateDefaulted: false }
  const titleRow = table.rows.find((r) => r.key === 'title')
  const contentRow = table.rows.find((r) => r.value.type === 'longText')
  const fromText = titleRow && !split.fields.get(titleRow.key) ? titleFromText(split.rest) : { content: split.rest || undefined }
  // Where a bare choice not labelled is looked for: the member's own sentences, not the title
  // or another row's value (题目：关于规范书面合同管理的建议 is no 书面 speech).
  const freeText = [fromText.content, ...split.entries.filter((e) => e.key === contentRow?.key).map((e) => e.value), ...unknownLines(split.unknownFields)]
    .filter(Boolean)
    .join('\n')
  for (const row of table.rows) {
    const written = writtenUnder(row, split.entries, warnings, clock)
    const v = row.value
    if (v.type === 'names') values[row.key] = written ? splitNames(written) : []
    else if (v.type === 'list') values[row.key] = written ? splitList(written) : []
    else if (v.type === 'count') {
      const problem = written ? countValueProblem(written) : undefined
      const count = written && !problem ? parseCount(written) : undefined
      if (count) values[row.key] = count.value
      else if (problem) errors.push({ field: row.name, problem: `${row.name}${problem}：“${echo(written!)}”` })
      else if (written) errors.push({ field: row.name, problem: `${row.name}请写成数字（阿拉伯数字或汉字数字都可以），写在“${row.labels[0]}：”后面` })
    }
    else if (v.type === 'date') {
      if (!written) {
        Object.assign(values, { [row.key]: formatYmd(today(clock)), dateDefaulted: true })
        warnings.push(`未写${row.name}，按消息日期 ${formatYmd(today(clock))} 记录`)
      }
      else {
        const found = findDateInText(written, clock)
        if (!found || !found.ok || found.timeOnly) errors.push({ field: row.name, problem: found && !found.ok ? found.problem : badDate(written) })
        else values[row.key] = found.date
      }
    } else if (v.type === 'choice') {
      const chosen = written ? v.read(written) : ((v.cue ? uniqueChoice(body, v, v.cue) : undefined) ?? uniqueChoice(freeText, v))
      if (chosen) values[row.key] = chosen
      else if (written) errors.push(choiceProblem(row, written, v.options))
    } else if (v.type === 'text') {
      const text = written ? unwrapQuotes(trimPunct(written)) : row === titleRow ? fromText.title : undefined
      if (text) values[row.key] = text
    } else {
      const text = [row === contentRow ? contentUnder(row, split, body) : written, row === contentRow ? fromText.content : undefined].filter(Boolean).join('\n')
      if (text) values[row.key] = text
    }
    if (row.required && values[row.key] === undefined && !errors.some((e) => e.field === row.name)) {
      errors.push({ field: row.name, problem: missing(row) })
    }
  }
  if (errors.length > 0) return { ok: false, errors, partial: values as Partial<FieldsOf<T>> }
  const checked = schemaOf(table).safeParse(values)
  const names = Object.fromEntries(table.rows.map((r) => [r.key, r.name]))
  if (!checked.success) return { ok: false, errors: issuesToProblems(checked.error, names), partial: values as Partial<FieldsOf<T>> }
  warnings.push(...unknownWarnings(split.unknownFields, contentRow))
  return { ok: true, value: checked.data as FieldsOf<T>, warnings }
}

/** A table's row by its key. */
export const rowOf = <K extends string>(table: FieldTable<readonly FieldRow<K>[]>, key: K): FieldRow<K> => table.rows.find((row) => row.key === key)!

function missing(row: FieldRow): string {
  const v = row.value
  if (v.type === 'choice') return `请写明${row.name}：${v.options.join(' 或 ')}，例如“${row.labels[0]}：${v.options[0]}”`
  return `没有找到${row.name}，请写“${row.labels[0]}：…”`
}

/** A choice named exactly once in the text (口头 or 书面, not both); with a cue, only where the cue follows it (口头发言). */
function uniqueChoice(text: string, v: Extract<FieldValue, { type: 'choice' }>, cue = ''): string | undefined {
  const named = v.options.filter((o) => text.includes(o + cue))
  return named.length === 1 ? named[0] : undefined
}

/** Stored values written back in the labelled form the parser reads (for #修改). */
export function toLabelledText<T extends FieldTable>(table: T, fields: FieldsOf<T>): string {
  const values = fields as Record<string, unknown>
  return table.rows
    .map((row) => {
      const value = values[row.key]
      // A row without labels is written with another (an activity's time, with its date).
      if (row.labels.length === 0 || value === undefined || (Array.isArray(value) && value.length === 0)) return undefined
      return `${row.labels[0]}：${Array.isArray(value) ? value.join('、') : String(value)}`
    })
    .filter(Boolean)
    .join('\n')
}

export interface FieldEdit {
  label: string
  value: string
}

export type EditResult = { ok: true; text: string } | { ok: false; unknownLabels: string[] }

/** Removes the fields being edited from `body` and appends the new values as `标签：值` lines. */
export function applyEdits<K extends string>(
  body: string,
  table: { labels: LabelTable<K>; notLabels: readonly string[]; multiline: readonly K[] },
  edits: readonly FieldEdit[],
): EditResult {
  const keyed = edits.map((edit) => ({ ...edit, key: matchLabel(edit.label, table.labels, table.notLabels) }))
  const unknownLabels = keyed.filter((e) => e.key === null).map((e) => e.label)
  if (unknownLabels.length > 0) return { ok: false, unknownLabels }
  const editedKeys = new Set(keyed.map((e) => e.key))
  const split = splitFields(body, table.labels, { multiline: table.multiline, notLabels: table.notLabels })
  let text = body
  for (const entry of [...split.entries].reverse()) {
    if (editedKeys.has(entry.key)) text = text.slice(0, entry.labelStart) + text.slice(entry.valueEnd)
  }
  const lines = keyed.map((e) => `${table.labels[e.key!][0]}：${e.value}`)
  return { ok: true, text: [text.trim(), ...lines].filter(Boolean).join('\n') }
}

/** `#修改` of a record of a table-driven kind. */
export function editLabelled(table: FieldTable, body: string, edits: readonly FieldEdit[]): EditResult {
  return applyEdits(body, { labels: labelTableOf(table), notLabels: table.notLabels, multiline: multilineKeys(table) }, edits)
}

/** The row a word names exactly, by the row's name (采纳 → the adoption's row); labels are too loose (活动, 其他). */
export function rowNamed(table: FieldTable, word: string): FieldRow | undefined {
  return table.rows.find((row) => row.name === word)
}

/** The fields members may change, for "可改的字段：…". */
export const editableNames = (table: FieldTable): string => table.rows.map((r) => r.name).join('、')
