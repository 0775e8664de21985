import { KINDS } from '../../records/kinds.js'
import { rowNamed } from '../../parsing/field-table.js'
import { mayBeEmptied } from '../../parsing/written.js'
import type { FoundRecord } from './lookup.js'

/**
 * A record whose kind keeps `word` (采纳, 批示 of a 调研报告) as one of its fields, not as a
 * step registered on it: the reply that says how to change that field instead.
 */
export function fieldNotStep(found: FoundRecord, word: string): string | undefined {
  if (found.kind === 'draft' || found.kind === 'plan') return undefined
  const kind = KINDS[found.kind]
  const row = rowNamed(kind.fields, word.trim())
  if (!row) return undefined
  const edit = `#修改 ${found.code} ${row.labels[0]}=`
  // Names written as 无 fall back to the sender, so they are changed, never emptied.
  const how = row.required || !mayBeEmptied(row) || row.value.type === 'names' ? `要改，发送 ${edit}…` : `要填上或改掉，发送 ${edit}…；要清空，发送 ${edit}无`
  return `${found.code} 是${kind.label}，「${row.name}」是它的一项内容，不是另外登记的进展。${how}`
}
