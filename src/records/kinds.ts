// The record-kind registry: #查, #最近, #修改, #撤销, #恢复, the record commands, the ledger
// and the score loop over it; plans join the kinds where only a code is needed (CODED). A new
// kind: a schema model, a service, its field and figure tables in src/domain (and a line in
// KIND_IDENTITIES), an entry file here and one line below.
import type { CodedKind, RecordKind } from '../domain/kinds.js'
import { activityKind } from './activity.js'
import type { AnyCoded, AnyKind, StoredKind } from './kind.js'
import { opinionKind } from './opinion.js'
import { planKind } from './plan.js'
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

const { activity: _activity, ...storedKinds } = KINDS
/** The kinds created through storeRecord: an activity's commit is its own (createActivity). */
export const STORED_KINDS = storedKinds satisfies Record<Exclude<RecordKind, 'activity'>, StoredKind>

/** Everything with a code: the record kinds, then plans. */
export const CODED = { ...KINDS, plan: planKind } satisfies Record<CodedKind, AnyCoded>

/** What #最近 lists and #查 explains, in that order. */
export const ALL_CODED: readonly AnyCoded[] = Object.values(CODED)

export type CodedRecordOf<K extends CodedKind> = NonNullable<Awaited<ReturnType<(typeof CODED)[K]['find']>>>

/** Every record kind, in the order #帮助, #最近 and the ledger list them. */
export const ALL_KINDS: readonly AnyKind[] = Object.values(KINDS)

/** The kind's entry as loops see it. */
export const kindSpec = (kind: RecordKind): AnyKind => KINDS[kind]
