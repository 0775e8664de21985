import type { Db } from '../db/client.js'
import type { Prisma, Room } from '../generated/prisma/client.js'

export const ROOM_KINDS = ['会客厅', '工作室'] as const
export type RoomKind = (typeof ROOM_KINDS)[number]

/**
 * The rooms a bot account (BOT_NAME) serves: checks its groups after a login, records from them,
 * pushes to them. Rooms from before accounts (null) are taken over when a writer starts.
 */
export const servedBy = (account: string) => ({ OR: [{ account }, { account: null }] }) satisfies Prisma.RoomWhereInput

export interface GroupRef {
  puppetId: string
  topic: string
}

/**
 * `#绑定` by an admin in the group: this group becomes (or stays) the named room. `current` is
 * the room the group is already bound to this login, if any. Returns the room and whether it is new.
 */
export async function bindGroup(
  db: Db,
  group: GroupRef,
  name: string,
  kind: RoomKind,
  current: Room | undefined,
  account: string,
): Promise<{ room: Room; created: boolean }> {
  const existing = current ?? (await db.room.findFirst({ where: { name } })) ?? undefined
  const data = { name, kind, topic: group.topic, puppetRoomId: group.puppetId, heldAt: null, heldReason: null, account }
  if (existing) return { room: await db.room.update({ where: { id: existing.id }, data }), created: false }
  return { room: await db.room.create({ data }), created: true }
}

export function roomById(db: Db, id: number): Promise<Room | null> {
  return db.room.findUnique({ where: { id } })
}

/** Every room, oldest first (the CLI's ledger of all rooms, an admin's view). */
export function allRooms(db: Db): Promise<Room[]> {
  return db.room.findMany({ orderBy: { id: 'asc' } })
}

/** Every room with the people it knows (the simulated WeChat of a restart: its groups are still there). */
export function roomsWithPeople(db: Db) {
  return db.room.findMany({ include: { memberships: { include: { member: true } } }, orderBy: { id: 'asc' } })
}

/** The group of a room was renamed while nobody spoke (a send learned it): the room follows. */
export function followTopic(db: Db, roomId: number, topic: string): Promise<Room> {
  return db.room.update({ where: { id: roomId }, data: { topic } })
}

export function roomByName(db: Db, name: string): Promise<Room | null> {
  return db.room.findFirst({ where: { name } })
}

/** Rooms of this account waiting for #确认绑定 whose topic is this group's. */
export function heldRoomsWithTopic(db: Db, topic: string, account: string): Promise<Room[]> {
  return db.room.findMany({ where: { topic, heldAt: { not: null }, ...servedBy(account) }, orderBy: { id: 'asc' } })
}

/** A room by its official name or its group topic, for CLI options such as `--room`. */
export async function findRoomByNameOrTopic(db: Db, nameOrTopic: string): Promise<Room | undefined> {
  return (
    (await db.room.findFirst({ where: { name: nameOrTopic } })) ??
    (await db.room.findFirst({ where: { topic: nameOrTopic } })) ??
    undefined
  )
}

/** Whether a room receives scheduled digests and reminders (#设置 推送). */
export function setPushEnabled(db: Db, roomId: number, on: boolean): Promise<Room> {
  return db.room.update({ where: { id: roomId }, data: { pushEnabled: on } })
}
