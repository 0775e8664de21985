import { expect } from 'vitest'
import type { Db } from '../../src/db/client.js'
import { sharesConnection, sqlExecute, sqlRows, sqlTransaction } from '../../src/db/direct.js'
import { Prisma } from '../../src/generated/prisma/client.js'
import { nextCode } from '../../src/services/codes.js'

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


/** `sqlTransaction` commits all or nothing, releases the connection either way, and serialises with other transactions. */
export async function expectDirectTransactions(db: Db) {
  const room = await sqlTransaction(db, async (tx) => {
    const [created] = await tx.rows<{ id: number; name: string; pushEnabled: boolean }[]>(
      Prisma.sql`INSERT INTO "Room" ("name", "kind", "topic", "updatedAt") VALUES (${'事务会客厅'}, ${'会客厅'}, ${'事务群'}, ${new Date()}) RETURNING *`,
    )
    expect(await tx.execute(Prisma.sql`UPDATE "Room" SET "pushEnabled" = ${false} WHERE "id" = ${created!.id}`)).toBe(1)
    return created!
  })
  expect(room).toMatchObject({ name: '事务会客厅', pushEnabled: true })
  expect(await db.room.findUniqueOrThrow({ where: { id: room.id } })).toMatchObject({ pushEnabled: false })

  const failure = sqlTransaction(db, async (tx) => {
    await tx.execute(Prisma.sql`UPDATE "Room" SET "topic" = ${'改了一半'} WHERE "id" = ${room.id}`)
    throw new Error('handler failed')
  })
  await expect(failure).rejects.toThrow('handler failed')
  expect((await db.room.findUniqueOrThrow({ where: { id: room.id } })).topic).toBe('事务群')
  // More failures than PostgreSQL's pool has connections: each one gave its connection (or SQLite's lock) back.
  for (let i = 0; i < 12; i++) {
    await expect(sqlTransaction(db, () => Promise.reject(new Error(`failure ${i}`)))).rejects.toThrow(`failure ${i}`)
  }

  // Two at once, each taking two ids with a pause between: every id once, none lost.
  const takeTwo = () =>
    sqlTransaction(db, async (tx) => {
      const first = await nextCode(tx, 'Q')
      await new Promise((resolve) => setTimeout(resolve, 5))
      return [first, await nextCode(tx, 'Q')]
    })
  // One after the other: each transaction's two ids are consecutive.
  const taken = await Promise.all([takeTwo(), takeTwo()])
  expect(taken.sort((a, b) => a[0]!.localeCompare(b[0]!))).toEqual([['Q1', 'Q2'], ['Q3', 'Q4']])
  expect(await nextCode(db, 'Q')).toBe('Q5')
}
