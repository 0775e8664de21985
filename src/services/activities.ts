import type { Db, Queryable } from '../db/client.js'
import { changeWith, committedBefore, type AfterChange, type WithinCommit } from './store-once.js'
import { Prisma, type Activity, type ActivityParticipant } from '../generated/prisma/client.js'
import { openDraftSql, type OpenDraft } from './drafts.js'
import type { ActivityFields } from '../parsing/mod.js'
import { KIND_IDENTITIES } from '../domain/kinds.js'
import { claimOvertaken, claimSql, claimedCodeSql, codeOf, nextCodeSql } from './codes.js'
import { matchNames } from './members.js'
import { besideRows, insertRows, splitBeside } from '../db/sql.js'
import { goingBySql, nameRowsOf, peopleNamed, uniqueNames } from './going-by.js'
import { activityMonthStatements, monthKeys, refreshActivityMonths, unnamedCount } from './monthly-rows.js'
import { editedActivities } from './revisions.js'

export interface RecordSource {
  roomId: number
  reporterId: number | undefined
  reporterName: string
  messageId: string
  rawText: string
  /** When the member sent it: the record's creation time, so replays and audits read true. */
  sentAt: Date
}

/** The columns every record takes from the message it came from. */
export function sourceColumns(source: RecordSource) {
  return {
    roomId: source.roomId,
    reporterId: source.reporterId ?? null,
    reporterName: source.reporterName,
    sourceMessageId: source.messageId,
    rawText: source.rawText,
    createdAt: source.sentAt,
  }
}

/** The live records of some rooms dated in a range, oldest first: how each ledger sheet reads them. */
export const liveInRange = (roomIds: number[], from: string, to: string) => ({
  where: { roomId: { in: roomIds }, withdrawn: false, date: { gte: from, lte: to } },
  orderBy: [{ date: 'asc' as const }, { id: 'asc' as const }],
})

export type ActivityWithPeople = Activity & { participantsOf: ActivityParticipant[] }

/** Members counted but not named: "王芳、胡建国等6位委员" has 4. */
export const unnamedMembers = (a: ActivityShown): number => unnamedCount(a.memberCount, a.participantsOf.length)

function columnsOf(fields: ActivityFields) {
  return {
    date: fields.date,
    time: fields.time ?? null,
    title: fields.title,
    type: fields.type,
    place: fields.place ?? null,
    participants: fields.participants ?? null,
    memberCount: fields.memberCount ?? null,
    reach: fields.reach ?? null,
    partners: fields.partners.length > 0 ? fields.partners.join('、') : null,
    brand: fields.brand ?? null,
    note: fields.note ?? null,
  }
}

/** Another live activity of the same type on the same day in the room: often the same event reported twice. */
export type TwinActivity = Pick<Activity, 'code' | 'title' | 'reporterName'>

/** What a new activity's confirmation reads besides the activity: the twin to point out, the draft it completes. */
export interface ActivityNeighbours {
  twin: TwinActivity | undefined
  /** The reporter's latest open activity draft: a corrected repost completes it. */
  openDraft: OpenDraft | undefined
}

export type NewActivity = ActivityWithPeople & { neighbours: ActivityNeighbours }

/** An activity as texts show it: stored, or about to be (without ids). */
export type ActivityShown = Omit<Activity, 'id'> & { participantsOf: Pick<ActivityParticipant, 'name' | 'memberId'>[] }

/** A new activity as its confirmation is written, just before its commit. */
export type ActivityPreview = ActivityShown & { neighbours: ActivityNeighbours }

/** An activity's twin as a query of one row or none; `exceptId` leaves the activity itself out once it is stored. */
function twinSql(of: { roomId: number; date: string; type: string; exceptId?: number }): Prisma.Sql {
  const notItself = of.exceptId === undefined ? Prisma.empty : Prisma.sql`AND "id" <> ${of.exceptId}`
  return Prisma.sql`SELECT "code", "title", "reporterName" FROM "Activity"
    WHERE "roomId" = ${of.roomId} AND "date" = ${of.date} AND "type" = ${of.type} AND "withdrawn" = false ${notItself}
    ORDER BY "id" LIMIT 1`
}

/** The twin of a stored activity (see TwinActivity). */
async function findTwinActivity(db: Queryable, activity: Activity): Promise<TwinActivity | undefined> {
  const [twin] = await db.$queryRaw<TwinActivity[]>(twinSql({ ...activity, exceptId: activity.id }))
  return twin
}

/** Tries before giving up when other writers (accounts sharing PostgreSQL) keep taking the code first. */
const CLAIM_ATTEMPTS = 5
const LETTER = KIND_IDENTITIES.activity.letter

/** The prefix of the named members' columns in the preview's statement. */
const NAMED = 'named.'

/**
 * Everything a new activity's commit needs to know beforehand, in one statement: the code it
 * will claim, its twin, the reporter's open draft, and the members its names mean; with its
 * values, what its confirmation is written from.
 */
async function previewActivity(db: Db, source: RecordSource, fields: ActivityFields): Promise<ActivityPreview> {
  const columns = { ...sourceColumns(source), ...columnsOf(fields), updatedAt: new Date() }
  const owner = { roomId: source.roomId, memberId: source.reporterId ?? null, kind: 'activity' as const }
  const names = uniqueNames(fields.memberNames)
  const head = Prisma.sql`SELECT ${nextCodeSql(LETTER)} AS "number",
      t."code" AS "twin.code", t."title" AS "twin.title", t."reporterName" AS "twin.reporterName", d."id" AS "draft.id", d."code" AS "draft.code", d."text" AS "draft.text", d."kind" AS "draft.kind"
    FROM (SELECT 1 AS "one") x LEFT JOIN (${twinSql(columns)}) t ON true LEFT JOIN (${openDraftSql(owner)}) d ON true`
  const joined = await db.$queryRaw<Record<string, unknown>[]>(besideRows(head, goingBySql(source.roomId, { names, realNames: names }, NAMED, 'names')))
  const { head: row, rows: named } = splitBeside(joined, NAMED) as { head: PreviewRow; rows: Record<string, unknown>[] }
  // A SQLite column without a declared type (the computed next number) comes back as a bigint.
  const openDraft = row['draft.id'] === null ? undefined : { id: Number(row['draft.id']), code: row['draft.code']!, text: row['draft.text']!, kind: row['draft.kind']! }
  const people = peopleNamed(nameRowsOf(named), names)
  const twin = row['twin.code'] === null ? undefined : { code: row['twin.code'], title: row['twin.title']!, reporterName: row['twin.reporterName']! }
  return { code: codeOf(LETTER, Number(row.number)), ...columns, withdrawn: false, participantsOf: people, neighbours: { twin, openDraft } }
}

type PreviewRow = { number: number | bigint } & { [C in 'twin.code' | 'twin.title' | 'twin.reporterName' | 'draft.code' | 'draft.text' | 'draft.kind']: string | null } & { 'draft.id': number | bigint | null }

/** The statements that store a previewed activity, in commit order: its claimed code, the row, its people, its month. */
function storeStatements(preview: ActivityPreview) {
  const { participantsOf: people, neighbours: _neighbours, withdrawn: _withdrawn, ...columns } = preview
  const activityId = Prisma.sql`(SELECT "id" FROM "Activity" WHERE "code" = ${preview.code})`
  return {
    claim: claimSql(LETTER),
    row: insertRows('Activity', [{ ...columns, code: claimedCodeSql(preview.code) }]),
    // Inserted in the order the member wrote the names in: participants list that way.
    participants: people.length ? insertRows('ActivityParticipant', people.map((p) => ({ activityId, ...p }))) : undefined,
    months: activityMonthStatements(preview, people),
  }
}

/**
 * Stores a parsed activity under a new code, with `within`'s statements in the same commit.
 * The commit is one batch of statements, read for beforehand (see previewActivity): the path
 * every recorded message takes. The source message id is unique: never stored twice (see
 * storeOnce). Stored before, it comes back with its twin but no draft to complete: its first
 * commit completed it.
 */
export async function createActivity(db: Db, source: RecordSource, fields: ActivityFields, within?: WithinCommit<ActivityPreview>): Promise<NewActivity> {
  for (let attempt = 1; ; attempt++) {
    const preview = await previewActivity(db, source, fields)
    const { claim, row, participants, months } = storeStatements(preview)
    const also = (await within?.(db, preview)) ?? []
    try {
      const results = await db.$transaction([
        db.$executeRaw(claim),
        db.$queryRaw<Activity[]>(row),
        ...(participants ? [db.$queryRaw<ActivityParticipant[]>(participants)] : []),
        ...[...months, ...also].map((sql) => db.$executeRaw(sql)),
      ])
      const [activity] = results[1] as Activity[]
      const participantsOf = participants ? (results[2] as ActivityParticipant[]).sort((a, b) => a.id - b.id) : []
      return { ...activity!, participantsOf, neighbours: preview.neighbours }
    } catch (error) {
      // A lookup that fails too leaves the commit's own error to report.
      if (attempt < CLAIM_ATTEMPTS && (await claimOvertaken(db, preview.code).catch(() => false))) continue
      return committedBefore(db, (on) => storedActivity(on, source.messageId), error, within)
    }
  }
}

async function storedActivity(on: Queryable, messageId: string): Promise<NewActivity | null> {
  const activity = await on.activity.findUnique({ where: { sourceMessageId: messageId }, include: { participantsOf: { orderBy: { id: 'asc' } } } })
  return activity && { ...activity, neighbours: { twin: await findTwinActivity(on, activity), openDraft: undefined } }
}

/** Replaces an activity's values after an edit; a participant it had keeps their member, new names are matched. */
export async function updateActivity(db: Db, activity: Activity, fields: ActivityFields, after?: AfterChange<ActivityWithPeople>): Promise<ActivityWithPeople> {
  const people = await matchNames(db, activity.roomId, fields.memberNames, await db.activityParticipant.findMany({ where: { activityId: activity.id } }))
  return db.$transaction(async (tx) => {
    await tx.activityParticipant.deleteMany({ where: { activityId: activity.id } })
    await tx.activityParticipant.createMany({ data: people.map((p) => ({ ...p, activityId: activity.id })) })
    const updated = await tx.activity.update({
      where: { id: activity.id },
      data: columnsOf(fields),
      include: { participantsOf: { orderBy: { id: 'asc' } } },
    })
    await refreshActivityMonths(tx, activity.roomId, monthKeys(activity.date, fields.date))
    await after?.(tx, updated)
    return updated
  })
}

/** The stored activity as the parser's values, so edits go through the same validation. */
export function activityAsFields(activity: ActivityWithPeople): ActivityFields {
  return {
    date: activity.date,
    ...(activity.time ? { time: activity.time } : {}),
    dateDefaulted: false,
    title: activity.title,
    type: activity.type as ActivityFields['type'],
    typeInferred: false,
    ...(activity.place ? { place: activity.place } : {}),
    memberNames: activity.participantsOf.map((p) => p.name),
    ...(activity.memberCount !== null ? { memberCount: activity.memberCount } : {}),
    ...(activity.participants !== null ? { participants: activity.participants } : {}),
    ...(activity.reach !== null ? { reach: activity.reach } : {}),
    partners: activity.partners ? activity.partners.split('、') : [],
    ...(activity.brand ? { brand: activity.brand } : {}),
    ...(activity.note ? { note: activity.note } : {}),
  }
}

export function findActivity(db: Db, code: string): Promise<ActivityWithPeople | null> {
  return db.activity.findUnique({ where: { code }, include: { participantsOf: { orderBy: { id: 'asc' } } } })
}

/** A room's `n` newest activities, newest first (#最近). */
export function latestActivities(db: Db, roomId: number, n: number): Promise<Activity[]> {
  return db.activity.findMany({ where: { roomId }, orderBy: { id: 'desc' }, take: n })
}

/** Withdraws or restores an activity and recounts its month; false when it already was so. */
export async function setActivityWithdrawn(db: Db, activity: Activity, withdrawn: boolean, after?: AfterChange): Promise<boolean> {
  return changeWith(db, (tx) => tx.activity.updateMany({ where: { id: activity.id, withdrawn: !withdrawn }, data: { withdrawn } }), async (tx) => {
    await refreshActivityMonths(tx, activity.roomId, monthKeys(activity.date))
    await after?.(tx)
  })
}

/** A ledger row: the activity, and whether #修改 changed it after the message it came from. */
export type LedgerActivity = ActivityWithPeople & { edited: boolean }

/** The live activities of some rooms dated in a range, oldest first (the ledger). */
export async function activitiesInRange(db: Db, roomIds: number[], from: string, to: string): Promise<LedgerActivity[]> {
  const activities = await db.activity.findMany({ ...liveInRange(roomIds, from, to), include: { participantsOf: { orderBy: { id: 'asc' } } } })
  const edited = activities.length > 0 ? await editedActivities(db, roomIds, from, to) : new Set<string>()
  return activities.map((a) => ({ ...a, edited: edited.has(a.code) }))
}

/** The live activities a member took part in, dated in a range (scoring). */
export async function activitiesOfMember(db: Db, memberId: number, from: string, to: string): Promise<Activity[]> {
  const rows = await db.activityParticipant.findMany({ where: { memberId, activity: { withdrawn: false, date: { gte: from, lte: to } } }, include: { activity: true } })
  return [...new Map(rows.map((p) => [p.activity.id, p.activity])).values()]
}

/** Members named in the live activities of these rooms (the roll of 委员). */
export async function membersInActivities(db: Db, roomIds: number[]): Promise<number[]> {
  const rows = await db.activityParticipant.findMany({ where: { memberId: { not: null }, activity: { roomId: { in: roomIds }, withdrawn: false } }, select: { memberId: true }, distinct: ['memberId'] })
  return rows.map((r) => r.memberId!)
}
