import { describe, expect, it } from 'vitest'
import { KIND_IDENTITIES, RECORD_KINDS, kindOfCode } from '../../src/domain/kinds.js'
import { ALL_KINDS, KINDS } from '../../src/records/kinds.js'
import type { AnyKind } from '../../src/records/kind.js'
import type { FieldRow } from '../../src/parsing/field-table.js'
import { allCommands } from '../../src/commands/index.js'

describe('the record-kind registry', () => {
  it('has one entry per kind, each with its own letter, command and sheet', () => {
    expect(Object.keys(KINDS)).toEqual(RECORD_KINDS)
    for (const kind of RECORD_KINDS) expect(KINDS[kind].kind).toBe(kind)
    const letters = ALL_KINDS.map((k) => k.letter)
    expect(new Set(letters).size).toBe(letters.length)
    expect(letters).not.toContain('D') // drafts
    expect(letters).not.toContain('P') // plans
    const sheets = ALL_KINDS.map((k) => k.sheet.name)
    expect(new Set(sheets).size).toBe(sheets.length)
  })

  it('finds a kind by its code', () => {
    expect(kindOfCode('R3')).toBe('research')
    expect(kindOfCode('S12')).toBe('speech')
    expect(kindOfCode('D1')).toBeUndefined()
  })

  it('gives every kind a chat command, found by the router under its name and aliases', () => {
    const names = allCommands().flatMap((c) => [c.name, ...(c.aliases ?? [])])
    for (const kind of ALL_KINDS) for (const name of [kind.command.name, ...kind.command.aliases]) expect(names).toContain(name)
    expect(new Set(names).size).toBe(names.length)
  })

  it('writes every template from its field table: #命令, then each row with an example under the label the parser reads first', () => {
    for (const kind of ALL_KINDS) {
      const [head, ...lines] = kind.command.template.split('\n')
      expect(head).toBe(`#${kind.command.name}`)
      const rows = (KIND_IDENTITIES[kind.kind].fields.rows as readonly FieldRow[]).filter((r) => r.example)
      expect(lines).toEqual(rows.map((r) => `${r.labels[0]}：${r.example}`))
      expect(rows.filter((r) => r.required).length).toBe((KIND_IDENTITIES[kind.kind].fields.rows as readonly FieldRow[]).filter((r) => r.required).length)
    }
    // The activity's template as members know it (#帮助): one line a field, 品牌 last.
    expect(KINDS.activity.command.template.split('\n').at(-1)).toBe('品牌：春天里·温暖你')
  })

  it('names a column of every sheet after a field row where the field has one', () => {
    for (const kind of ALL_KINDS) {
      const headers = kind.sheet.columns.map((c) => c.header)
      for (const row of KIND_IDENTITIES[kind.kind].fields.rows as readonly FieldRow[]) {
        if (row.sheet && kind.kind !== 'activity' && kind.kind !== 'proposal') expect(headers).toContain(row.sheet.header ?? row.name)
      }
    }
  })

  it('does not compile a kind that lacks a piece', () => {
    const { sheet: _sheet, ...withoutSheet } = KINDS.speech
    // @ts-expect-error: a kind without its ledger sheet is no kind
    const broken: AnyKind = withoutSheet
    expect(broken.kind).toBe('speech')
    // @ts-expect-error: every kind of KIND_IDENTITIES needs its entry
    const missing: Record<keyof typeof KIND_IDENTITIES, AnyKind> = { activity: KINDS.activity, opinion: KINDS.opinion, proposal: KINDS.proposal, research: KINDS.research }
    expect(Object.keys(missing)).toHaveLength(4)
  })
})
