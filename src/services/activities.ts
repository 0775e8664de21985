import type { Db } from '../db/client.js'
import type { Activity, ActivityParticipant } from '../generated/prisma/client.js'
import type { ActivityDraft } from '../parsing/mod.js'
import { CODE_LETTERS, nextCode } from './codes.js'
import { matchNames } from './members.js'

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

export type ActivityWithPeople = Activity & { participantsOf: ActivityParticipant[] }

function columnsOf(draft: ActivityDraft) {
  return {
    date: draft.date,
    time: draft.time ?? null,
    title: draft.title,
    type: draft.type,
    place: draft.place ?? null,
    participants: draft.participants ?? null,
    reach: draft.reach ?? null,
    partners: draft.partners.length > 0 ? draft.partners.join('、') : null,
    brand: draft.brand ?? null,
    note: draft.note ?? null,
  }
}

/** Stores a parsed activity under a new id. The source message id is unique: never stored twice. */
export async function createActivity(db: Db, source: RecordSource, draft: ActivityDraft): Promise<ActivityWithPeople> {
  const existing = await db.activity.findUnique({ where: { sourceMessageId: source.messageId }, include: { participantsOf: { orderBy: { id: 'asc' } } } })
  if (existing) return existing
  const people = await matchNames(db, source.roomId, draft.memberNames)
  return db.$transaction(async (tx) => {
    const code = await nextCode(tx, CODE_LETTERS.activity)
    const activity = await tx.activity.create({
      data: {
        code,
        ...sourceColumns(source),
        ...columnsOf(draft),
      },
    })
    // createMany keeps the order the member wrote the names in (a nested create does not).
    await tx.activityParticipant.createMany({ data: people.map((p) => ({ ...p, activityId: activity.id })) })
    return tx.activity.findUniqueOrThrow({ where: { id: activity.id }, include: { participantsOf: { orderBy: { id: 'asc' } } } })
  })
}

/** Replaces an activity's values after an edit; participants are matched again. */
export async function updateActivity(db: Db, activity: Activity, draft: ActivityDraft): Promise<ActivityWithPeople> {
  const people = await matchNames(db, activity.roomId, draft.memberNames)
  return db.$transaction(async (tx) => {
    await tx.activityParticipant.deleteMany({ where: { activityId: activity.id } })
    await tx.activityParticipant.createMany({ data: people.map((p) => ({ ...p, activityId: activity.id })) })
    return tx.activity.update({
      where: { id: activity.id },
      data: columnsOf(draft),
      include: { participantsOf: { orderBy: { id: 'asc' } } },
    })
  })
}

/** The stored activity as the parser's draft, so edits go through the same validation. */
export function activityAsDraft(activity: ActivityWithPeople): ActivityDraft {
  return {
    date: activity.date,
    ...(activity.time ? { time: activity.time } : {}),
    dateDefaulted: false,
    title: activity.title,
    type: activity.type as ActivityDraft['type'],
    typeInferred: false,
    ...(activity.place ? { place: activity.place } : {}),
    memberNames: activity.participantsOf.map((p) => p.name),
    ...(activity.participants !== null ? { participants: activity.participants } : {}),
    ...(activity.reach !== null ? { reach: activity.reach } : {}),
    partners: activity.partners ? activity.partners.split('、') : [],
    ...(activity.brand ? { brand: activity.brand } : {}),
    ...(activity.note ? { note: activity.note } : {}),
  }
}
