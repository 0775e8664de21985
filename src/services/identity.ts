import { createHash } from 'node:crypto'
import type { Db, Queryable } from '../db/client.js'
import { Prisma, type AdminGrant, type Member } from '../generated/prisma/client.js'
import { unambiguousCode, type PersonKey } from '../identity/keys.js'
import { monthKeys, refreshActivityMonths, refreshMemberMonthsAfterMerge } from './monthly-rows.js'

const INVITE_TTL_MS = 24 * 60 * 60_000

const hashCode = (code: string) => createHash('sha256').update(code.trim().toUpperCase()).digest('hex')

/** #认证 done: the member is known by `key` for good, and the remark the bot gave their contact is kept. */
export function markVerified(db: Db, memberId: number, key: PersonKey, remark: string, at: Date): Promise<Member> {
  return db.member.update({ where: { id: memberId }, data: { key, remark, verifiedAt: at } })
}

/**
 * Whether `key` holds a claimed, unrevoked admin grant (a grant has a key once claimed), as one
 * SQL value: read alone (isGrantedAdmin) or beside the sender's room (senderBesideRoom).
 */
export const grantedSql = (key: PersonKey): Prisma.Sql => Prisma.sql`EXISTS (SELECT 1 FROM "AdminGrant" WHERE "key" = ${key} AND "revokedAt" IS NULL)`

/** grantedSql's value as read: 1 or 0 on SQLite (a bigint), a boolean on PostgreSQL. */
export const isGranted = (value: unknown): boolean => value === true || (typeof value !== 'boolean' && Number(value) === 1)

export async function isGrantedAdmin(db: Db, key: PersonKey | undefined): Promise<boolean> {
  if (key === undefined) return false
  const [row] = await db.$queryRaw<{ granted: unknown }[]>(Prisma.sql`SELECT ${grantedSql(key)} AS "granted"`)
  return isGranted(row?.granted)
}

/** `npm run admin -- invite`: a single-use code, valid 24 hours; only its hash is stored. */
export async function createAdminInvite(db: Db, label: string | undefined, now: Date): Promise<{ code: string; grant: AdminGrant }> {
  const code = unambiguousCode(8)
  const grant = await db.adminGrant.create({
    data: { codeHash: hashCode(code), label: label ?? null, createdAt: now, expiresAt: new Date(now.getTime() + INVITE_TTL_MS) },
  })
  return { code, grant }
}

export type InviteProblem = 'unknown' | 'expired' | 'used' | 'revoked'

/** The invite a code names, if it can still be claimed. */
export async function claimableInvite(db: Db, code: string, now: Date): Promise<{ grant: AdminGrant } | { problem: InviteProblem }> {
  const grant = await db.adminGrant.findUnique({ where: { codeHash: hashCode(code) } })
  if (!grant) return { problem: 'unknown' }
  if (grant.revokedAt) return { problem: 'revoked' }
  if (grant.claimedAt) return { problem: 'used' }
  if (grant.expiresAt <= now) return { problem: 'expired' }
  return { grant }
}

/** Claims once: of two claims racing, one wins. */
export async function claimInvite(
  db: Db,
  grantId: number,
  claim: { key: PersonKey; remark: string | null; name: string; at: Date },
): Promise<boolean> {
  const taken = await db.adminGrant.findUnique({ where: { key: claim.key } })
  if (taken && taken.id !== grantId && taken.revokedAt === null) return false
  if (taken && taken.id !== grantId) await db.adminGrant.update({ where: { id: taken.id }, data: { key: null } })
  const { count } = await db.adminGrant.updateMany({
    where: { id: grantId, claimedAt: null, revokedAt: null },
    data: { claimedAt: claim.at, claimedByName: claim.name, key: claim.key, remark: claim.remark },
  })
  return count === 1
}

export function listAdminGrants(db: Db): Promise<AdminGrant[]> {
  return db.adminGrant.findMany({ orderBy: { id: 'asc' } })
}

export async function revokeAdminGrant(db: Db, id: number, at: Date): Promise<AdminGrant | undefined> {
  const { count } = await db.adminGrant.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } })
  return count === 1 ? ((await db.adminGrant.findUnique({ where: { id } })) ?? undefined) : undefined
}

/** Admins who claimed an invite, for private notices and pushes. */
export function activeGrants(db: Db): Promise<AdminGrant[]> {
  return db.adminGrant.findMany({ where: { revokedAt: null, claimedAt: { not: null } }, orderBy: { id: 'asc' } })
}

/**
 * Every column naming a member that a merge moves as it is (test/services/merge.test.ts checks
 * the schema's member columns against this list and MEMBER_ID_COLUMNS_APART).
 */
export const MEMBER_ID_COLUMNS = [
  ['Activity', 'reporterId'],
  ['ActivityParticipant', 'memberId'],
  ['OpinionReport', 'reporterId'],
  ['OpinionAuthor', 'memberId'],
  ['Proposal', 'reporterId'],
  ['ProposalAuthor', 'memberId'],
  ['ResearchReport', 'reporterId'],
  ['ResearchAuthor', 'memberId'],
  ['ConferenceSpeech', 'reporterId'],
  ['SpeechAuthor', 'memberId'],
  ['Draft', 'memberId'],
  ['PlannedActivity', 'createdById'],
  ['MessageLog', 'memberId'],
] as const

/** Member columns a merge handles on its own: memberships (one per room, the higher role kept) and the monthly rows (recounted). */
export const MEMBER_ID_COLUMNS_APART = [
  ['RoomMembership', 'memberId'],
  ['MemberMonth', 'memberId'],
] as const

/**
 * An activity that named both (two names of one person) keeps the first: a member takes part in
 * an activity once, in its figures and its score, and the activity's members named but not
 * written (委员人数 less its names) are recounted for its month. Its own text keeps both names.
 */
async function dropTwiceNamed(tx: Queryable, intoId: number): Promise<void> {
  const twice = await tx.$queryRaw<{ id: number; roomId: number; date: string }[]>(Prisma.sql`
    SELECT p."id", a."roomId", a."date" FROM "ActivityParticipant" p JOIN "Activity" a ON a."id" = p."activityId"
    WHERE p."memberId" = ${intoId}
      AND p."id" NOT IN (SELECT MIN(q."id") FROM "ActivityParticipant" q WHERE q."memberId" = ${intoId} GROUP BY q."activityId")`)
  if (twice.length === 0) return
  await tx.$executeRaw(Prisma.sql`DELETE FROM "ActivityParticipant" WHERE "id" IN (${Prisma.join(twice.map((t) => t.id))})`)
  for (const roomId of new Set(twice.map((t) => t.roomId))) {
    await refreshActivityMonths(tx, roomId, monthKeys(...twice.filter((t) => t.roomId === roomId).map((t) => t.date)))
  }
}

/**
 * `from` was proven to be the same person as `into` (one contact id within one login): its
 * records, memberships and roles move over and `from` goes. Where both were in a room, the
 * higher role stays.
 */
export async function mergeMember(db: Db, fromId: number, intoId: number): Promise<void> {
  if (fromId === intoId) return
  const rank = { member: 0, lead: 1, secretary: 2 } as Record<string, number>
  await db.$transaction(async (tx) => {
    const from = await tx.member.findUnique({ where: { id: fromId }, include: { memberships: true } })
    if (!from) return
    const intoMemberships = await tx.roomMembership.findMany({ where: { memberId: intoId } })
    for (const m of from.memberships) {
      const twin = intoMemberships.find((t) => t.roomId === m.roomId)
      if (!twin) {
        await tx.roomMembership.update({ where: { id: m.id }, data: { memberId: intoId } })
      } else if ((rank[m.role] ?? 0) > (rank[twin.role] ?? 0)) {
        await tx.roomMembership.update({ where: { id: twin.id }, data: { role: m.role } })
      }
    }
    for (const [table, column] of MEMBER_ID_COLUMNS) {
      const [t, c] = [Prisma.raw(`"${table}"`), Prisma.raw(`"${column}"`)]
      await tx.$executeRaw(Prisma.sql`UPDATE ${t} SET ${c} = ${intoId} WHERE ${c} = ${fromId}`)
    }
    await dropTwiceNamed(tx, intoId)
    await refreshMemberMonthsAfterMerge(tx, fromId, intoId)
    const into = await tx.member.findUniqueOrThrow({ where: { id: intoId } })
    await tx.member.update({
      where: { id: intoId },
      data: { realName: into.realName ?? from.realName, sector: into.sector ?? from.sector },
    })
    await tx.member.delete({ where: { id: fromId } })
  })
}
