import Database from 'better-sqlite3'
import { describe, expect, it, vi } from 'vitest'
import { sqlRows, sqlTransaction } from '../../src/db/direct.js'
import { STATEMENT_CACHE_SIZE, cacheStatements } from '../../src/db/statement-cache.js'
import { Prisma } from '../../src/generated/prisma/client.js'
import { freshDb } from '../helpers.js'
import { expectDirectRowsLikePrisma, expectDirectTransactions } from './direct-rows.js'

describe('direct SQL on the shared adapter connection', () => {
  it('decodes rows as Prisma does (SQLite)', async () => {
    const { db } = await freshDb()
    await expectDirectRowsLikePrisma(db)
  })

  it('runs transactions all or nothing, one at a time (SQLite)', async () => {
    const { db } = await freshDb()
    await expectDirectTransactions(db)
  })

  it('rolls back and frees the connection when COMMIT itself fails (SQLite, deferred foreign key)', async () => {
    const { db } = await freshDb()
    const orphan = sqlTransaction(db, async (tx) => {
      await tx.execute(Prisma.sql`PRAGMA defer_foreign_keys = ON`)
      await tx.execute(Prisma.sql`INSERT INTO "ActivityParticipant" ("activityId", "name") VALUES (${999}, ${'王芳'})`)
    })
    await expect(orphan).rejects.toThrow(/ForeignKey/)
    expect(await db.activityParticipant.count()).toBe(0)
    expect(await sqlTransaction(db, (tx) => tx.rows<{ one: number }[]>(Prisma.sql`SELECT 1 AS one`))).toEqual([{ one: 1 }])
  })

  it("compiles each statement once on the bot's connection", async () => {
    const prepare = vi.spyOn(Database.prototype, 'prepare')
    try {
      const { db } = await freshDb()
      const query = Prisma.sql`SELECT COUNT(*) AS n FROM "Room" WHERE "topic" = ${'健康家园群'}`
      for (let i = 0; i < 5; i++) expect(await sqlRows(db, query)).toEqual([{ n: 0 }])
      await db.room.count()
      await db.room.count()
      const compiled = prepare.mock.calls.map(([sql]) => sql)
      expect(compiled.filter((sql) => sql === query.sql)).toHaveLength(1)
      expect(compiled.filter((sql) => /count/i.test(sql) && !sql.includes('"topic"'))).toHaveLength(1)
    } finally {
      prepare.mockRestore()
    }
  })
})

describe('statement cache', () => {
  // The handle the cache gives the adapter must behave as a freshly prepared, bound statement.
  type Handle = { reader: boolean; bind(args: unknown[]): { raw(): { all(): unknown[][] }; run(): Database.RunResult }; run(): Database.RunResult }
  const open = () => {
    const database = new Database(':memory:')
    cacheStatements(database)
    return { database, prepare: (sql: string) => database.prepare(sql) as unknown as Handle }
  }

  it('binds new arguments on every use of a cached statement', () => {
    const { prepare } = open()
    prepare('CREATE TABLE t (x INTEGER)').run()
    for (const x of [1, 2, 3]) expect(prepare('INSERT INTO t (x) VALUES (?)').bind([x]).run().changes).toBe(1)
    expect(prepare('SELECT x FROM t WHERE x >= ? ORDER BY x').bind([2]).raw().all()).toEqual([[2], [3]])
    expect(prepare('SELECT x FROM t WHERE x >= ? ORDER BY x').bind([3]).raw().all()).toEqual([[3]])
    expect(prepare('SELECT x FROM t').reader).toBe(true)
    expect(prepare('DELETE FROM t').reader).toBe(false)
  })

  it('forgets the least recently used statement beyond its size', () => {
    const prepare = vi.spyOn(Database.prototype, 'prepare')
    try {
      const { prepare: cached } = open()
      const use = (sql: string) => cached(sql).bind([]).raw().all()
      for (let i = 0; i < STATEMENT_CACHE_SIZE; i++) use(`SELECT ${i}`) // full
      use('SELECT 0') // the oldest, used again: now the most recent
      use('SELECT -1') // one more: the least recently used (SELECT 1) goes
      use('SELECT 0')
      use('SELECT 1')
      const compiled = prepare.mock.calls.map(([sql]) => sql)
      expect(compiled.filter((sql) => sql === 'SELECT 0')).toHaveLength(1)
      expect(compiled.filter((sql) => sql === 'SELECT 1')).toHaveLength(2)
    } finally {
      prepare.mockRestore()
    }
  })

  it('binds an argument list as the adapter does: an array inside it is still refused', () => {
    const { prepare } = open()
    expect(prepare('SELECT ?, ?').bind([1, 'a']).raw().all()).toEqual([[1, 'a']])
    expect(() => prepare('SELECT ?, ?').bind([[1, 2]]).raw().all()).toThrow()
  })

  it('reports SQL errors when the statement is prepared, as before', () => {
    const { prepare } = open()
    expect(() => prepare('SELECT * FROM missing')).toThrow(/no such table/)
  })
})
