// Splitting a message body into labelled fields: "字段：值" per line, several per line,
// "【字段】值", with stray spaces and typos in labels. Values run to the next label.
import { compact, exactLabel, matchLabel } from './labels.js'
import type { LabelTable } from './labels.js'
import { toHalfWidth, trimPunct } from './normalize.js'

export type { LabelTable } from './labels.js'

export interface FieldEntry<K extends string> {
  key: K
  label: string // as written, whitespace removed
  value: string
  labelStart: number // offsets into the body, for callers that re-read the original text
  valueStart: number
  valueEnd: number
}

export interface FieldSplit<K extends string> {
  fields: Map<K, string> // first non-empty value per key
  entries: Array<FieldEntry<K>> // every recognised field in order (duplicates kept)
  unknownLabels: string[]
  unknownFields: Array<{ label: string; value: string; labelStart: number; valueStart: number; valueEnd: number }>
  rest: string // text that belongs to no field
}

export interface SplitOptions<K extends string> {
  /** Keys whose value may continue over several lines; others end at the line end. */
  multiline?: ReadonlyArray<NoInfer<K>>
  /** Labels that are known not to be any of ours (主持人, 联系电话 …). */
  notLabels?: readonly string[]
}

interface Occurrence<K extends string> {
  key: K | null // null = unknown label
  label: string
  start: number // where the label starts
  valueStart: number
}

const LINE_BOUNDARY = /[\n\r,;。!?、【】]/
const VALUE_BOUNDARY = /[:=]/
const CJK = /[\u4e00-\u9fff]/

/** Where the label text before a separator at `sep` may start, and what precedes it. */
function labelRun(norm: string, sep: number): { start: number; afterValue: boolean; lineStart: boolean } {
  let i = sep - 1
  while (i >= 0 && !LINE_BOUNDARY.test(norm[i] ?? '') && !VALUE_BOUNDARY.test(norm[i] ?? '')) i--
  const before = norm[i] ?? ''
  return { start: i + 1, afterValue: VALUE_BOUNDARY.test(before), lineStart: i < 0 || /[\n\r;]/.test(before) }
}

/** Start offsets (relative to run) of the parts after each whitespace gap, longest first. */
function whitespaceSuffixes(run: string): number[] {
  const out: number[] = []
  const re = /\s+/g
  for (let m = re.exec(run); m; m = re.exec(run)) {
    const at = m.index + m[0].length
    if (at < run.length && m.index > 0) out.push(at)
  }
  return out
}

function findLabel<K extends string>(
  norm: string,
  sep: number,
  table: LabelTable<K>,
  notLabels: readonly string[],
  allowUnknown: boolean,
): Occurrence<K> | null {
  const { start: runStart, afterValue, lineStart } = labelRun(norm, sep)
  const raw = norm.slice(runStart, sep)
  const lead = raw.length - raw.trimStart().length
  const run = raw.trim()
  const at = (offset: number, key: K | null): Occurrence<K> => ({
    key,
    label: compact(run.slice(offset)),
    start: runStart + lead + offset,
    valueStart: sep + 1,
  })
  if (!run) return null
  const suffixes = whitespaceSuffixes(run)
  // Inside a previous value ("时间：9月19日 地点：…") only the part after a space may be a
  // label; at a line start the whole run may be one ("时 间：", "本次活动地点：").
  if (!afterValue) {
    const exact = notLabels.includes(compact(run)) ? null : exactLabel(run, table)
    if (exact) return at(0, exact)
  }
  for (const s of suffixes) {
    const key = exactLabel(run.slice(s), table)
    if (key) return at(s, key)
  }
  for (const s of suffixes) {
    const key = matchLabel(run.slice(s), table, notLabels)
    if (key) return at(s, key)
  }
  if (!afterValue) {
    const key = matchLabel(run, table, notLabels)
    if (key) return at(0, key)
  }
  // A label glued to a number: "时间：9.19主题：…"
  const tail = /[\u4e00-\u9fff]+$/.exec(run)
  if (tail && tail.index > 0 && !CJK.test(run[tail.index - 1] ?? '')) {
    const key = exactLabel(tail[0], table)
    if (key) return at(tail.index, key)
  }
  // Unknown labels: at a line start, or a known foreign label (负责人) anywhere after a comma;
  // elsewhere "注意事项：" is just part of the value.
  const c = compact(run)
  const plausible = CJK.test(c) && !/\d/.test(c) && [...c].length <= 6
  if (allowUnknown && !afterValue && plausible && (lineStart || notLabels.includes(c))) return at(0, null)
  return null
}

function bracketLabels<K extends string>(norm: string, table: LabelTable<K>, notLabels: readonly string[]) {
  const out: Array<Occurrence<K>> = []
  const re = /【([^】\n]{1,10})】/g
  for (let m = re.exec(norm); m; m = re.exec(norm)) {
    const key = matchLabel(m[1] ?? '', table, notLabels)
    if (key) out.push({ key, label: compact(m[1] ?? ''), start: m.index, valueStart: m.index + m[0].length })
  }
  return out
}

function scan<K extends string>(norm: string, table: LabelTable<K>, notLabels: readonly string[], allowUnknown: boolean) {
  const found: Array<Occurrence<K>> = bracketLabels(norm, table, notLabels)
  for (let i = 0; i < norm.length; i++) {
    const ch = norm[i]
    if (ch !== ':' && ch !== '=') continue
    if (found.some((o) => i >= o.start && i < o.valueStart)) continue
    const occ = findLabel(norm, i, table, notLabels, allowUnknown)
    if (occ) found.push(occ)
  }
  return found.sort((a, b) => a.start - b.start)
}

/** Split a body into fields by the given label table. Pure; keeps the member's own punctuation. */
export function splitFields<K extends string>(
  body: string,
  table: LabelTable<K>,
  options: SplitOptions<K> = {},
): FieldSplit<K> {
  const norm = toHalfWidth(body)
  const notLabels = options.notLabels ?? []
  const multiline = new Set<K>(options.multiline ?? [])
  // Unknown "xx：" labels only count once the body is clearly in field form,
  // so a narrative like "好消息：9月19日…" is not mistaken for a field.
  let occs = scan(norm, table, notLabels, false)
  if (occs.length > 0) occs = scan(norm, table, notLabels, true)

  const result: FieldSplit<K> = { fields: new Map(), entries: [], unknownLabels: [], unknownFields: [], rest: '' }
  const restParts: string[] = [body.slice(0, occs[0]?.start ?? body.length)]
  occs.forEach((occ, n) => {
    const end = occs[n + 1]?.start ?? body.length
    let raw = body.slice(occ.valueStart, end)
    let valueEnd = end
    const isMulti = occ.key !== null && multiline.has(occ.key)
    if (occ.key !== null && !isMulti) {
      // Single-line field: later lines are free text, unless the value itself starts on the next line.
      const lines = raw.split('\n')
      const firstUsed = lines.findIndex((l) => trimPunct(l) !== '')
      const cut = Math.max(firstUsed, 0)
      raw = lines[cut] ?? ''
      valueEnd = occ.valueStart + lines.slice(0, cut + 1).join('\n').length
      restParts.push(lines.slice(cut + 1).join('\n'))
    }
    const value = trimPunct(raw, isMulti)
    if (occ.key === null) {
      result.unknownLabels.push(occ.label)
      result.unknownFields.push({ label: occ.label, value, labelStart: occ.start, valueStart: occ.valueStart, valueEnd })
      return
    }
    if (!value) return
    result.entries.push({ key: occ.key, label: occ.label, value, labelStart: occ.start, valueStart: occ.valueStart, valueEnd })
    if (!result.fields.has(occ.key)) result.fields.set(occ.key, value)
  })
  result.rest = restParts
    .map((p) => trimPunct(p, true))
    .filter((p) => p !== '')
    .join('\n')
  return result
}
