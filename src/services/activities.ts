import type { Db, Queryable } from '../db/client.js'
import { storeOnce, type WithinCommit } from './store-once.js'
import { Prisma, type Activity, type ActivityParticipant } from '../generated/prisma/client.js'
import type { ActivityFields } from '../parsing/mod.js'
import { KIND_IDENTITIES } from '../domain/kinds.js'
import { nextCode } from './codes.js'
import { matchNames } from './members.js'
import { insertRows } from '../db/sql.js'
import { addToActivityMonths, monthKeys, refreshActivityMonths, unnamedCount } from './monthly-rows.js'

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
export const unnamedMembers = (a: ActivityWithPeople): number => unnamedCount(a.memberCount, a.participantsOf.length)

function columnsOf(draft: ActivityFields) {
  return {
    date: draft.date,
    time: draft.time ?? null,
    title: draft.title,
    type: draft.type,
    place: draft.place ?? null,
    participants: draft.participants ?? null,
    memberCount: draft.memberCount ?? null,
    reach: draft.reach ?? null,
    partners: draft.partners.length > 0 ? draft.partners.join('、') : null,
    brand: draft.brand ?? null,
    note: draft.note ?? null,
  }
}

/**
 * Stores a parsed activity under a new id, with `within` in the same commit. The source
 * message id is unique: never stored twice (see storeOnce).
 */
export async function createActivity(db: Db, source: RecordSource, draft: ActivityFields, within?: WithinCommit<ActivityWithPeople>): Promise<ActivityWithPeople> {
  const people = await matchNames(db, source.roomId, draft.memberNames)
  return storeOnce(db, {
    async insert(tx) {
      const code = await nextCode(tx, KIND_IDENTITIES.activity.letter)
      const [activity] = await tx.$queryRaw<Activity[]>(
        insertRows('Activity', [{ code, ...sourceColumns(source), ...columnsOf(draft), updatedAt: new Date() }]),
      )
      // Inserted in the order the member wrote the names in: participants list that way.
      const participantsOf = people.length
        ? await tx.$queryRaw<ActivityParticipant[]>(insertRows('ActivityParticipant', people.map((p) => ({ activityId: activity!.id, ...p }))))
        : []
      await addToActivityMonths(tx, activity!, people)
      return { ...activity!, participantsOf: participantsOf.sort((a, b) => a.id - b.id) }
    },
    storedBefore: (on) => on.activity.findUnique({ where: { sourceMessageId: source.messageId }, include: { participantsOf: { orderBy: { id: 'asc' } } } }),
  }, within)
}

/** Another live activity of the same type on the same day in the room: often the same event reported twice. */
export async function findTwinActivity(db: Queryable, activity: Activity): Promise<Pick<Activity, 'code' | 'title' | 'reporterName'> | undefined> {
  const [twin] = await db.$queryRaw<Pick<Activity, 'code' | 'title' | 'reporterName'>[]>(Prisma.sql`
    SELECT "code", "title", "reporterName" FROM "Activity"
    WHERE "roomId" = ${activity.roomId} AND "date" = ${activity.date} AND "type" = ${activity.type}
      AND "withdrawn" = false AND "id" <> ${activity.id}
    ORDER BY "id" LIMIT 1`)
  return twin
}

/** Replaces an activity's values after an edit; participants are matched again. */
export async function updateActivity(db: Db, activity: Activity, draft: ActivityFields): Promise<ActivityWithPeople> {
  const people = await matchNames(db, activity.roomId, draft.memberNames)
  return db.$transaction(async (tx) => {
    await tx.activityParticipant.deleteMany({ where: { activityId: activity.id } })
    await tx.activityParticipant.createMany({ data: people.map((p) => ({ ...p, activityId: activity.id })) })
    const updated = await tx.activity.update({
      where: { id: activity.id },
      data: columnsOf(draft),
      include: { participantsOf: { orderBy: { id: 'asc' } } },
    })
    await refreshActivityMonths(tx, activity.roomId, monthKeys(activity.date, draft.date))
    return updated
  })
}

/** The stored activity as the parser's draft, so edits go through the same validation. */
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
export async function setActivityWithdrawn(db: Db, activity: Activity, withdrawn: boolean): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.activity.updateMany({ where: { id: activity.id, withdrawn: !withdrawn }, data: { withdrawn } })
    if (count > 0) await refreshActivityMonths(tx, activity.roomId, monthKeys(activity.date))
    return count > 0
  })
}

/** The live activities of some rooms dated in a range, oldest first (the ledger). */
export function activitiesInRange(db: Db, roomIds: number[], from: string, to: string): Promise<ActivityWithPeople[]> {
  return db.activity.findMany({ ...liveInRange(roomIds, from, to), include: { participantsOf: { orderBy: { id: 'asc' } } } })
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
