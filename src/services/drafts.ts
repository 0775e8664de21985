import type { Db, Queryable } from '../db/client.js'
import { Prisma, type Draft } from '../generated/prisma/client.js'
import { planCodeAt, toHalfWidth, type FieldProblem } from '../parsing/mod.js'
import { DRAFT_LETTER, type RecordKind } from '../domain/kinds.js'
import { nextCode, normaliseCode } from './codes.js'
import { storeOnce } from './store-once.js'

/** A draft waits to become a record of this kind. */
export type DraftKind = RecordKind

export interface DraftSource {
  kind: DraftKind
  roomId: number
  memberId: number | undefined
  senderName: string
  text: string
  messageId: string
  messageTime: Date
}

/** Keeps a tagged message that could not become a record, so nothing a member sent is lost. */
export async function saveDraft(db: Db, source: DraftSource, problems: FieldProblem[]): Promise<Draft> {
  return storeOnce(db, {
    insert: async (tx) =>
      tx.draft.create({
        data: {
          code: await nextCode(tx, DRAFT_LETTER),
          kind: source.kind,
          roomId: source.roomId,
          memberId: source.memberId ?? null,
          senderName: source.senderName,
          text: source.text,
          problems: JSON.stringify(problems),
          sourceMessageId: source.messageId,
          messageTime: source.messageTime,
        },
      }),
    storedBefore: (on) => on.draft.findUnique({ where: { sourceMessageId: source.messageId } }),
  })
}

export async function updateDraft(db: Db, draft: Draft, text: string, problems: FieldProblem[]): Promise<Draft> {
  return db.draft.update({ where: { id: draft.id }, data: { text, problems: JSON.stringify(problems) } })
}

/** The statement that marks a draft completed by a record, or discarded (`resolvedCode` null). */
export function resolveDraftSql(draftId: number, resolvedCode: string | null, at: Date): Prisma.Sql {
  return Prisma.sql`UPDATE "Draft" SET "resolvedCode" = ${resolvedCode}, "resolvedAt" = ${at} WHERE "id" = ${draftId}`
}

export async function resolveDraft(db: Queryable, draftId: number, resolvedCode: string | null, at: Date): Promise<void> {
  await db.$executeRaw(resolveDraftSql(draftId, resolvedCode, at))
}

/** Whose open draft: a member's (none without one), of a kind, in a room. */
export interface DraftOwner {
  roomId: number
  memberId: number | null
  kind: DraftKind
}

/**
 * The sender's latest open drafts of a kind in a room (`limit`, newest first; by default the
 * newest alone, read with a new activity), with what `completes` needs to tell whether a new
 * record is what one of them was about.
 */
export function openDraftSql(where: DraftOwner, limit = 1): Prisma.Sql {
  return Prisma.sql`SELECT "id", "code", "text", "kind" FROM "Draft"
    WHERE "roomId" = ${where.roomId} AND "memberId" = ${where.memberId} AND "kind" = ${where.kind} AND "resolvedAt" IS NULL
    ORDER BY "id" DESC LIMIT ${Prisma.raw(String(limit))}`
}

/** The sender's latest open draft of a kind in a room (see openDraftSql). */
export async function latestOpenDraft(on: Queryable, where: DraftOwner): Promise<OpenDraft | undefined> {
  // Plain SQL: asked on every new record, the answer is almost always none.
  const [open] = await on.$queryRaw<OpenDraft[]>(openDraftSql(where))
  return open
}

/** The sender's open drafts of a kind in a room, newest first: an older one may be what a record is about (held messages sent again in order). */
export function openDraftsOf(on: Queryable, where: DraftOwner): Promise<OpenDraft[]> {
  return on.$queryRaw<OpenDraft[]>(openDraftSql(where, 50))
}

/** What a new record needs of the sender's open draft to tell whether it completes it. */
export type OpenDraft = Pick<Draft, 'id' | 'code' | 'text' | 'kind'>

const bare = (text: string) => toHalfWidth(text).replace(/[\s\p{P}\p{S}]/gu, '')

/**
 * Whether a new record is what a draft was about, so it completes the draft: the draft's words
 * hold the record's title (a corrected repost, a message sent again after 请稍后); a draft of
 * `#活动 P3 …` only by an activity of that plan. Anything else leaves the draft open: a
 * member's next, unrelated record must not make a record still waiting look done.
 */
export function completes(draft: Pick<Draft, 'text' | 'kind'>, record: { title: string }, planCode?: string): boolean {
  const planned = draft.kind === 'activity' ? planCodeAt(draft.text) : undefined
  if (planned) return planCode !== undefined && normaliseCode(planned.code) === planCode
  const [title, text] = [bare(record.title), bare(draft.text)]
  // Or the draft was short and is in the title, but for its date (13月1日 读书会 → 9月1日 会客读书会).
  const words = text.replace(/[0-9０-９]+[年月日号]?/g, '')
  // Three characters at least: 义诊 or 会议 alone would match drafts about other events.
  return (title.length >= 3 && text.includes(title)) || (words.length >= 3 && title.includes(words))
}

export function draftProblems(draft: Draft): FieldProblem[] {
  return JSON.parse(draft.problems) as FieldProblem[]
}

export function findDraft(db: Db, code: string): Promise<Draft | null> {
  return db.draft.findUnique({ where: { code } })
}

/** A room's `n` newest drafts still waiting for completion, newest first (#最近). */
export function openDrafts(db: Db, roomId: number, n: number): Promise<Draft[]> {
  return db.draft.findMany({ where: { roomId, resolvedAt: null }, orderBy: { id: 'desc' }, take: n })
}
