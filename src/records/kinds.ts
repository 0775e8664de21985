// The record-kind registry: #查, #最近, #修改, #撤销, #恢复, the record commands, the ledger
// and the score loop over it. A new kind: a schema model, a service, its field table in
// src/domain (and a line in KIND_IDENTITIES), an entry file here and one line below.
import { kindOfCode, type RecordKind } from '../domain/kinds.js'
import { activityKind } from './activity.js'
import type { AnyKind } from './kind.js'
import { opinionKind } from './opinion.js'
import { proposalKind } from './proposal.js'
import { researchKind } from './research.js'
import { speechKind } from './speech.js'

export const KINDS = {
  activity: activityKind,
  opinion: opinionKind,
  proposal: proposalKind,
  research: researchKind,
  speech: speechKind,
} satisfies Record<RecordKind, AnyKind>

export type RecordOf<K extends RecordKind> = NonNullable<Awaited<ReturnType<(typeof KINDS)[K]['find']>>>

/** Every kind, in the order #帮助, #最近 and the ledger list them. */
export const ALL_KINDS: readonly AnyKind[] = Object.values(KINDS)

/** The kind's entry as loops see it. */
export const kindSpec = (kind: RecordKind): AnyKind => KINDS[kind]

/** The kind of a record code (R3 → 调研报告), or undefined for drafts, plans and unknown letters. */
export function kindSpecOfCode(code: string): AnyKind | undefined {
  const kind = kindOfCode(code)
  return kind ? KINDS[kind] : undefined
}
