import type { Db } from '../db/client.js'
import type { Outbox, OutboxTarget } from '../outbox/outbox.js'
import type { KeySettings } from '../identity/keys.js'
import { activeGrants } from './identity.js'

export interface Recipient {
  /** For logs and texts only: private messages are routed by `target`, never by a name. */
  name: string
  /** The person's key: one message per person and push. */
  key: string
  target: OutboxTarget
  /** Rooms whose figures this person may see. */
  roomIds: number[]
  isAdmin: boolean
}

/** How to reach a keyed person privately after any re-login: by their remark, or their stable id. */
function targetOfKey(key: string, name: string, remark: string | null): OutboxTarget | undefined {
  if (key.startsWith('w:')) return { kind: 'contact', name, puppetId: key.slice(2) }
  if (key.startsWith('r:')) return { kind: 'contact', name, remark: key.slice(2) }
  return remark ? { kind: 'contact', name, remark } : undefined
}

/**
 * Who gets private pushes: every admin (all rooms) and every verified secretary (their rooms).
 * A secretary who has not done #认证 gets none: a private chat found by name could be anyone's.
 */
export async function privateRecipients(db: Db, keys: KeySettings): Promise<Recipient[]> {
  const allRooms = (await db.room.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((r) => r.id)
  const byKey = new Map<string, Recipient>()
  const add = (key: string, name: string, target: OutboxTarget | undefined, roomIds: number[], isAdmin: boolean) => {
    const known = byKey.get(key)
    if (known) {
      for (const id of roomIds) if (!known.roomIds.includes(id)) known.roomIds.push(id)
      return
    }
    if (target) byKey.set(key, { name, key, target, roomIds: [...roomIds], isAdmin })
  }
  for (const remark of keys.admins) add(`r:${remark}`, remark, { kind: 'contact', name: remark, remark }, allRooms, true)
  for (const grant of await activeGrants(db)) {
    const name = grant.label ?? grant.claimedByName ?? '管理员'
    add(grant.key!, name, targetOfKey(grant.key!, name, grant.remark), allRooms, true)
  }
  const secretaries = await db.roomMembership.findMany({
    where: { role: 'secretary', member: { key: { not: null } } },
    include: { member: true },
    orderBy: { id: 'asc' },
  })
  for (const s of secretaries) {
    const name = s.member.realName ?? s.member.name
    add(s.member.key!, name, targetOfKey(s.member.key!, name, s.member.remark), [s.roomId], false)
  }
  return [...byKey.values()]
}

/** The verified secretaries of one room, or the admins when it has none: who follows up its reports. */
export async function roomKeepers(db: Db, keys: KeySettings, roomId: number): Promise<Recipient[]> {
  const all = await privateRecipients(db, keys)
  const secretaries = await db.roomMembership.findMany({ where: { roomId, role: 'secretary', member: { key: { not: null } } }, include: { member: true } })
  const secretaryKeys = new Set(secretaries.map((s) => s.member.key!))
  const keepers = all.filter((r) => secretaryKeys.has(r.key))
  return keepers.length > 0 ? keepers : all.filter((r) => r.isAdmin)
}

/** A private notice to every admin, once per admin under `key` (a key seen before queues nothing). */
export async function tellAdmins(
  services: { db: Db; keys: KeySettings; outbox: Pick<Outbox, 'enqueue'> },
  text: string,
  key: string,
): Promise<void> {
  for (const admin of (await privateRecipients(services.db, services.keys)).filter((r) => r.isAdmin)) {
    await services.outbox.enqueue(admin.target, { text }, `${key}:${admin.key}`)
  }
}
