import type { Db } from '../db/client.js'
import type { Proposal, ProposalAuthor, ProposalEvent } from '../generated/prisma/client.js'
import type { ProposalFields } from '../parsing/mod.js'
import { liveInRange, sourceColumns, type RecordSource } from './activities.js'
import { KIND_IDENTITIES } from '../domain/kinds.js'
import { nextCode } from './codes.js'
import { changeWith, storeOnce, type AfterChange, type WithinCommit } from './store-once.js'
import { authorsOf, onePerRecord } from './members.js'
import { PROPOSAL_TABLE } from '../domain/proposal.js'
import { columnsOf, fieldsOf, type StoredIn } from './table-columns.js'

export const PROPOSAL_LETTER = KIND_IDENTITIES.proposal.letter

export const PROPOSAL_STEPS = {
  registered: '立案',
  merged: '并案',
  answered: '办复',
  key: '重点提案',
  important: '重要提案',
} as const
export type ProposalStep = keyof typeof PROPOSAL_STEPS

/** The word a step is taken back by (#撤销 T5 重点): its name without 提案. */
export const proposalStepWord = (kind: ProposalStep): string => PROPOSAL_STEPS[kind].replace(/提案$/, '')

export const SATISFACTION = ['满意', '基本满意', '不满意'] as const
export type Satisfaction = (typeof SATISFACTION)[number]

/**
 * A 办复 keeps its 满意度 and the reply's text in the answered step's one `detail`, readable as
 * it stands: `满意`, `满意；答复：已列入年度计划` or `答复：已列入年度计划` (no 满意度 given).
 * Steps stored before replies were kept hold the 满意度 alone, and read the same.
 */
const REPLY_MARK = '答复：'
const SATISFACTION_FIRST = /^(满意|基本满意|不满意)(?:；答复：([\s\S]*))?$/

export function answerDetail(answer: { satisfaction?: Satisfaction; reply?: string }): string | undefined {
  const reply = answer.reply ? `${REPLY_MARK}${answer.reply}` : undefined
  if (answer.satisfaction) return reply ? `${answer.satisfaction}；${reply}` : answer.satisfaction
  return reply
}

export function readAnswer(detail: string | null | undefined): { satisfaction?: Satisfaction; reply?: string } {
  if (!detail) return {}
  const both = SATISFACTION_FIRST.exec(detail)
  if (both) return { satisfaction: both[1] as Satisfaction, ...(both[2] ? { reply: both[2] } : {}) }
  const reply = detail.startsWith(REPLY_MARK) ? detail.slice(REPLY_MARK.length) : detail
  return reply ? { reply } : {}
}

export type ProposalWithHistory = Proposal & { authors: ProposalAuthor[]; events: ProposalEvent[] }
const withHistory = { authors: { orderBy: { id: 'asc' } }, events: { orderBy: { id: 'asc' } } } as const
/** Each field of the table but the names is a column of Proposal. */
const TABLE: StoredIn<typeof PROPOSAL_TABLE, Proposal> = PROPOSAL_TABLE

export async function createProposal(db: Db, source: RecordSource, fields: ProposalFields, within?: WithinCommit<ProposalWithHistory>): Promise<ProposalWithHistory> {
  const authors = await authorsOf(db, source, fields.authorNames)
  return storeOnce(db, {
    async insert(tx) {
      const proposal = await tx.proposal.create({
        data: {
          code: await nextCode(tx, PROPOSAL_LETTER),
          ...sourceColumns(source),
          ...columnsOf(TABLE, fields),
        },
      })
      await tx.proposalAuthor.createMany({ data: authors.map((a) => ({ ...a, proposalId: proposal.id })) })
      return tx.proposal.findUniqueOrThrow({ where: { id: proposal.id }, include: withHistory })
    },
    storedBefore: (on) => on.proposal.findUnique({ where: { sourceMessageId: source.messageId }, include: withHistory }),
  }, within)
}

export async function updateProposal(db: Db, proposal: Proposal, fields: ProposalFields, after?: AfterChange<ProposalWithHistory>): Promise<ProposalWithHistory> {
  const authors = await authorsOf(db, proposal, fields.authorNames, await db.proposalAuthor.findMany({ where: { proposalId: proposal.id } }))
  return db.$transaction(async (tx) => {
    await tx.proposalAuthor.deleteMany({ where: { proposalId: proposal.id } })
    await tx.proposalAuthor.createMany({ data: authors.map((a) => ({ ...a, proposalId: proposal.id })) })
    const updated = await tx.proposal.update({ where: { id: proposal.id }, data: columnsOf(TABLE, fields), include: withHistory })
    await after?.(tx, updated)
    return updated
  })
}

export function proposalAsFields(p: ProposalWithHistory): ProposalFields {
  return { ...fieldsOf(TABLE, p, p.authors.map((a) => a.name)), typeInferred: false }
}

export function findProposal(db: Db, code: string): Promise<ProposalWithHistory | null> {
  return db.proposal.findUnique({ where: { code }, include: withHistory })
}

/** Adds a step once: a second 立案 or 办复 of the same proposal is refused, so nothing counts twice. */
export async function addProposalStep(
  db: Db,
  proposal: Proposal,
  step: { kind: ProposalStep; detail?: string; date: string; actorName: string; actorKey: string; messageId: string },
): Promise<{ ok: true } | { ok: false; repeatOf: ProposalEvent }> {
  const repeat = await db.proposalEvent.findUnique({ where: { proposalId_kind: { proposalId: proposal.id, kind: step.kind } } })
  if (repeat) return { ok: false, repeatOf: repeat }
  await db.proposalEvent.create({
    data: {
      proposalId: proposal.id,
      kind: step.kind,
      detail: step.detail ?? null,
      date: step.date,
      actorName: step.actorName,
      actorKey: step.actorKey,
      sourceMessageId: step.messageId,
    },
  })
  return { ok: true }
}

/** Takes back one mistaken step (#撤销): the proposal stays, the step leaves every figure. */
export async function removeProposalStep(db: Db, event: ProposalEvent, after?: AfterChange): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.proposalEvent.delete({ where: { id: event.id } })
    await after?.(tx)
  })
}

/** A room's `n` newest proposals with their steps, newest first (#最近). */
export function latestProposals(db: Db, roomId: number, n: number): Promise<(Proposal & { events: ProposalEvent[] })[]> {
  return db.proposal.findMany({ where: { roomId }, orderBy: { id: 'desc' }, take: n, include: { events: { orderBy: { id: 'asc' } } } })
}

/** Withdraws or restores a proposal; false when it already was so. */
export async function setProposalWithdrawn(db: Db, proposal: Proposal, withdrawn: boolean, after?: AfterChange): Promise<boolean> {
  return changeWith(db, (tx) => tx.proposal.updateMany({ where: { id: proposal.id, withdrawn: !withdrawn }, data: { withdrawn } }), after)
}

/** The live proposals of some rooms dated in a range, oldest first (the ledger). */
export function proposalsInRange(db: Db, roomIds: number[], from: string, to: string): Promise<ProposalWithHistory[]> {
  return db.proposal.findMany({ ...liveInRange(roomIds, from, to), include: withHistory })
}

/** Every live proposal a member signed, with its steps (scoring: steps count in the year they happen). */
export async function proposalsOfMember(db: Db, memberId: number) {
  const rows = await db.proposalAuthor.findMany({ where: { memberId, proposal: { withdrawn: false } }, include: { proposal: { include: { events: true } } } })
  return onePerRecord(rows.map((x) => ({ record: x.proposal, isLead: x.isLead })))
}

/** Members named in the live proposals of these rooms (the roll of 委员). */
export async function membersInProposals(db: Db, roomIds: number[]): Promise<number[]> {
  const rows = await db.proposalAuthor.findMany({ where: { memberId: { not: null }, proposal: { roomId: { in: roomIds }, withdrawn: false } }, select: { memberId: true }, distinct: ['memberId'] })
  return rows.map((r) => r.memberId!)
}

/** The codes of the room's proposals merged into this one (#并案 T1 T2 makes T2 one of T1's). */
export async function mergedIntoCodes(db: Db, roomId: number, code: string): Promise<string[]> {
  const events = await db.proposalEvent.findMany({ where: { kind: 'merged', detail: code, proposal: { roomId, withdrawn: false } }, select: { proposal: { select: { code: true } } }, orderBy: { id: 'asc' } })
  return events.map((e) => e.proposal.code)
}
