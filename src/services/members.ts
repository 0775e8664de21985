import type { Db } from '../db/client.js'
import { Prisma, type Member, type RoomMembership } from '../generated/prisma/client.js'
import { namesOf, type ChatPerson } from '../chat/message.js'
import type { PersonKey } from '../identity/keys.js'
import type { LoginSession } from '../identity/session.js'
import { grantedSql, isGranted, mergeMember } from './identity.js'
import { goingByOf, goingBySql, membershipsGoingBy, namesOfRow, peopleNamed, pickByName, uniqueNames, withoutMember, type GoingBy, type GoingByQuery, type NamedPerson } from './going-by.js'
import type { BesideRoom } from './room-binding.js'

export const ROLES = ['member', 'lead', 'secretary'] as const
export type RoleName = (typeof ROLES)[number]
export const ROLE_LABELS: Record<RoleName, string> = { member: '委员', lead: '牵头委员', secretary: '秘书' }

export interface ResolvedMember {
  member: Member
  membership: RoomMembership
}

/** How a sender was tied to their member record; only a key holds across logins. */
export type TiedBy = 'key' | 'session' | 'name' | 'new'

export interface SenderMember extends ResolvedMember {
  tiedBy: TiedBy
  /** Members of this room the sender could not be told apart from (same name, no key): they get none of their rights. */
  ambiguousWith: string[]
}

export interface ResolveOptions {
  key: PersonKey | undefined
  session: LoginSession
  /** Contact ids survive logins (puppet-service): a cached id is as good as a key. */
  stableIds: boolean
  /** Other people in the live group, to tell whether a name is unique there. */
  groupPuppetId: string | undefined
}

/**
 * The member behind a chat person in a room. A key (remark token, stable id, listed remark)
 * decides. Without one: a contact id tied to a member earlier in this login; else a name the
 * member went by here, taken only when exactly one unkeyed member of the room goes by it and
 * nobody else in the live group does. Anything else is a new member of this room: a name never
 * hands over someone else's record, and an unkeyed person is never matched across rooms.
 * `read`: the person's memberships here, if read already (senderBesideRoom).
 */
export async function resolveRoomMember(db: Db, roomId: number, person: ChatPerson, options: ResolveOptions, read?: GoingBy[]): Promise<SenderMember> {
  const { key, session } = options
  const idIsProof = (id: string | null) => id === person.puppetId && (options.stableIds || session.isLiveContact(id))
  const names = namesOf(person)
  const rows = read ?? (await membershipsGoingBy(db, roomId, goesByOf(person, key)))
  const unkeyed = rows.filter((r) => r.member.key === null)
  const sameContact = unkeyed.find((r) => idIsProof(r.member.puppetContactId))

  if (key) {
    // A keyed member of this room came with the rows; one who is new here is read.
    let member = rows.find((r) => r.member.key === key)?.member ?? (await db.member.findUnique({ where: { key } }))
    const merging = member !== null && sameContact !== undefined && sameContact.memberId !== member.id
    if (merging) await mergeMember(db, sameContact!.memberId, member!.id)
    else if (!member && sameContact) member = await db.member.update({ where: { id: sameContact.memberId }, data: { key } })
    member ??= await db.member.create({ data: { name: person.name, puppetContactId: person.puppetId, key } })
    // After a merge the membership (and its role) changed: read it again.
    const known = merging ? undefined : rows.find((r) => r.memberId === member!.id)
    return { ...(await keepFresh(db, roomId, member, person, known)), tiedBy: 'key', ambiguousWith: [] }
  }
  if (sameContact) {
    const fresh = await keepFresh(db, roomId, sameContact.member, person, sameContact)
    return { ...fresh, tiedBy: 'session', ambiguousWith: session.ambiguityOf(fresh.member.id) }
  }
  // Unkeyed members not tied to another contact this login, going by one of the sender's names.
  const byName = unkeyed.filter(
    (r) => !session.isLiveContact(r.member.puppetContactId) && ((r.alias !== null && names.includes(r.alias)) || names.includes(r.member.name)),
  )
  if (byName.length === 1 && (await nobodyElseGoesBy(session, options.groupPuppetId, person, namesOfRow(byName[0]!)))) {
    const fresh = await keepFresh(db, roomId, byName[0]!.member, person, byName[0])
    session.tie(person.puppetId, fresh.member.id, 'by-name')
    return { ...fresh, tiedBy: 'name', ambiguousWith: [] }
  }
  const member = await db.member.create({ data: { name: person.name, puppetContactId: person.puppetId } })
  const ambiguousWith = byName.map((r) => displayName(r.member))
  session.tie(person.puppetId, member.id, 'created', ambiguousWith)
  const membership = await db.roomMembership.create({ data: { roomId, memberId: member.id, alias: person.roomAlias ?? null } })
  return { member, membership, tiedBy: 'new', ambiguousWith }
}

/** What a chat person may go by in a room: their names, their contact id. */
const goesByOf = (person: ChatPerson, key: PersonKey | undefined): GoingByQuery => ({ names: namesOf(person), puppetId: person.puppetId, ...(key ? { key } : {}) })

/** Who the sender is in a room: their memberships (resolveRoomMember) and, for a key, its admin grant. */
export interface SenderHere {
  goingBy: GoingBy[]
  /** Undefined when not read: no key, or no membership row to carry it (then read it alone). */
  granted: boolean | undefined
}

/**
 * What every message in a room asks about its sender, to be read beside the room's own row in
 * one statement (RoomBinding.forGroup): the memberships resolveRoomMember reads, and whether
 * the sender's key holds an admin grant.
 */
export function senderBesideRoom(person: ChatPerson, key: PersonKey | undefined): BesideRoom<SenderHere> {
  const prefix = 'going.'
  return {
    prefix,
    sql: (roomId) => {
      const rows = goingBySql(roomId, goesByOf(person, key), prefix)
      return key && rows ? Prisma.sql`SELECT gb.*, ${grantedSql(key)} AS ${Prisma.raw(`"${prefix}granted"`)} FROM (${rows}) gb` : rows
    },
    read: (rows) => ({ goingBy: goingByOf(rows), granted: key && rows.length > 0 ? isGranted(rows[0]!['granted']) : undefined }),
  }
}

/** Members known by a key (the operator's admins, verified people), oldest first. */
export function keyedMembers(db: Db): Promise<Member[]> {
  return db.member.findMany({ where: { key: { not: null } }, orderBy: { id: 'asc' } })
}

/** Members of these rooms who registered a real name or are among `named` (see rollOfRooms), with their memberships. */
export function registeredOrNamed(db: Db, roomIds: number[], named: number[]) {
  return db.member.findMany({
    where: { memberships: { some: { roomId: { in: roomIds } } }, OR: [{ realName: { not: null } }, { id: { in: named } }] },
    orderBy: { id: 'asc' },
    include: { memberships: true },
  })
}

/** True when no one in the live group but the sender goes by one of `names`. */
async function nobodyElseGoesBy(session: LoginSession, groupPuppetId: string | undefined, sender: ChatPerson, names: string[]): Promise<boolean> {
  if (!groupPuppetId || !session.directory) return false
  const group = await session.directory.group(groupPuppetId)
  if (!group) return false
  return !group.members.some(
    (p) => p.puppetId !== sender.puppetId && namesOf(p).some((n) => names.includes(n)),
  )
}

/**
 * The member's cached name, contact id and group alias follow what was just seen; writes only on
 * change, and reads the membership only when the lookup did not already bring it (every message runs this).
 */
async function keepFresh(db: Db, roomId: number, member: Member, person: ChatPerson, known?: GoingBy): Promise<ResolvedMember> {
  const fresh =
    member.name === person.name && member.puppetContactId === person.puppetId
      ? member
      : await db.member.update({ where: { id: member.id }, data: { name: person.name, puppetContactId: person.puppetId } })
  const membership = known ? withoutMember(known) : await db.roomMembership.findUnique({ where: { roomId_memberId: { roomId, memberId: member.id } } })
  if (!membership) {
    return { member: fresh, membership: await db.roomMembership.create({ data: { roomId, memberId: member.id, alias: person.roomAlias ?? null } }) }
  }
  if (person.roomAlias !== undefined && membership.alias !== person.roomAlias) {
    return { member: fresh, membership: await db.roomMembership.update({ where: { id: membership.id }, data: { alias: person.roomAlias } }) }
  }
  return { member: fresh, membership }
}

/** In a private chat only a key says who someone is: an unverified contact has no member record here. */
export async function findMemberInPrivate(db: Db, key: PersonKey | undefined): Promise<Member | undefined> {
  return key === undefined ? undefined : ((await db.member.findUnique({ where: { key } })) ?? undefined)
}

export async function setRole(db: Db, membershipId: number, role: RoleName): Promise<RoomMembership> {
  return db.roomMembership.update({ where: { id: membershipId }, data: { role } })
}

/** The lead member(s) of a room, for reminders that name them. */
export async function roomMembersWithRole(db: Db, roomId: number, role: RoleName) {
  return db.roomMembership.findMany({ where: { roomId, role }, include: { member: true }, orderBy: { id: 'asc' } })
}

/** Another member of the room already registered under this real name (#登记 refuses a second). */
export function realNameTakenBy(db: Db, roomId: number, realName: string, exceptMemberId: number) {
  return db.roomMembership.findFirst({
    where: { roomId, memberId: { not: exceptMemberId }, member: { realName } },
    include: { member: true },
  })
}

export function findMember(db: Db, id: number): Promise<Member | null> {
  return db.member.findUnique({ where: { id } })
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

/** A room member by any name they go by here (see pickByName). */
export async function findRoomMemberByName(db: Db, roomId: number, name: string): Promise<ResolvedMember | 'ambiguous' | undefined> {
  const found = pickByName(await membershipsGoingBy(db, roomId, { names: [name], realNames: [name] }), name)
  return found === 'ambiguous' || found === undefined ? found : { member: found.member, membership: withoutMember(found) }
}

/**
 * Names as written, matched to members of the room (see peopleNamed). `had`: the record's
 * people before an edit; a name it already credited to a member stays with that member, so an
 * edit of another field never hands the credit to whoever goes by the name now.
 */
export async function matchNames(db: Db, roomId: number, names: readonly string[], had: readonly NamedPerson[] = []): Promise<NamedPerson[]> {
  const unique = uniqueNames(names)
  if (unique.length === 0) return []
  const credited = new Map(had.filter((p) => p.memberId !== null).map((p) => [p.name, p.memberId!]))
  const looked = unique.filter((name) => !credited.has(name))
  const rows = looked.length > 0 ? await membershipsGoingBy(db, roomId, { names: looked, realNames: looked }) : []
  return peopleNamed(rows, unique, credited)
}

/** Every name the room's members go by (registered name, WeChat name, group alias): the roster a voice message is read against. */
export async function rosterNames(db: Db, roomId: number): Promise<string[]> {
  const rows = await db.roomMembership.findMany({ where: { roomId }, select: { alias: true, member: { select: { name: true, realName: true } } } })
  return rows.flatMap((r) => [r.member.realName, r.member.name, r.alias]).filter((n): n is string => Boolean(n))
}

/**
 * A member's author rows, one per record: two names of one person on a record (a name and a
 * group alias, or two members since merged) count once, and as the lead when either led.
 */
export function onePerRecord<R extends { id: number }>(rows: readonly { record: R; isLead: boolean }[]): { record: R; isLead: boolean }[] {
  const byRecord = new Map<number, { record: R; isLead: boolean }>()
  for (const row of rows) {
    const seen = byRecord.get(row.record.id)
    if (!seen || (row.isLead && !seen.isLead)) byRecord.set(row.record.id, row)
  }
  return [...byRecord.values()]
}

/**
 * A record's authors as written, the first leading; `had` as in matchNames. None written means
 * the member who sent it, known by who sent it (their key or contact), never by the name they go by.
 */
export async function authorsOf(db: Db, record: { roomId: number; reporterId: number | null | undefined; reporterName: string }, names: readonly string[], had: readonly NamedPerson[] = []) {
  if (names.length === 0) return [{ name: record.reporterName, memberId: record.reporterId ?? null, isLead: true }]
  return (await matchNames(db, record.roomId, names, had)).map((author, i) => ({ ...author, isLead: i === 0 }))
}
