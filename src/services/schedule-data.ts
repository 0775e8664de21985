import type { Db } from '../db/client.js'
import type { KeySettings } from '../identity/keys.js'
import type { Member, OpinionEvent, OpinionReport, PlannedActivity, Room } from '../generated/prisma/client.js'
import type { DigestPeriod } from '../parsing/mod.js'
import { buildCrossRoomDigest, buildDigest, type Digest } from './digest.js'
import { roomMembersWithRole } from './members.js'
import { openPlansStartingBetween } from './plans.js'
import { privateRecipients, roomKeepers, type Recipient } from './recipients.js'
import { servedBy } from './rooms.js'

export type StalledReport = OpinionReport & { events: OpinionEvent[] }
export type CrossRoomDigest = Awaited<ReturnType<typeof buildCrossRoomDigest>>

/**
 * Everything the schedule reads, bound to one database and bot account. The schedule is given
 * this and never the client (src/schedule/services.ts), so each of its queries lives here, in
 * services, with the ones the commands use.
 */
export interface ScheduleData {
  /** Rooms this account serves, by id. */
  servedRooms(): Promise<Room[]>
  /** Whether other bot accounts serve rooms in this database too (then private pushes name the account). */
  othersServeRooms(): Promise<boolean>
  roomDigest(roomId: number, period: DigestPeriod, asOf: string): Promise<Digest>
  crossRoomDigest(rooms: Room[], period: DigestPeriod, asOf: string): Promise<CrossRoomDigest>
  /** Activities of a room dated from `from` to `to` (YYYY-MM-DD, both included), withdrawn ones aside. */
  activityCount(roomId: number, from: string, to: string): Promise<number>
  /** The room's lead members, in the order they became leads. */
  leadsOf(roomId: number): Promise<Member[]>
  /** Reports of a room with no status change since `cutoff` and not resolved, with their events. */
  stalledReports(roomId: number, cutoff: Date): Promise<StalledReport[]>
  /** Open plans of this account's rooms starting in (after, before]. */
  openPlans(after: Date, before: Date): Promise<PlannedActivity[]>
  /** A plan as it is now (it may have been cancelled or recorded since it was listed). */
  plan(id: number): Promise<PlannedActivity | null>
  /** Whether anything was ever queued under this outbox key. */
  queued(dedupeKey: string): Promise<boolean>
  privateRecipients(): Promise<Recipient[]>
  roomKeepers(roomId: number): Promise<Recipient[]>
}

export function scheduleData(db: Db, account: string, keys: KeySettings): ScheduleData {
  return {
    servedRooms: () => db.room.findMany({ where: servedBy(account), orderBy: { id: 'asc' } }),
    othersServeRooms: async () => (await db.room.count({ where: { NOT: servedBy(account) } })) > 0,
    roomDigest: (roomId, period, asOf) => buildDigest(db, [roomId], period, asOf),
    crossRoomDigest: (rooms, period, asOf) => buildCrossRoomDigest(db, rooms, period, asOf),
    activityCount: (roomId, from, to) => db.activity.count({ where: { roomId, withdrawn: false, date: { gte: from, lte: to } } }),
    leadsOf: async (roomId) => (await roomMembersWithRole(db, roomId, 'lead')).map((l) => l.member),
    stalledReports: (roomId, cutoff) =>
      db.opinionReport.findMany({
        where: { roomId, withdrawn: false, lastChangeAt: { lte: cutoff }, events: { none: { kind: 'resolved' } } },
        orderBy: { id: 'asc' },
        include: { events: { orderBy: { id: 'asc' } } },
      }),
    openPlans: async (after, before) => {
      const own = new Set((await db.room.findMany({ where: servedBy(account), select: { id: true } })).map((r) => r.id))
      return (await openPlansStartingBetween(db, after, before)).filter((p) => own.has(p.roomId))
    },
    plan: (id) => db.plannedActivity.findUnique({ where: { id } }),
    queued: async (dedupeKey) => (await db.outboxMessage.findUnique({ where: { dedupeKey }, select: { id: true } })) !== null,
    privateRecipients: () => privateRecipients(db, keys),
    roomKeepers: (roomId) => roomKeepers(db, keys, roomId),
  }
}
