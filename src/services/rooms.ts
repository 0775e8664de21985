import type { Db } from '../db/client.js'
import { Prisma, type Room } from '../generated/prisma/client.js'
import { sqlRows } from '../db/direct.js'

export const ROOM_KINDS = ['会客厅', '工作室'] as const
export type RoomKind = (typeof ROOM_KINDS)[number]

export interface GroupRef {
  puppetId: string
  topic: string
}

/**
 * Finds the room bound to a WeChat group by our own keys: its topic first, the cached
 * puppet id only to break ties or to notice a rename that happened while we were offline.
 * Refreshes the cache and the topic as a side effect.
 */
export async function findRoomForGroup(
  db: Db,
  group: GroupRef,
  isLiveId: (id: string | null) => boolean = () => false,
): Promise<Room | undefined> {
  // Plain SQL: this runs for every message addressed to the bot.
  const byTopic = await sqlRows<Room[]>(db, Prisma.sql`SELECT * FROM "Room" WHERE "topic" = ${group.topic} ORDER BY "id"`)
  // A room whose group is alive under another id this session is that other group's.
  const free = byTopic.filter((r) => r.puppetRoomId === group.puppetId || !isLiveId(r.puppetRoomId))
  let room = free.find((r) => r.puppetRoomId === group.puppetId) ?? free[0]
  room ??= (await db.room.findFirst({ where: { puppetRoomId: group.puppetId } })) ?? undefined
  if (!room) return undefined
  if (room.puppetRoomId !== group.puppetId || room.topic !== group.topic) {
    room = await db.room.update({ where: { id: room.id }, data: { puppetRoomId: group.puppetId, topic: group.topic } })
  }
  return room
}

/** `#绑定`: this group becomes (or stays) the named room. Returns the room and whether it is new. */
export async function bindGroup(
  db: Db,
  group: GroupRef,
  name: string,
  kind: RoomKind,
  isLiveId?: (id: string | null) => boolean,
): Promise<{ room: Room; created: boolean }> {
  const existing = (await findRoomForGroup(db, group, isLiveId)) ?? (await db.room.findFirst({ where: { name } })) ?? undefined
  if (existing) {
    const room = await db.room.update({
      where: { id: existing.id },
      data: { name, kind, topic: group.topic, puppetRoomId: group.puppetId },
    })
    return { room, created: false }
  }
  const room = await db.room.create({ data: { name, kind, topic: group.topic, puppetRoomId: group.puppetId } })
  return { room, created: true }
}

/** The group was renamed: the binding follows it. */
export async function renameGroup(db: Db, puppetId: string, oldTopic: string, newTopic: string): Promise<Room | undefined> {
  const room =
    (await db.room.findFirst({ where: { puppetRoomId: puppetId } })) ??
    (await db.room.findFirst({ where: { topic: oldTopic } }))
  if (!room) return undefined
  return db.room.update({ where: { id: room.id }, data: { topic: newTopic, puppetRoomId: puppetId } })
}

/** A room by its official name or its group topic, for CLI options such as `--room`. */
export async function findRoomByNameOrTopic(db: Db, nameOrTopic: string): Promise<Room | undefined> {
  return (
    (await db.room.findFirst({ where: { name: nameOrTopic } })) ??
    (await db.room.findFirst({ where: { topic: nameOrTopic } })) ??
    undefined
  )
}
