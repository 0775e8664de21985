import type { Db } from '../db/client.js'
import type { ResearchAuthor, ResearchReport } from '../generated/prisma/client.js'
import { RESEARCH_TABLE, type ResearchFields } from '../domain/research.js'
import { liveInRange, sourceColumns, type RecordSource } from './activities.js'
import { KIND_IDENTITIES } from '../domain/kinds.js'
import { nextCode } from './codes.js'
import { changeWith, storeOnce, type AfterChange, type WithinCommit } from './store-once.js'
import { authorsOf, onePerRecord } from './members.js'
import { columnsOf, fieldsOf, type StoredIn } from './table-columns.js'

export type ResearchWithAuthors = ResearchReport & { authors: ResearchAuthor[] }
const withAuthors = { authors: { orderBy: { id: 'asc' } } } as const
/** Each field of the table but the names is a column of ResearchReport. */
const TABLE: StoredIn<typeof RESEARCH_TABLE, ResearchReport> = RESEARCH_TABLE

/** Stores a report under a new R code; the same message twice is stored once. */
export async function createResearch(db: Db, source: RecordSource, fields: ResearchFields, within?: WithinCommit<ResearchWithAuthors>): Promise<ResearchWithAuthors> {
  const authors = await authorsOf(db, source, fields.authorNames)
  return storeOnce(db, {
    async insert(tx) {
      const report = await tx.researchReport.create({ data: { code: await nextCode(tx, KIND_IDENTITIES.research.letter), ...sourceColumns(source), ...columnsOf(TABLE, fields) } })
      // createMany keeps the order the authors were named in; the first is the lead.
      await tx.researchAuthor.createMany({ data: authors.map((a) => ({ ...a, reportId: report.id })) })
      return tx.researchReport.findUniqueOrThrow({ where: { id: report.id }, include: withAuthors })
    },
    storedBefore: (on) => on.researchReport.findUnique({ where: { sourceMessageId: source.messageId }, include: withAuthors }),
  }, within)
}

export async function updateResearch(db: Db, report: ResearchReport, fields: ResearchFields, after?: AfterChange<ResearchWithAuthors>): Promise<ResearchWithAuthors> {
  const authors = await authorsOf(db, report, fields.authorNames, await db.researchAuthor.findMany({ where: { reportId: report.id } }))
  return db.$transaction(async (tx) => {
    await tx.researchAuthor.deleteMany({ where: { reportId: report.id } })
    await tx.researchAuthor.createMany({ data: authors.map((a) => ({ ...a, reportId: report.id })) })
    const updated = await tx.researchReport.update({ where: { id: report.id }, data: columnsOf(TABLE, fields), include: withAuthors })
    await after?.(tx, updated)
    return updated
  })
}

export function researchAsFields(r: ResearchWithAuthors): ResearchFields {
  return fieldsOf(TABLE, r, r.authors.map((a) => a.name))
}

export function findResearch(db: Db, code: string): Promise<ResearchWithAuthors | null> {
  return db.researchReport.findUnique({ where: { code }, include: withAuthors })
}

export function latestResearch(db: Db, roomId: number, n: number): Promise<ResearchReport[]> {
  return db.researchReport.findMany({ where: { roomId }, orderBy: { id: 'desc' }, take: n })
}

/** Returns false when the report already was in that state. */
export async function setResearchWithdrawn(db: Db, code: string, withdrawn: boolean, after?: AfterChange): Promise<boolean> {
  return changeWith(db, (tx) => tx.researchReport.updateMany({ where: { code, withdrawn: !withdrawn }, data: { withdrawn } }), after)
}

/** The live reports of some rooms dated in a range, oldest first (the ledger). */
export function researchInRange(db: Db, roomIds: number[], from: string, to: string): Promise<ResearchWithAuthors[]> {
  return db.researchReport.findMany({ ...liveInRange(roomIds, from, to), include: withAuthors })
}

/** A member's live reports dated in a range, with whether they led it (scoring). */
export async function researchOfMember(db: Db, memberId: number, from: string, to: string) {
  const rows = await db.researchAuthor.findMany({ where: { memberId, report: { withdrawn: false, date: { gte: from, lte: to } } }, include: { report: true } })
  return onePerRecord(rows.map((r) => ({ record: r.report, isLead: r.isLead })))
}

/** Members named in the live research reports of these rooms (the roll of 委员). */
export async function membersInResearch(db: Db, roomIds: number[]): Promise<number[]> {
  const rows = await db.researchAuthor.findMany({ where: { memberId: { not: null }, report: { roomId: { in: roomIds }, withdrawn: false } }, select: { memberId: true }, distinct: ['memberId'] })
  return rows.map((r) => r.memberId!)
}
