import Database from 'better-sqlite3'
import { describe, expect, it, vi } from 'vitest'
import { sqlRows } from '../../src/db/direct.js'
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
      cached('SELECT 0').bind([]).raw().all()
      for (let i = 1; i <= STATEMENT_CACHE_SIZE; i++) cached(`SELECT ${i}`).bind([]).raw().all()
      cached(`SELECT ${STATEMENT_CACHE_SIZE}`).bind([]).raw().all() // recent: still cached
      cached('SELECT 0').bind([]).raw().all() // the oldest: was dropped, compiled again
      const compiled = prepare.mock.calls.map(([sql]) => sql)
      expect(compiled.filter((sql) => sql === `SELECT ${STATEMENT_CACHE_SIZE}`)).toHaveLength(1)
      expect(compiled.filter((sql) => sql === 'SELECT 0')).toHaveLength(2)
    } finally {
      prepare.mockRestore()
    }
  })

  it('reports SQL errors when the statement is prepared, as before', () => {
    const { prepare } = open()
    expect(() => prepare('SELECT * FROM missing')).toThrow(/no such table/)
  })
})
