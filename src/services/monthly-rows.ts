import type { Db, Queryable } from '../db/client.js'
import { Prisma } from '../generated/prisma/client.js'

// Digests read per-room monthly figures, not every record: at province scale (1,000 rooms
// × 10 years, millions of activities, two million reports) a cross-room year is then rows per
// room and month. The monthly rows are recounted from the records of the months a change
// touches, in the change's transaction, so they cannot drift from the records
// (test/services/monthly-rows.test.ts checks this). Activities: ActivityMonth (by type and
// brand) and MemberMonth; 社情民意: OpinionMonth.

/** The months `YYYY-MM` of these dates, once each. */
export const monthKeys = (...dates: string[]): string[] => [...new Set(dates.map((d) => d.slice(0, 7)))]

/** `<alias>."date"` within any of the months (date strings compare in calendar order; no day is '32'). */
function inMonths(months: string[], alias: 'a' | 'r' = 'a'): Prisma.Sql {
  const date = Prisma.raw(`${alias}."date"`)
  return Prisma.sql`(${Prisma.join(months.map((m) => Prisma.sql`(${date} >= ${`${m}-01`} AND ${date} < ${`${m}-32`})`), ' OR ')})`
}

/** Members counted but not named: a count of six with two names has four. */
export const unnamedCount = (memberCount: number | null, named: number): number => Math.max(0, (memberCount ?? 0) - named)

const named = Prisma.sql`(SELECT COUNT(*) FROM "ActivityParticipant" p WHERE p."activityId" = a."id")`
/** `unnamedCount` of activity `a` in SQL. */
export const unnamedCountSql = Prisma.sql`CASE WHEN a."memberCount" > ${named} THEN a."memberCount" - ${named} ELSE 0 END`

/** A member by id, a name matched to nobody by the name: the key of a MemberMonth row. */
const memberKey = (p: { memberId: number | null; name: string }) => (p.memberId === null ? `n${p.name}` : `m${p.memberId}`)
const memberKeySql = Prisma.sql`CASE WHEN p."memberId" IS NULL THEN 'n' || p."name" ELSE 'm' || CAST(p."memberId" AS TEXT) END`

async function recount(tx: Queryable, where: Prisma.Sql): Promise<void> {
  await tx.$executeRaw(Prisma.sql`
      INSERT INTO "ActivityMonth" ("roomId", "month", "type", "brand", "activities", "participants", "reach", "unnamedMemberTimes")
      SELECT a."roomId", substr(a."date", 1, 7), a."type", COALESCE(a."brand", ''), COUNT(*),
        COALESCE(SUM(a."participants"), 0), COALESCE(SUM(a."reach"), 0),
        COALESCE(SUM(${unnamedCountSql}), 0)
      FROM "Activity" a WHERE a."withdrawn" = false AND ${where}
      GROUP BY a."roomId", substr(a."date", 1, 7), a."type", COALESCE(a."brand", '')`)
  await recountMembers(tx, where)
}

/** MemberMonth rows of the activities `a` and participants `p` that `where` selects. */
async function recountMembers(tx: Queryable, where: Prisma.Sql): Promise<void> {
  await tx.$executeRaw(Prisma.sql`
      INSERT INTO "MemberMonth" ("roomId", "month", "key", "memberId", "name", "times")
      SELECT a."roomId", substr(a."date", 1, 7), ${memberKeySql}, p."memberId", MIN(p."name"), COUNT(*)
      FROM "Activity" a JOIN "ActivityParticipant" p ON p."activityId" = a."id"
      WHERE a."withdrawn" = false AND ${where}
      GROUP BY a."roomId", substr(a."date", 1, 7), p."memberId", ${memberKeySql}`)
}

/**
 * After `from`'s participations moved to `into` (mergeMember, in its transaction): both members'
 * rows recounted, in the rooms `into` now took part in (the key's rows, by the primary key).
 */
export async function refreshMemberMonthsAfterMerge(tx: Queryable, fromId: number, intoId: number): Promise<void> {
  const rooms = Prisma.sql`SELECT DISTINCT a."roomId" FROM "ActivityParticipant" p JOIN "Activity" a ON a."id" = p."activityId" WHERE p."memberId" = ${intoId}`
  await tx.$executeRaw(Prisma.sql`DELETE FROM "MemberMonth" WHERE "roomId" IN (${rooms}) AND "key" IN (${`m${fromId}`}, ${`m${intoId}`})`)
  await recountMembers(tx, Prisma.sql`p."memberId" = ${intoId}`)
}

/**
 * Recounts a room's monthly rows for the months a change touched (an edit that moves the date
 * touches two). Call it inside the change's transaction, after the change.
 */
export async function refreshActivityMonths(tx: Queryable, roomId: number, months: string[]): Promise<void> {
  if (months.length === 0) return
  const list = Prisma.join(months)
  await tx.$executeRaw(Prisma.sql`DELETE FROM "ActivityMonth" WHERE "roomId" = ${roomId} AND "month" IN (${list})`)
  await tx.$executeRaw(Prisma.sql`DELETE FROM "MemberMonth" WHERE "roomId" = ${roomId} AND "month" IN (${list})`)
  await recount(tx, Prisma.sql`a."roomId" = ${roomId} AND ${inMonths(months)}`)
}

/** Every monthly row recounted from all records (a data import, the benchmark's generated book). */
export async function rebuildMonthlyRows(db: Db): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.$executeRaw(Prisma.sql`DELETE FROM "ActivityMonth"`)
    await tx.$executeRaw(Prisma.sql`DELETE FROM "MemberMonth"`)
    await tx.$executeRaw(Prisma.sql`DELETE FROM "OpinionMonth"`)
    await recount(tx, Prisma.sql`1 = 1`)
    await recountOpinions(tx, Prisma.sql`1 = 1`)
  })
}

/**
 * A new activity adds exactly its own share to its month: two upserts instead of a recount, on
 * the path every recorded message takes. Commit them with the activity.
 */
export function activityMonthStatements(
  activity: { roomId: number; date: string; type: string; brand: string | null; participants: number | null; reach: number | null; memberCount: number | null },
  people: readonly { memberId: number | null; name: string }[],
): Prisma.Sql[] {
  const month = activity.date.slice(0, 7)
  const unnamed = unnamedCount(activity.memberCount, people.length)
  const activityMonth = Prisma.sql`
    INSERT INTO "ActivityMonth" ("roomId", "month", "type", "brand", "activities", "participants", "reach", "unnamedMemberTimes")
    VALUES (${activity.roomId}, ${month}, ${activity.type}, ${activity.brand ?? ''}, 1, ${activity.participants ?? 0}, ${activity.reach ?? 0}, ${unnamed})
    ON CONFLICT ("roomId", "month", "type", "brand") DO UPDATE SET
      "activities" = "ActivityMonth"."activities" + 1,
      "participants" = "ActivityMonth"."participants" + excluded."participants",
      "reach" = "ActivityMonth"."reach" + excluded."reach",
      "unnamedMemberTimes" = "ActivityMonth"."unnamedMemberTimes" + excluded."unnamedMemberTimes"`
  // matchNames gives each member and each unmatched name once: one row per key.
  if (people.length === 0) return [activityMonth]
  const rows = people.map((p) => Prisma.sql`(${activity.roomId}, ${month}, ${memberKey(p)}, ${p.memberId}, ${p.name}, 1)`)
  return [activityMonth, Prisma.sql`
    INSERT INTO "MemberMonth" ("roomId", "month", "key", "memberId", "name", "times") VALUES ${Prisma.join(rows)}
    ON CONFLICT ("roomId", "month", "key") DO UPDATE SET
      "times" = "MemberMonth"."times" + excluded."times",
      "name" = CASE WHEN excluded."name" < "MemberMonth"."name" THEN excluded."name" ELSE "MemberMonth"."name" END`]
}

// A report is resolved once it has an 办结 step: counted in the month it was collected.
const resolvedSql = Prisma.sql`CASE WHEN EXISTS (SELECT 1 FROM "OpinionEvent" e WHERE e."reportId" = r."id" AND e."kind" = 'resolved') THEN 1 ELSE 0 END`

async function recountOpinions(tx: Queryable, where: Prisma.Sql): Promise<void> {
  await tx.$executeRaw(Prisma.sql`
      INSERT INTO "OpinionMonth" ("roomId", "month", "reports", "resolved")
      SELECT r."roomId", substr(r."date", 1, 7), COUNT(*), SUM(${resolvedSql})
      FROM "OpinionReport" r WHERE r."withdrawn" = false AND ${where}
      GROUP BY r."roomId", substr(r."date", 1, 7)`)
}

/**
 * Recounts a room's 社情民意 rows for the months a change touched (`monthKeys` of the collection
 * dates: an edit that moves the date touches two; an 办结 added or taken back, the month of
 * its report). Call it inside the change's transaction, after the change.
 */
export async function refreshOpinionMonths(tx: Queryable, roomId: number, months: string[]): Promise<void> {
  if (months.length === 0) return
  await tx.$executeRaw(Prisma.sql`DELETE FROM "OpinionMonth" WHERE "roomId" = ${roomId} AND "month" IN (${Prisma.join(months)})`)
  await recountOpinions(tx, Prisma.sql`r."roomId" = ${roomId} AND ${inMonths(months, 'r')}`)
}
