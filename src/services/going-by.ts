import type { Db } from '../db/client.js'
import { Prisma, type Member, type RoomMembership } from '../generated/prisma/client.js'

/** Who in a room goes by which name: a membership with its member. */
export type GoingBy = RoomMembership & { member: Member }

/** What to look for: group aliases or WeChat names, registered real names, a contact id, a key. */
export interface GoingByQuery {
  names: readonly string[]
  realNames?: readonly string[]
  puppetId?: string
  key?: string
}

/** What telling members apart by their names needs of a membership (see pickByName). */
export type NameRow = Pick<RoomMembership, 'id' | 'memberId' | 'alias'> & { member: Pick<Member, 'name' | 'realName'> }

const MEMBERSHIP_COLUMNS = ['id', 'roomId', 'memberId', 'alias', 'role'] as const
const MEMBER_COLUMNS = ['name', 'realName', 'sector', 'puppetContactId', 'key', 'remark', 'verifiedAt', 'createdAt', 'updatedAt'] as const
/** The columns of NameRow: each row read costs, and a record's named people need no more. */
const NAME_COLUMNS = { membership: ['id', 'memberId', 'alias'], member: ['name', 'realName'] } as const

/**
 * The memberships of a room, with their members, that go by one of `names` (group alias or
 * WeChat name), by one of `realNames`, by the contact id `puppetId` or by `key`; each column named
 * `${prefix}column`, so a caller can read them beside another row in the same statement
 * (see besideRows); all columns (goingByOf), or those of NameRow (nameRowsOf). Undefined when
 * there is nothing to look for.
 */
export function goingBySql(roomId: number, by: GoingByQuery, prefix = '', only: 'all' | 'names' = 'all'): Prisma.Sql | undefined {
  const matches: Prisma.Sql[] = []
  if (by.names.length > 0) matches.push(Prisma.sql`rm."alias" IN (${Prisma.join(by.names)})`, Prisma.sql`m."name" IN (${Prisma.join(by.names)})`)
  if (by.realNames?.length) matches.push(Prisma.sql`m."realName" IN (${Prisma.join(by.realNames)})`)
  if (by.puppetId !== undefined) matches.push(Prisma.sql`m."puppetContactId" = ${by.puppetId}`)
  if (by.key !== undefined) matches.push(Prisma.sql`m."key" = ${by.key}`)
  if (matches.length === 0) return undefined
  const picked = only === 'all' ? { membership: MEMBERSHIP_COLUMNS, member: MEMBER_COLUMNS } : NAME_COLUMNS
  const columns = [...picked.membership.map((c) => `rm."${c}" AS "${prefix}${c}"`), ...picked.member.map((c) => `m."${c}" AS "${prefix}${c}"`)]
  return Prisma.sql`SELECT ${Prisma.raw(columns.join(', '))}
    FROM "RoomMembership" rm JOIN "Member" m ON m."id" = rm."memberId"
    WHERE rm."roomId" = ${roomId} AND (${Prisma.join(matches, ' OR ')})`
}

/** Rows of goingBySql (their prefix taken off) as memberships with their members, earliest first. */
export function goingByOf(rows: readonly Record<string, unknown>[]): GoingBy[] {
  return rows
    .map((row) => {
      const membership = Object.fromEntries(MEMBERSHIP_COLUMNS.map((c) => [c, row[c]])) as unknown as RoomMembership
      const member = Object.fromEntries(MEMBER_COLUMNS.map((c) => [c, row[c]])) as Omit<Member, 'id'>
      return { ...membership, member: { id: membership.memberId, ...member } }
    })
    .sort((a, b) => a.id - b.id)
}

/** Rows of goingBySql with only the NameRow columns (prefix taken off), earliest first. */
export function nameRowsOf(rows: readonly Record<string, unknown>[]): NameRow[] {
  return rows
    .map((row) => ({ id: row.id as number, memberId: row.memberId as number, alias: row.alias as string | null, member: { name: row.name as string, realName: row.realName as string | null } }))
    .sort((a, b) => a.id - b.id)
}

/**
 * Memberships going by a name or contact id (see goingBySql), read alone: for a group's first
 * message in a login, a name in a command or a record edit (a confirmed group's messages read
 * them with the room, senderBesideRoom).
 */
export async function membershipsGoingBy(db: Db, roomId: number, by: GoingByQuery): Promise<GoingBy[]> {
  const sql = goingBySql(roomId, by)
  return sql ? goingByOf(await db.$queryRaw<Record<string, unknown>[]>(sql)) : []
}

/** The membership without its member. */
export function withoutMember(row: GoingBy): RoomMembership {
  const { member: _member, ...membership } = row
  return membership
}

/** Every name a membership goes by here: the member's WeChat name and the group alias. */
export function namesOfRow(row: NameRow): string[] {
  return [row.member.name, ...(row.alias ? [row.alias] : [])]
}

/**
 * The one member of the room a written name means: a registered real name first (only the
 * secretary's books vouch for it), else a group alias or WeChat name. Two members going by the
 * name is 'ambiguous': a name anyone can take never picks one of them.
 */
export function pickByName<R extends NameRow>(rows: readonly R[], name: string): R | 'ambiguous' | undefined {
  for (const goesBy of [(r: R) => r.member.realName === name, (r: R) => r.alias === name || r.member.name === name]) {
    const hits = rows.filter(goesBy)
    if (new Set(hits.map((r) => r.memberId)).size > 1) return 'ambiguous'
    if (hits[0]) return hits[0]
  }
  return undefined
}

/** A person named in a record: a member of the room, or (unmatched or ambiguous) just the name as written. */
export interface NamedPerson {
  name: string
  memberId: number | null
}

/** Names as written, without repeats: what to look for (as names and as real names) before peopleNamed. */
export const uniqueNames = (names: readonly string[]): string[] => [...new Set(names)]

/**
 * Names as written, each matched to a member of the room where the name means exactly one,
 * and then listed by their registered real name (海燕🌸 → 宋亚琴), so the secretary sees who
 * was counted; order kept, repeats dropped. An ambiguous name stays unmatched (counted by name).
 * `rows`: the memberships going by these names (goingBySql with them as names and real names).
 * `credited`: names a record already gives to a member, kept (see matchNames).
 */
export function peopleNamed(rows: readonly NameRow[], names: readonly string[], credited: ReadonlyMap<string, number> = new Map()): NamedPerson[] {
  const out: NamedPerson[] = []
  for (const written of uniqueNames(names)) {
    const hit = pickByName(rows, written)
    const person = credited.has(written)
      ? { name: written, memberId: credited.get(written)! }
      : hit === 'ambiguous' || hit === undefined ? { name: written, memberId: null } : { name: hit.member.realName ?? written, memberId: hit.memberId }
    if (!out.some((p) => p.name === person.name || (person.memberId !== null && p.memberId === person.memberId))) out.push(person)
  }
  return out
}
