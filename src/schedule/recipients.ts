import type { Config } from '../config.js'
import type { Db } from '../db/client.js'
import type { OutboxTarget } from '../outbox/outbox.js'

export interface Recipient {
  name: string
  target: OutboxTarget
  /** Rooms whose figures this person may see. */
  roomIds: number[]
}

/**
 * Who gets private pushes: every secretary (their rooms) and every admin in BOT_ADMINS
 * (all rooms). A person who is both gets one message.
 */
export async function privateRecipients(db: Db, config: Config): Promise<Recipient[]> {
  const allRooms = (await db.room.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((r) => r.id)
  const byName = new Map<string, Recipient>()
  for (const admin of config.BOT_ADMINS) {
    byName.set(admin, { name: admin, target: { kind: 'contact', name: admin }, roomIds: allRooms })
  }
  const secretaries = await db.roomMembership.findMany({ where: { role: 'secretary' }, include: { member: true }, orderBy: { id: 'asc' } })
  for (const s of secretaries) {
    const known = byName.get(s.member.name)
    if (known) {
      if (!known.roomIds.includes(s.roomId)) known.roomIds.push(s.roomId)
      continue
    }
    byName.set(s.member.name, {
      name: s.member.name,
      target: { kind: 'contact', name: s.member.name, ...(s.member.puppetContactId ? { puppetId: s.member.puppetContactId } : {}) },
      roomIds: [s.roomId],
    })
  }
  return [...byName.values()]
}

/** The secretaries of one room, or the admins when it has none: who follows up its reports. */
export async function roomKeepers(db: Db, config: Config, roomId: number): Promise<Recipient[]> {
  const all = await privateRecipients(db, config)
  const secretaries = await db.roomMembership.findMany({ where: { roomId, role: 'secretary' }, include: { member: true } })
  const names = new Set(secretaries.map((s) => s.member.name))
  const keepers = all.filter((r) => names.has(r.name))
  return keepers.length > 0 ? keepers : all.filter((r) => config.BOT_ADMINS.includes(r.name))
}
