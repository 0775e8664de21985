import { expect } from 'vitest'
import type { Db } from '../../src/db/client.js'
import { Prisma } from '../../src/generated/prisma/client.js'
import { nextCode } from '../../src/services/codes.js'
import { besideRows, splitBeside } from '../../src/db/sql.js'
import { goingByOf, goingBySql, membershipsGoingBy, nameRowsOf } from '../../src/services/going-by.js'
import { senderBesideRoom } from '../../src/services/members.js'
import { isGrantedAdmin } from '../../src/services/identity.js'
import type { PersonKey } from '../../src/identity/keys.js'

/**
 * The services read rows with `$queryRaw<Model[]>`: the rows must really have the model's shape
 * (dates as Date, booleans as boolean, ids as number) on this database, as the ORM gives them.
 * Run on SQLite in raw-sql.test.ts and on PostgreSQL in postgres.test.ts.
 */
export async function expectRawRowsLikeModels(db: Db) {
  const room = await db.room.create({ data: { name: '平湖健康家园政协委员会客厅', kind: '会客厅', topic: '健康家园群', pushEnabled: false } })
  await db.outboxMessage.create({ data: { targetKind: 'room', roomId: room.id, text: '你好', notBefore: new Date('2022-09-30T02:00:00.123Z') } })
  const [rawRoom] = await db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`SELECT * FROM "Room" WHERE "topic" = ${'健康家园群'}`)
  expect(rawRoom).toEqual(await db.room.findUniqueOrThrow({ where: { id: room.id } }))
  const [rawOutbox] = await db.$queryRaw<Record<string, unknown>[]>(
    Prisma.sql`SELECT * FROM "OutboxMessage" WHERE "notBefore" <= ${new Date('2022-09-30T02:00:00.123Z')}`,
  )
  expect(rawOutbox).toEqual(await db.outboxMessage.findFirstOrThrow())
  expect(rawOutbox!.notBefore).toEqual(new Date('2022-09-30T02:00:00.123Z'))
  expect(rawOutbox!.sentAt).toBeNull()
  expect(await db.$executeRaw(Prisma.sql`UPDATE "OutboxMessage" SET "attempts" = ${2} WHERE "id" > ${0}`)).toBe(1)
  expect((await db.outboxMessage.findFirstOrThrow()).attempts).toBe(2)

  // A room's row and its members' rows beside it, in one statement, read as each alone.
  const member = await db.member.create({ data: { name: '海燕🌸', realName: '宋亚琴', puppetContactId: 'c1', verifiedAt: new Date('2022-09-01T01:02:03.456Z') } })
  await db.roomMembership.create({ data: { roomId: room.id, memberId: member.id, alias: '宋委员', role: 'secretary' } })
  const other = await db.member.create({ data: { name: '李明' } })
  await db.roomMembership.create({ data: { roomId: room.id, memberId: other.id } })
  const beside = async (names: string[], roomId = room.id) =>
    splitBeside(await db.$queryRaw<Record<string, unknown>[]>(besideRows(Prisma.sql`SELECT * FROM "Room" WHERE "id" = ${roomId}`, goingBySql(room.id, { names }, 'going.'))), 'going.')
  const found = await beside(['李明', '宋委员', '无此人'])
  expect(found.head).toEqual(rawRoom)
  expect(goingByOf(found.rows)).toEqual(await db.roomMembership.findMany({ where: { roomId: room.id }, include: { member: true }, orderBy: { id: 'asc' } }))
  expect(goingByOf(found.rows)).toEqual(await membershipsGoingBy(db, room.id, { names: ['宋委员', '李明'] }))
  expect(goingByOf((await beside(['宋委员'])).rows).map((r) => r.memberId)).toEqual([member.id])
  const [full] = goingByOf(found.rows)
  const names = await db.$queryRaw<Record<string, unknown>[]>(goingBySql(room.id, { names: [], realNames: ['宋亚琴'] }, '', 'names')!)
  expect(nameRowsOf(names)).toEqual([{ id: full!.id, memberId: member.id, alias: '宋委员', member: { name: '海燕🌸', realName: '宋亚琴' } }])
  expect(await beside(['无此人'])).toEqual({ head: rawRoom, rows: [] })
  expect(await beside(['宋委员'], room.id + 1)).toEqual({ head: undefined, rows: [] })

  // The sender beside the room: a keyed member by the key, and whether the key holds an admin grant.
  await db.member.update({ where: { id: other.id }, data: { key: 't:K7Q2M9' } })
  const sender = async (person: { name: string; puppetId: string }, key: PersonKey | undefined) => {
    const read = senderBesideRoom(person, key)
    const joined = await db.$queryRaw<Record<string, unknown>[]>(besideRows(Prisma.sql`SELECT * FROM "Room" WHERE "id" = ${room.id}`, read.sql(room.id)))
    return read.read(splitBeside(joined, read.prefix).rows)
  }
  const byKey = await sender({ name: '新微信名', puppetId: 'c9' }, 't:K7Q2M9')
  expect(byKey.goingBy.map((r) => r.member)).toEqual([await db.member.findUniqueOrThrow({ where: { id: other.id } })])
  expect(byKey.granted).toBe(false)
  expect(await isGrantedAdmin(db, 't:K7Q2M9')).toBe(false)
  const grant = await db.adminGrant.create({ data: { codeHash: 'h', key: 't:K7Q2M9', claimedAt: new Date(), expiresAt: new Date() } })
  expect((await sender({ name: '新微信名', puppetId: 'c9' }, 't:K7Q2M9')).granted).toBe(true)
  expect(await isGrantedAdmin(db, 't:K7Q2M9')).toBe(true)
  await db.adminGrant.update({ where: { id: grant.id }, data: { revokedAt: new Date() } })
  expect((await sender({ name: '新微信名', puppetId: 'c9' }, 't:K7Q2M9')).granted).toBe(false)
  expect(await isGrantedAdmin(db, 't:K7Q2M9')).toBe(false)
  // No key: nothing to ask; a key with no row here: not known from this read.
  expect(await sender({ name: '李明', puppetId: 'c9' }, undefined)).toEqual({ goingBy: [expect.objectContaining({ memberId: other.id })], granted: undefined })
  expect(await sender({ name: '无此人', puppetId: 'c9' }, 't:OTHER1')).toEqual({ goingBy: [], granted: undefined })
}

/** Raw statements in `$transaction` commit all or nothing, give the connection back, and ids are taken one transaction at a time. */
export async function expectRawTransactions(db: Db) {
  const room = await db.$transaction(async (tx) => {
    const [created] = await tx.$queryRaw<{ id: number; name: string; pushEnabled: boolean }[]>(
      Prisma.sql`INSERT INTO "Room" ("name", "kind", "topic", "updatedAt") VALUES (${'事务会客厅'}, ${'会客厅'}, ${'事务群'}, ${new Date()}) RETURNING *`,
    )
    expect(await tx.$executeRaw(Prisma.sql`UPDATE "Room" SET "pushEnabled" = ${false} WHERE "id" = ${created!.id}`)).toBe(1)
    return created!
  })
  expect(room).toMatchObject({ name: '事务会客厅', pushEnabled: true })
  expect(await db.room.findUniqueOrThrow({ where: { id: room.id } })).toMatchObject({ pushEnabled: false })

  const failure = db.$transaction(async (tx) => {
    await tx.$executeRaw(Prisma.sql`UPDATE "Room" SET "topic" = ${'改了一半'} WHERE "id" = ${room.id}`)
    throw new Error('handler failed')
  })
  await expect(failure).rejects.toThrow('handler failed')
  expect((await db.room.findUniqueOrThrow({ where: { id: room.id } })).topic).toBe('事务群')
  // More failures than PostgreSQL's pool has connections: each one gave its connection (or SQLite's lock) back.
  for (let i = 0; i < 12; i++) {
    await expect(db.$transaction(() => Promise.reject(new Error(`failure ${i}`)))).rejects.toThrow(`failure ${i}`)
  }

  // Two at once, each taking two ids with a pause between: every id once, none lost.
  const takeTwo = () =>
    db.$transaction(async (tx) => {
      const first = await nextCode(tx, 'Q')
      await new Promise((resolve) => setTimeout(resolve, 5))
      return [first, await nextCode(tx, 'Q')]
    })
  // One after the other: each transaction's two ids are consecutive.
  const taken = await Promise.all([takeTwo(), takeTwo()])
  expect(taken.sort((a, b) => a[0]!.localeCompare(b[0]!))).toEqual([['Q1', 'Q2'], ['Q3', 'Q4']])
  expect(await nextCode(db, 'Q')).toBe('Q5')
}
