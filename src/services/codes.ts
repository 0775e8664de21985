import type { Queryable } from '../db/client.js'
import { Prisma } from '../generated/prisma/client.js'

/** Takes the next number of a letter's counter. Counters only go up: ids are never reused. */
const bumpSql = (letter: string) => Prisma.sql`
  INSERT INTO "RecordCounter" ("letter", "last") VALUES (${letter}, 1)
  ON CONFLICT ("letter") DO UPDATE SET "last" = "RecordCounter"."last" + 1`

const lastSql = (letter: string) => Prisma.sql`(SELECT "last" FROM "RecordCounter" WHERE "letter" = ${letter})`

/** The next short id for a letter (A12, M7 …), taken in the caller's transaction. */
export async function nextCode(on: Queryable, letter: string): Promise<string> {
  const [counter] = await on.$queryRaw<{ last: number }[]>(Prisma.sql`${bumpSql(letter)} RETURNING "last"`)
  return codeOf(letter, counter!.last)
}

/**
 * For a commit that is one batch of statements (no reads between them): the code is read
 * before it (`nextCodeSql` in a query) and claimed in it. `claimSql` takes the counter's next
 * number; `claimedCodeSql` is the code to write, or NULL if another writer took that number
 * first, which fails the record's NOT NULL code column and so the whole commit (then the
 * caller reads again and retries).
 */
export const nextCodeSql = (letter: string) => Prisma.sql`COALESCE(${lastSql(letter)}, 0) + 1`
export const claimSql = bumpSql

export function claimedCodeSql(code: string): Prisma.Sql {
  const { letter, number } = splitCode(code)
  return Prisma.sql`CASE WHEN ${lastSql(letter)} = ${number} THEN ${code} END`
}

export const codeOf = (letter: string, number: number) => `${letter}${number}`

/** After a failed claim: whether the counter has reached the code meanwhile (another writer took it; read again). */
export async function claimOvertaken(on: Queryable, code: string): Promise<boolean> {
  const { letter, number } = splitCode(code)
  const [counter] = await on.$queryRaw<{ last: number | bigint | null }[]>(Prisma.sql`SELECT ${lastSql(letter)} AS "last"`)
  return Number(counter?.last ?? 0) >= number
}

function splitCode(code: string): { letter: string; number: number } {
  return { letter: code.slice(0, 1), number: Number(code.slice(1)) }
}

/** `a12`, `Ａ12`, ` A12 ` → `A12`; anything else → undefined. */
export function normaliseCode(text: string): string | undefined {
  const folded = text.trim().replace(/[Ａ-Ｚａ-ｚ０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
  const match = /^([a-zA-Z])\s*(\d{1,7})$/.exec(folded)
  return match ? `${match[1]!.toUpperCase()}${Number(match[2])}` : undefined
}

