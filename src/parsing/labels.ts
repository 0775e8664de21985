// Matching a written field label against a table of synonyms, tolerating typos.

/** Labels members write that are contact details, never a field of ours nor part of a record's text. */
export const CONTACT_LABELS = ['联系电话', '电话', '手机', '单位', '工作单位', '联系人', '地址'] as const

export type LabelTable<K extends string> = Readonly<Record<K, readonly string[]>>

/** Levenshtein distance, capped: returns max+1 as soon as it is exceeded. */
export function editDistance(a: string, b: string, max = 1): number {
  const x = [...a]
  const y = [...b]
  if (Math.abs(x.length - y.length) > max) return max + 1
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j)
  for (let i = 1; i <= x.length; i++) {
    const cur = [i]
    let rowMin = i
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1
      const v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost)
      cur.push(v)
      rowMin = Math.min(rowMin, v)
    }
    if (rowMin > max) return max + 1
    prev = cur
  }
  return prev[y.length] ?? max + 1
}

export const compact = (s: string): string => s.replace(/\s+/g, '')

function entries<K extends string>(table: LabelTable<K>): Array<[K, readonly string[]]> {
  return Object.entries(table) as Array<[K, readonly string[]]>
}

export function exactLabel<K extends string>(label: string, table: LabelTable<K>): K | null {
  const c = compact(label)
  for (const [key, synonyms] of entries(table)) if (synonyms.includes(c)) return key
  return null
}

/** Synonym contained in the label ("本次活动地点"); longest wins, suffixes preferred. */
function containedLabel<K extends string>(c: string, table: LabelTable<K>): K | null {
  let best: { key: K; len: number; suffix: boolean } | null = null
  let tie = false
  for (const [key, synonyms] of entries(table)) {
    for (const s of synonyms) {
      if (s.length < 2 || !c.includes(s)) continue
      const cand = { key, len: s.length, suffix: c.endsWith(s) }
      const better = !best || cand.len > best.len || (cand.len === best.len && cand.suffix && !best.suffix)
      if (better) {
        best = cand
        tie = false
      } else if (best && cand.len === best.len && cand.suffix === best.suffix && cand.key !== best.key) {
        tie = true
      }
    }
  }
  return best && !tie ? best.key : null
}

/** One typo away from exactly one key's synonym (主提 → 主题, 地典 → 地点). */
function nearLabel<K extends string>(c: string, table: LabelTable<K>): K | null {
  if ([...c].length < 2) return null
  const hits = new Set<K>()
  for (const [key, synonyms] of entries(table)) {
    for (const s of synonyms) {
      if (s.length >= 2 && editDistance(c, s) === 1) hits.add(key)
    }
  }
  return hits.size === 1 ? ([...hits][0] ?? null) : null
}

/** Exact, then contained synonym, then one edit away. Labels in `notLabels` never match. */
export function matchLabel<K extends string>(
  label: string,
  table: LabelTable<K>,
  notLabels: readonly string[] = [],
): K | null {
  const c = compact(label)
  if (!c || /\d/.test(c) || [...c].length > 10 || notLabels.includes(c)) return null
  return exactLabel(c, table) ?? containedLabel(c, table) ?? nearLabel(c, table)
}
