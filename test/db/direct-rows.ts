import { expect } from 'vitest'
import type { Db } from '../../src/db/client.js'
import { sharesConnection, sqlExecute, sqlRows } from '../../src/db/direct.js'
import { Prisma } from '../../src/generated/prisma/client.js'

/** Rows through the shared adapter connection equal what `$queryRaw` gives (run on SQLite here, on PostgreSQL in postgres.test.ts). */
export async function expectDirectRowsLikePrisma(db: Db) {
  expect(sharesConnection(db)).toBe(true)
  const room = await db.room.create({ data: { name: '平湖健康家园政协委员会客厅', kind: '会客厅', topic: '健康家园群', pushEnabled: false } })
  await db.outboxMessage.create({ data: { targetKind: 'room', roomId: room.id, text: '你好', notBefore: new Date('2022-09-30T02:00:00.123Z') } })
  for (const query of [
    Prisma.sql`SELECT * FROM "Room" WHERE "topic" = ${'健康家园群'}`,
    Prisma.sql`SELECT o.*, r."topic" AS "roomTopic" FROM "OutboxMessage" o LEFT JOIN "Room" r ON r."id" = o."roomId" WHERE o."notBefore" <= ${new Date('2022-09-30T02:00:00.123Z')}`,
  ]) {
    const direct = await sqlRows<Record<string, unknown>[]>(db, query)
    expect(direct).toHaveLength(1)
    expect(direct).toEqual(await db.$queryRaw<Record<string, unknown>[]>(query))
  }
  const [outbox] = await sqlRows<{ notBefore: Date; sentAt: Date | null; attempts: number }[]>(db, Prisma.sql`SELECT * FROM "OutboxMessage"`)
  expect(outbox!.notBefore).toEqual(new Date('2022-09-30T02:00:00.123Z'))
  expect(outbox!.sentAt).toBeNull()
  expect(await sqlExecute(db, Prisma.sql`UPDATE "OutboxMessage" SET "attempts" = ${2} WHERE "id" > ${0}`)).toBe(1)
  expect((await db.outboxMessage.findFirstOrThrow()).attempts).toBe(2)
}

