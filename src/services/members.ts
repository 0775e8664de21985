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
  const candidates = (await membershipsGoingBy(db, roomId, { names, puppetId: person.puppetId })).filter(
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

/**
 * Memberships in a room, each with its member, earliest first, that go by one of `names`
 * (group alias or WeChat name), by one of `realNames`, or by the contact id `puppetId`.
 * Plain SQL: it runs for every message in a bound room.
 */
async function membershipsGoingBy(db: Db, roomId: number, by: { names: string[]; realNames?: string[]; puppetId?: string }) {
  const matches: Prisma.Sql[] = []
  if (by.names.length > 0) matches.push(Prisma.sql`rm."alias" IN (${Prisma.join(by.names)})`, Prisma.sql`m."name" IN (${Prisma.join(by.names)})`)
  if (by.realNames?.length) matches.push(Prisma.sql`m."realName" IN (${Prisma.join(by.realNames)})`)
  if (by.puppetId !== undefined) matches.push(Prisma.sql`m."puppetContactId" = ${by.puppetId}`)
  if (matches.length === 0) return []
  const rows = await sqlRows<MembershipRow[]>(db, Prisma.sql`
    SELECT rm."id", rm."roomId", rm."memberId", rm."alias", rm."role",
           m."name", m."realName", m."sector", m."puppetContactId", m."createdAt", m."updatedAt"
    FROM "RoomMembership" rm JOIN "Member" m ON m."id" = rm."memberId"
    WHERE rm."roomId" = ${roomId} AND (${Prisma.join(matches, ' OR ')})
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
  const [found] = await membershipsGoingBy(db, roomId, { names: [name], realNames: [name] })
  return found && { member: found.member, membership: withoutMember(found) }
}

/** Names as written, each matched to a member of the room where possible; order kept, repeats dropped. */
export async function matchNames(db: Db, roomId: number, names: readonly string[]): Promise<{ name: string; memberId: number | null }[]> {
  const unique = [...new Set(names)]
  if (unique.length === 0) return []
  // One query for all names; each takes the earliest membership going by it, as findRoomMemberByName does.
  const rows = await membershipsGoingBy(db, roomId, { names: unique, realNames: unique })
  return unique.map((name) => {
    const hit = rows.find((r) => r.alias === name || r.member.name === name || r.member.realName === name)
    return { name, memberId: hit?.memberId ?? null }
  })
}

/** Authors of a report or proposal: the first named leads. */
export async function matchAuthors(db: Db, roomId: number, names: readonly string[]) {
  return (await matchNames(db, roomId, names)).map((author, i) => ({ ...author, isLead: i === 0 }))
}
