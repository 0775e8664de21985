import type Database from 'better-sqlite3'

// Prisma's better-sqlite3 adapter prepares every statement anew (`client.prepare(sql).bind(args)`),
// and compiling SQL was a sixth of the bot's CPU time per message. The same few dozen SQL texts
// repeat, so the connection keeps their compiled statements. better-sqlite3 lets a statement be
// bound only once, so the adapter gets a light handle that passes its arguments at run time.

/** Enough distinct statements for every query shape the bot makes; the least recently used go. */
export const STATEMENT_CACHE_SIZE = 256

type Statement = Database.Statement<unknown[]>

/** The parts of a prepared statement the adapter uses, with arguments given to bind(). */
interface BoundHandle {
  readonly reader: boolean
  columns(): Database.ColumnDefinition[]
  raw(): { all(): unknown[][] }
  run(): Database.RunResult
}
interface StatementHandle extends BoundHandle {
  bind(args: unknown[]): BoundHandle
}

function handleOf(statement: Statement): StatementHandle {
  const bound = (args: unknown[]): BoundHandle => ({
    reader: statement.reader,
    columns: () => statement.columns(),
    // The list as one argument, as bind(args) takes it: an array value inside stays an error.
    raw: () => ({ all: () => statement.raw(true).all(args) as unknown[][] }),
    run: () => statement.run(args),
  })
  return { ...bound([]), bind: bound }
}

const cached = new WeakSet<object>()

/**
 * Makes `database.prepare` reuse compiled statements for SQL it has seen. Only for a connection
 * used the way Prisma's adapter uses it: prepare, bind once, then run or read all rows.
 */
export function cacheStatements(database: Database.Database): void {
  if (cached.has(database)) return
  cached.add(database)
  const prepare = database.prepare.bind(database) as (sql: string) => Statement
  const statements = new Map<string, Statement>()
  const cachingPrepare = (sql: string): StatementHandle => {
    let statement = statements.get(sql)
    if (statement) {
      statements.delete(sql) // re-inserted below: Map order is recency
    } else {
      statement = prepare(sql)
      if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!)
    }
    statements.set(sql, statement)
    return handleOf(statement)
  }
  Object.defineProperty(database, 'prepare', { value: cachingPrepare, configurable: true })
}

/** Whether a connection's statements are cached (tests check the wiring survives upgrades). */
export const cachesStatements = (database: object): boolean => cached.has(database)
