import type { Db } from '../db/client.js'
import { Prisma, type Member, type RoomMembership } from '../generated/prisma/client.js'
import type { ChatPerson } from '../router/message.js'
import { sqlRows } from '../db/direct.js'

export const ROLES = ['member', 'lead', 'secretary'] as const
export type RoleName = (typeof ROLES)[number]
export const ROLE_LABELS: Record<RoleName, string> = { member: '委员', lead: '牵头委员', secretary: '秘书' }

export interface ResolvedMember {
  member: Member
  membership: RoomMembership
}

/**
 * The member behind a chat person in a room, matched by our keys (group alias, WeChat name,
 * registered real name); the puppet contact id only breaks ties. Someone seen for the first
 * time becomes a member of the room, as they are in the group.
 */
export async function resolveRoomMember(
  db: Db,
  roomId: number,
  person: ChatPerson,
  isLiveId: (id: string | null) => boolean = () => false,
): Promise<ResolvedMember> {
  const names = [person.roomAlias, person.name].filter((n): n is string => Boolean(n))
  // A registered real name is for others to find someone by, never for a sender to claim.
  const candidates = (await membershipsMatching(db, roomId, names, person.puppetId)).filter(
    (c) => c.member.puppetContactId === person.puppetId || !isLiveId(c.member.puppetContactId),
  )
  const pick =
    candidates.find((c) => c.member.puppetContactId === person.puppetId) ??
    candidates.find((c) => person.roomAlias !== undefined && c.alias === person.roomAlias) ??
    candidates.find((c) => c.member.name === person.name)
  if (pick) {
    // Writes only when something changed: this runs for every message.
    const member =
      pick.member.name === person.name && pick.member.puppetContactId === person.puppetId
        ? pick.member
        : await db.member.update({ where: { id: pick.memberId }, data: { name: person.name, puppetContactId: person.puppetId } })
    const membership =
      person.roomAlias !== undefined && pick.alias !== person.roomAlias
        ? await db.roomMembership.update({ where: { id: pick.id }, data: { alias: person.roomAlias } })
        : withoutMember(pick)
    return { member, membership }
  }
  // Someone known from another room joins this one: same person when the name matches.
  const known = (await db.member.findMany({ where: { name: person.name }, orderBy: { updatedAt: 'desc' } })).find(
    (m) => m.puppetContactId === person.puppetId || !isLiveId(m.puppetContactId),
  )
  const member = known
    ? await db.member.update({ where: { id: known.id }, data: { puppetContactId: person.puppetId } })
    : await db.member.create({ data: { name: person.name, puppetContactId: person.puppetId } })
  const membership = await db.roomMembership.create({
    data: { roomId, memberId: member.id, alias: person.roomAlias ?? null },
  })
  return { member, membership }
}

type MembershipRow = RoomMembership & Omit<Member, 'id'>

/** Memberships in a room whose alias or WeChat name is one of `names`, or whose contact id is `puppetId`. */
async function membershipsMatching(db: Db, roomId: number, names: string[], puppetId: string) {
  const byName = names.length
    ? Prisma.sql`rm."alias" IN (${Prisma.join(names)}) OR m."name" IN (${Prisma.join(names)}) OR `
    : Prisma.empty
  // Plain SQL: this runs for every message in a bound room.
  const rows = await sqlRows<MembershipRow[]>(db, Prisma.sql`
    SELECT rm."id", rm."roomId", rm."memberId", rm."alias", rm."role",
           m."name", m."realName", m."sector", m."puppetContactId", m."createdAt", m."updatedAt"
    FROM "RoomMembership" rm JOIN "Member" m ON m."id" = rm."memberId"
    WHERE rm."roomId" = ${roomId} AND (${byName}m."puppetContactId" = ${puppetId})
    ORDER BY rm."id"`)
  return rows.map(({ id, roomId, memberId, alias, role, ...member }) => ({
    id, roomId, memberId, alias, role, member: { id: memberId, ...member },
  }))
}

function withoutMember<T extends { member: unknown }>(row: T): Omit<T, 'member'> {
  const { member: _member, ...rest } = row
  return rest
}

/** In a private chat there is no room to scope by: the freshest member with this id or name. */
export async function findMemberInPrivate(db: Db, person: ChatPerson): Promise<Member | undefined> {
  return (
    (await db.member.findFirst({
      where: { puppetContactId: person.puppetId, name: person.name },
    })) ??
    (await db.member.findFirst({ where: { name: person.name }, orderBy: { updatedAt: 'desc' } })) ??
    undefined
  )
}

export async function setRole(db: Db, membershipId: number, role: RoleName): Promise<RoomMembership> {
  return db.roomMembership.update({ where: { id: membershipId }, data: { role } })
}

/** The lead member(s) of a room, for reminders that name them. */
export async function roomMembersWithRole(db: Db, roomId: number, role: RoleName) {
  return db.roomMembership.findMany({ where: { roomId, role }, include: { member: true }, orderBy: { id: 'asc' } })
}

export async function registerMember(
  db: Db,
  memberId: number,
  realName: string,
  sector: string | undefined,
): Promise<Member> {
  return db.member.update({
    where: { id: memberId },
    data: { realName, ...(sector !== undefined ? { sector } : {}) },
  })
}

/** How a member is called in replies: real name if registered, else the WeChat name. */
export function displayName(member: Pick<Member, 'name' | 'realName'>): string {
  return member.realName ?? member.name
}

/** A room member by any name they go by here: group alias, WeChat name or registered real name. */
export async function findRoomMemberByName(db: Db, roomId: number, name: string): Promise<ResolvedMember | undefined> {
  const found = await db.roomMembership.findFirst({
    where: {
      roomId,
      OR: [{ alias: name }, { member: { name } }, { member: { realName: name } }],
    },
    include: { member: true },
    orderBy: { id: 'asc' },
  })
  if (!found) return undefined
  const { member, ...membership } = found
  return { member, membership }
}

/** Names as written, each matched to a member of the room where possible; order kept, repeats dropped. */
export async function matchNames(db: Db, roomId: number, names: readonly string[]): Promise<{ name: string; memberId: number | null }[]> {
  const unique = [...new Set(names)]
  if (unique.length === 0) return []
  // One query for all names (as findRoomMemberByName would match each: the earliest membership).
  const rows = await sqlRows<{ memberId: number; alias: string | null; name: string; realName: string | null }[]>(db, Prisma.sql`
    SELECT rm."memberId", rm."alias", m."name", m."realName"
    FROM "RoomMembership" rm JOIN "Member" m ON m."id" = rm."memberId"
    WHERE rm."roomId" = ${roomId}
      AND (rm."alias" IN (${Prisma.join(unique)}) OR m."name" IN (${Prisma.join(unique)}) OR m."realName" IN (${Prisma.join(unique)}))
    ORDER BY rm."id"`)
  return unique.map((name) => {
    const hit = rows.find((r) => r.alias === name || r.name === name || r.realName === name)
    return { name, memberId: hit?.memberId ?? null }
  })
}

/** Authors of a report or proposal: the first named leads. */
export async function matchAuthors(db: Db, roomId: number, names: readonly string[]) {
  return (await matchNames(db, roomId, names)).map((author, i) => ({ ...author, isLead: i === 0 }))
}
