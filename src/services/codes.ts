import type { Queryable } from '../db/client.js'
import { Prisma } from '../generated/prisma/client.js'

/** The next short id for a letter (A12, M7 …). Counters only go up: ids are never reused. */
export async function nextCode(on: Queryable, letter: string): Promise<string> {
  const [counter] = await on.$queryRaw<{ last: number }[]>(Prisma.sql`
    INSERT INTO "RecordCounter" ("letter", "last") VALUES (${letter}, 1)
    ON CONFLICT ("letter") DO UPDATE SET "last" = "RecordCounter"."last" + 1
    RETURNING "last"`)
  return `${letter}${counter!.last}`
}

/** `a12`, `Ａ12`, ` A12 ` → `A12`; anything else → undefined. */
export function normaliseCode(text: string): string | undefined {
  const folded = text.trim().replace(/[Ａ-Ｚａ-ｚ０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
  const match = /^([a-zA-Z])\s*(\d{1,7})$/.exec(folded)
  return match ? `${match[1]!.toUpperCase()}${Number(match[2])}` : undefined
}

