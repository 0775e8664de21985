// What each kind of record is called and coded: the one list every layer names kinds from.
// The wiring of a kind to its parser, storage, texts, ledger sheet and score is src/records/.
import { ACTIVITY_TABLE } from './activity.js'
import { OPINION_TABLE } from './opinion.js'
import { PROPOSAL_TABLE } from './proposal.js'
import { RESEARCH_FIGURES, RESEARCH_TABLE } from './research.js'
import { SPEECH_FIGURES, SPEECH_TABLE } from './speech.js'
import type { FigureTable } from './figures.js'
import type { FieldTable } from '../parsing/field-table.js'

export interface KindIdentity {
  /** Its key in KIND_IDENTITIES and the registry (drafts are filed under it). */
  kind: string
  /** The code's letter: A12, M7 … */
  letter: string
  /** How replies name it (已记录调研报告 R3). */
  label: string
  /** Short tag in lists (#最近). */
  tag: string
  /** What it is counted in (3 篇). */
  unit: string
  fields: FieldTable
  /**
   * What digests, `stats` and the ledger's 汇总 sheet count of it, as a table; activities,
   * reports and proposals are counted by hand (monthly rows, steps by their own date).
   */
  figures?: FigureTable
}

export const KIND_IDENTITIES = {
  activity: { kind: 'activity', letter: 'A', label: '活动', tag: '活动', unit: '场', fields: ACTIVITY_TABLE },
  opinion: { kind: 'opinion', letter: 'M', label: '社情民意', tag: '民意', unit: '篇', fields: OPINION_TABLE },
  proposal: { kind: 'proposal', letter: 'T', label: '提案', tag: '提案', unit: '件', fields: PROPOSAL_TABLE },
  research: { kind: 'research', letter: 'R', label: '调研报告', tag: '调研', unit: '篇', fields: RESEARCH_TABLE, figures: RESEARCH_FIGURES },
  speech: { kind: 'speech', letter: 'S', label: '大会发言', tag: '发言', unit: '次', fields: SPEECH_TABLE, figures: SPEECH_FIGURES },
} as const satisfies Record<string, KindIdentity>

export type RecordKind = keyof typeof KIND_IDENTITIES
export const RECORD_KINDS = Object.keys(KIND_IDENTITIES) as RecordKind[]

type Identity = (typeof KIND_IDENTITIES)[RecordKind]
/** The kinds counted by their figure table, in registry order, each with its unit. */
export const TABLE_FIGURES: readonly (FigureTable & { unit: string })[] = Object.values(KIND_IDENTITIES).flatMap((k: KindIdentity) =>
  k.figures ? [{ ...k.figures, unit: k.unit }] : [],
)
/** The key of every figure a kind's table counts (research, oralSpeeches …). */
export type TableFigureKey = Extract<Identity, { figures: FigureTable }>['figures']['rows'][number]['key']

/** Drafts (D5) keep what could not be read. */
export const DRAFT_LETTER = 'D'

/**
 * Plans (P3) are announced activities: coded, looked up, listed, withdrawn (cancelled) and
 * restored like records, but not counted, scored or filed in the ledger; the activity they
 * become is.
 */
export const PLAN_IDENTITY = { kind: 'plan', letter: 'P', label: '活动预告', tag: '预告' } as const
export const PLAN_LETTER = PLAN_IDENTITY.letter

/** Everything with a code that #查, #最近, #撤销 and #恢复 take: the record kinds and plans. */
export type CodedKind = RecordKind | typeof PLAN_IDENTITY.kind

/** The coded kind of a code (P3 → plan, A12 → activity); undefined for drafts and unknown letters. */
export function codedKindOfCode(code: string): CodedKind | undefined {
  return code.startsWith(PLAN_LETTER) ? PLAN_IDENTITY.kind : kindOfCode(code)
}

/** The kind a code belongs to (R3 → research); undefined for drafts, plans and unknown letters. */
export function kindOfCode(code: string): RecordKind | undefined {
  return RECORD_KINDS.find((k) => code.startsWith(KIND_IDENTITIES[k].letter))
}

/** A field's name in replies and revisions, by the kind's table (memberNames → 参与委员). */
export function fieldName(kind: RecordKind, key: string): string | undefined {
  return KIND_IDENTITIES[kind].fields.rows.find((r) => r.key === key)?.name
}
