import type { Db, Tx } from '../db/client.js'
import type { OpinionAuthor, OpinionEvent, OpinionReport } from '../generated/prisma/client.js'
import type { OpinionFields } from '../parsing/mod.js'
import { liveInRange, sourceColumns, type RecordSource } from './activities.js'
import { KIND_IDENTITIES } from '../domain/kinds.js'
import { nextCode } from './codes.js'
import { changeWith, storeOnce, type AfterChange, type WithinCommit } from './store-once.js'
import { authorsOf, onePerRecord } from './members.js'
import { OPINION_TABLE } from '../domain/opinion.js'
import { columnsOf, fieldsOf, type StoredIn } from './table-columns.js'
import { monthKeys, refreshOpinionMonths } from './monthly-rows.js'

export const ADOPTION_LEVELS = {
  county: '县级',
  city: '市级',
  province: '省级',
  national: '全国',
} as const
export type AdoptionLevel = keyof typeof ADOPTION_LEVELS

/** How members write adoption levels (#采纳 M7 市, #撤销 M7 市采纳), longest first. */
const LEVEL_WORDS = Object.entries({
  县级: 'county', 区级: 'county', 县: 'county', 区: 'county', 县区: 'county', 县市区: 'county',
  市级: 'city', 地市: 'city', 地市级: 'city', 市: 'city',
  省级: 'province', 省: 'province',
  全国: 'national', 全国级: 'national', 国家级: 'national', 全国政协: 'national',
} satisfies Record<string, AdoptionLevel>).sort(([a], [b]) => b.length - a.length)

/** Every way of writing a level, longest first. */
export const ADOPTION_LEVEL_WORDS: readonly string[] = LEVEL_WORDS.map(([word]) => word)

/** Whether a text (a 批示's) names a level in any of its spellings: 嘉兴市委 names 市级. */
export function mentionsLevel(text: string, level: AdoptionLevel): boolean {
  return LEVEL_WORDS.some(([word, of]) => of === level && text.includes(word))
}

/** The level a text starts with, and the words it was written in. */
export function levelAtStart(text: string): { level: AdoptionLevel; word: string } | undefined {
  const hit = LEVEL_WORDS.find(([word]) => text.startsWith(word))
  return hit && { level: hit[1], word: hit[0] }
}

export type OpinionWithHistory = OpinionReport & { authors: OpinionAuthor[]; events: OpinionEvent[] }

const withHistory = { authors: { orderBy: { id: 'asc' } }, events: { orderBy: { id: 'asc' } } } as const
/** Each field of the table but the names is a column of OpinionReport. */
const TABLE: StoredIn<typeof OPINION_TABLE, OpinionReport> = OPINION_TABLE

export async function createOpinion(db: Db, source: RecordSource, fields: OpinionFields, within?: WithinCommit<OpinionWithHistory>): Promise<OpinionWithHistory> {
  const authors = await authorsOf(db, source, fields.authorNames)
  return storeOnce(db, {
    async insert(tx) {
      const code = await nextCode(tx, KIND_IDENTITIES.opinion.letter)
      const report = await tx.opinionReport.create({
        data: {
          code,
          ...sourceColumns(source),
          ...columnsOf(TABLE, fields),
          lastChangeAt: source.sentAt,
        },
      })
      // createMany keeps the order the authors were named in; the first is the lead.
      await tx.opinionAuthor.createMany({ data: authors.map((a) => ({ ...a, reportId: report.id })) })
      await refreshOpinionMonths(tx, report.roomId, monthKeys(report.date))
      return tx.opinionReport.findUniqueOrThrow({ where: { id: report.id }, include: withHistory })
    },
    storedBefore: (on) => on.opinionReport.findUnique({ where: { sourceMessageId: source.messageId }, include: withHistory }),
  }, within)
}

export async function updateOpinion(db: Db, report: OpinionReport, fields: OpinionFields, after?: AfterChange<OpinionWithHistory>): Promise<OpinionWithHistory> {
  const authors = await authorsOf(db, report, fields.authorNames, await db.opinionAuthor.findMany({ where: { reportId: report.id } }))
  return db.$transaction(async (tx) => {
    await tx.opinionAuthor.deleteMany({ where: { reportId: report.id } })
    await tx.opinionAuthor.createMany({ data: authors.map((a) => ({ ...a, reportId: report.id })) })
    const updated = await tx.opinionReport.update({ where: { id: report.id }, data: columnsOf(TABLE, fields), include: withHistory })
    await refreshOpinionMonths(tx, report.roomId, monthKeys(report.date, updated.date))
    await after?.(tx, updated)
    return updated
  })
}

export function opinionAsFields(report: OpinionWithHistory): OpinionFields {
  return fieldsOf(TABLE, report, report.authors.map((a) => a.name))
}

export interface StatusChange {
  kind: 'adopted' | 'instructed' | 'resolved'
  level?: AdoptionLevel
  detail?: string
  date: string
  actorName: string
  /** The key the step was authorised by (see identity/keys.ts). */
  actorKey: string
  messageId: string
  at: Date
}

/**
 * Adds a dated step to a report's history. Adoption at a level it already has, or a second
 * 办结, is refused as a repeat: figures must count each once.
 */
export async function addStatus(
  db: Db,
  report: OpinionReport,
  change: StatusChange,
): Promise<{ ok: true; report: OpinionWithHistory } | { ok: false; repeatOf: OpinionEvent }> {
  if (change.kind !== 'instructed') {
    const repeat = await db.opinionEvent.findFirst({
      where: { reportId: report.id, kind: change.kind, level: change.level ?? null },
    })
    if (repeat) return { ok: false, repeatOf: repeat }
  }
  // The report's row is updated first: that locks it, so the step copies a room and withdrawn
  // flag no concurrent #撤销 can change before the step is stored (see setOpinionWithdrawn).
  const updated = await db.$transaction(async (tx) => {
    const locked = await tx.opinionReport.update({ where: { id: report.id }, data: { lastChangeAt: change.at } })
    await tx.opinionEvent.create({
      data: {
        reportId: report.id,
        roomId: locked.roomId,
        reportWithdrawn: locked.withdrawn,
        kind: change.kind,
        level: change.level ?? null,
        detail: change.detail ?? null,
        date: change.date,
        actorName: change.actorName,
        actorKey: change.actorKey,
        sourceMessageId: change.messageId,
      },
    })
    if (change.kind === 'resolved') await refreshOpinionMonths(tx, locked.roomId, monthKeys(locked.date))
    return tx.opinionReport.findUniqueOrThrow({ where: { id: report.id }, include: withHistory })
  })
  return { ok: true, report: updated }
}

export function findOpinion(db: Db, code: string): Promise<OpinionWithHistory | null> {
  return db.opinionReport.findUnique({ where: { code }, include: withHistory })
}

/** Takes back one mistaken step (#撤销): the report stays, the step leaves every figure. */
export async function removeStatus(db: Db, report: OpinionReport, event: OpinionEvent, at: Date, after?: AfterChange): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.opinionEvent.delete({ where: { id: event.id } })
    const updated = await tx.opinionReport.update({ where: { id: report.id }, data: { lastChangeAt: at } })
    if (event.kind === 'resolved') await refreshOpinionMonths(tx, updated.roomId, monthKeys(updated.date))
    await after?.(tx)
  })
}

/** A room's `n` newest reports with their steps, newest first (#最近). */
export function latestOpinions(db: Db, roomId: number, n: number): Promise<(OpinionReport & { events: OpinionEvent[] })[]> {
  return db.opinionReport.findMany({ where: { roomId }, orderBy: { id: 'desc' }, take: n, include: { events: true } })
}

/** Withdraws or restores a report (its follow-up clock restarts); false when it already was so. */
export async function setOpinionWithdrawn(db: Db, report: OpinionReport, withdrawn: boolean, at: Date, after?: AfterChange): Promise<boolean> {
  const change = (tx: Tx) => tx.opinionReport.updateMany({ where: { id: report.id, withdrawn: !withdrawn }, data: { withdrawn, lastChangeAt: at } })
  // Its steps carry the flag the figures count by, changed in the same transaction.
  return changeWith(db, change, async (tx) => {
    await tx.opinionEvent.updateMany({ where: { reportId: report.id }, data: { reportWithdrawn: withdrawn } })
    await refreshOpinionMonths(tx, report.roomId, monthKeys(report.date))
    await after?.(tx)
  })
}

/** The live reports of some rooms dated in a range, oldest first (the ledger). */
export function opinionsInRange(db: Db, roomIds: number[], from: string, to: string): Promise<OpinionWithHistory[]> {
  return db.opinionReport.findMany({ ...liveInRange(roomIds, from, to), include: withHistory })
}

/** Every live report a member wrote, with its steps (scoring: steps count in the year they happen). */
export async function opinionsOfMember(db: Db, memberId: number) {
  const rows = await db.opinionAuthor.findMany({ where: { memberId, report: { withdrawn: false } }, include: { report: { include: { events: true } } } })
  return onePerRecord(rows.map((x) => ({ record: x.report, isLead: x.isLead })))
}

/** Members named in the live reports of these rooms (the roll of 委员). */
export async function membersInOpinions(db: Db, roomIds: number[]): Promise<number[]> {
  const rows = await db.opinionAuthor.findMany({ where: { memberId: { not: null }, report: { roomId: { in: roomIds }, withdrawn: false } }, select: { memberId: true }, distinct: ['memberId'] })
  return rows.map((r) => r.memberId!)
}
