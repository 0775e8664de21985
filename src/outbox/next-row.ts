import type { Db } from '../db/client.js'
import { Prisma, type OutboxMessage, type Room } from '../generated/prisma/client.js'
import { splitBeside } from '../db/sql.js'

/** How many due rows of the best rank are looked at to pick the next chat: enough for fairness, bounded per send. */
const FAIR_WINDOW = 500

/** A row to send with its bound room (null for a contact or an unbound group), read in the same statement. */
export type NextRow = OutboxMessage & { room: Room | null }

const ROOM_COLUMNS = Object.values(Prisma.RoomScalarFieldEnum)
const roomColumns = Prisma.raw(ROOM_COLUMNS.map((column) => `r."${column}" AS "room.${column}"`).join(', '))

/** Splits the joined row into the outbox row and its room (none when the row has no bound room). */
function withRoom(joined: Record<string, unknown>): NextRow {
  const { head, rows: [room] } = splitBeside([joined], 'room.')
  return { ...(head as OutboxMessage), room: (room as Room | undefined) ?? null }
}

/** The chat a row goes to: a bound room, or a contact or group by its id or name. */
export function chatOf(row: OutboxMessage): string {
  return row.roomId !== null ? `room:${row.roomId}` : `${row.targetKind}:${row.puppetId ?? row.targetName ?? ''}`
}

/**
 * What to send next, rooms waiting for #确认绑定 aside: a reply someone waits for before any
 * push; among the due rows of that rank, the chat served longest ago (`lastServed`: the turn
 * each chat was last served at), so one busy member or a push to a thousand groups never makes
 * another group wait behind it. Else the earliest row that is not due yet, to wake up for.
 * `only`: no other row of this account is pending (rooms on hold aside).
 */
export async function nextRow(
  db: Db,
  account: string,
  now: Date,
  lastServed: ReadonlyMap<string, number>,
): Promise<{ next: NextRow | undefined; only: boolean }> {
  const mine = Prisma.sql`o."account" IN (${account}, '')`
  const due = Prisma.sql`o."notBefore" <= ${now}`
  // One statement: the due rows by rank and age, or if none is due, the one due soonest.
  const rows = (await db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
    SELECT o.*, ${roomColumns} FROM "OutboxMessage" o LEFT JOIN "Room" r ON r."id" = o."roomId"
    WHERE o."status" = 'pending' AND ${mine} AND r."heldAt" IS NULL
    ORDER BY CASE WHEN ${due} THEN 0 ELSE 1 END, CASE WHEN ${due} THEN o."priority" ELSE 0 END,
      CASE WHEN ${due} THEN NULL ELSE o."notBefore" END, o."id"
    LIMIT ${FAIR_WINDOW}`)).map(withRoom)
  const first = rows[0]
  const only = rows.length === 1
  if (!first || first.notBefore.getTime() > now.getTime()) return { next: first, only }
  const rank = rows.filter((r) => r.priority === first.priority && r.notBefore.getTime() <= now.getTime())
  const served = (r: NextRow) => lastServed.get(chatOf(r)) ?? 0
  // The least recently served chat goes first. Only a strictly less served row replaces the
  // best, so among a chat's rows its earliest wins: each chat keeps its own order.
  return { next: rank.reduce((best, r) => (served(r) < served(best) ? r : best)), only }
}
