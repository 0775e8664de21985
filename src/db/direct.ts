import type { Db } from './client.js'
import type { Prisma } from '../generated/prisma/client.js'
import { log } from '../log.js'

// The statements every message makes go straight to the driver adapter Prisma itself uses:
// through the client, each costs ~0.3 ms of request handling and query compilation, on the
// adapter ~0.07 ms. Same connection, same SQL, same value encoding (the adapter's own).

type ArgType = { scalarType: 'string' | 'int' | 'float' | 'boolean' | 'datetime' | 'unknown'; arity: 'scalar' }
interface SqlQuery {
  sql: string
  args: unknown[]
  argTypes: ArgType[]
}
interface SqlQueryable {
  readonly provider: string
  queryRaw(query: SqlQuery): Promise<{ columnNames: string[]; columnTypes: number[]; rows: unknown[][] }>
  executeRaw(query: SqlQuery): Promise<number>
}
/**
 * An open transaction of the adapter: BEGIN has run; the caller runs COMMIT or ROLLBACK, then
 * `commit()`/`rollback()` hands the connection back (Prisma's own protocol for both adapters).
 */
interface AdapterTransaction extends SqlQueryable {
  commit(): Promise<void>
  rollback(): Promise<void>
}
/** The part of Prisma's driver-adapter connection (SQLite or PostgreSQL) used here. */
export interface SqlConnection extends SqlQueryable {
  startTransaction(): Promise<AdapterTransaction>
}
interface AdapterFactory {
  readonly provider: string
  readonly adapterName: string
  connect(): Promise<SqlConnection>
}

/** Per client, its current connection (a reconnect opens a new one). */
const connections = new WeakMap<object, () => SqlConnection | undefined>()

/**
 * Wraps an adapter factory so the connection it opens for the client can be used directly too;
 * `onConnect` sees each connection first.
 */
export function sharingConnection<F extends AdapterFactory>(
  factory: F,
  onConnect: (connection: SqlConnection) => void = () => {},
): { factory: F; register: (client: object) => void } {
  let connection: SqlConnection | undefined
  const connect = async () => {
    const opened = await factory.connect()
    onConnect(opened)
    return (connection = opened)
  }
  const wrapped = { provider: factory.provider, adapterName: factory.adapterName, connect }
  return {
    factory: wrapped as unknown as F,
    register: (client) => connections.set(client, () => connection),
  }
}

/** Whether statements on this client skip Prisma's client (tests check the wiring). */
export const sharesConnection = (db: Db): boolean => connections.get(db)?.() !== undefined

const COLUMN = { Int32: 0, Int64: 1, Float: 2, Double: 3, Numeric: 4, Boolean: 5, DateTime: 10, UnknownNumber: 128 } as const

function decode(value: unknown, columnType: number): unknown {
  if (value === null || value === undefined) return null
  switch (columnType) {
    case COLUMN.Int32:
    case COLUMN.Int64:
    case COLUMN.Float:
    case COLUMN.Double:
    case COLUMN.Numeric:
    case COLUMN.UnknownNumber:
      return Number(value)
    case COLUMN.Boolean:
      return value === true || value === 1 || value === '1' || value === 't' || value === 'true'
    case COLUMN.DateTime:
      return new Date(typeof value === 'string' ? value : Number(value))
    default:
      return value
  }
}

function argType(value: unknown): ArgType {
  const scalarType =
    value instanceof Date ? 'datetime'
    : typeof value === 'number' ? (Number.isInteger(value) ? 'int' : 'float')
    : typeof value === 'boolean' ? 'boolean'
    : typeof value === 'string' ? 'string'
    : 'unknown'
  return { scalarType, arity: 'scalar' }
}

function toQuery(connection: SqlQueryable, query: Prisma.Sql): SqlQuery {
  return { sql: connection.provider === 'postgres' ? query.text : query.sql, args: query.values, argTypes: query.values.map(argType) }
}

async function rowsOn<T extends object[]>(connection: SqlQueryable, query: Prisma.Sql): Promise<T> {
  const result = await connection.queryRaw(toQuery(connection, query))
  return result.rows.map((row) => Object.fromEntries(row.map((value, i) => [result.columnNames[i], decode(value, result.columnTypes[i]!)]))) as T
}

/**
 * Rows of a statement as objects, numbers as numbers, booleans and dates decoded. A client
 * not opened by `openDatabase` (an extended client, say) runs it through `$queryRaw`.
 */
export async function sqlRows<T extends object[]>(db: Db, query: Prisma.Sql): Promise<T> {
  const connection = connections.get(db)?.()
  if (!connection) return db.$queryRaw<T>(query)
  return rowsOn<T>(connection, query)
}

/** The number of rows a statement changed. */
export async function sqlExecute(db: Db, query: Prisma.Sql): Promise<number> {
  const connection = connections.get(db)?.()
  if (!connection) return db.$executeRaw(query)
  return connection.executeRaw(toQuery(connection, query))
}

/** The statements of one transaction, whichever way it runs. */
export interface SqlTransaction {
  rows<T extends object[]>(query: Prisma.Sql): Promise<T>
  execute(query: Prisma.Sql): Promise<number>
}

export type PrismaTransaction = Parameters<Parameters<Db['$transaction']>[0]>[0]

/** A Prisma interactive transaction seen as a `SqlTransaction`. */
export const overPrisma = (tx: PrismaTransaction): SqlTransaction => ({
  rows: <T extends object[]>(query: Prisma.Sql) => tx.$queryRaw<T>(query),
  execute: (query) => tx.$executeRaw(query),
})

const plain = (sql: string): SqlQuery => ({ sql, args: [], argTypes: [] })

/**
 * Runs `work` in one transaction on the shared connection: all of it is stored, or none.
 * Prisma's interactive transaction costs about a millisecond of bookkeeping per message; this
 * takes the adapter's own lock and BEGIN the same way and skips the rest. Like Prisma's on
 * SQLite, it is not isolated from statements run meanwhile outside it on the same connection.
 */
export async function sqlTransaction<T>(db: Db, work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
  const connection = connections.get(db)?.()
  if (!connection) return db.$transaction((tx) => work(overPrisma(tx)))
  const tx = await connection.startTransaction()
  let result: T
  try {
    result = await work({ rows: (query) => rowsOn(tx, query), execute: (query) => tx.executeRaw(toQuery(tx, query)) })
    await tx.executeRaw(plain('COMMIT'))
  } catch (error) {
    // A failed ROLLBACK (SQLite may have ended the transaction itself) must not hide why.
    await tx.executeRaw(plain('ROLLBACK')).catch((rollbackError: unknown) => log.warn({ err: rollbackError }, 'rollback failed'))
    await tx.rollback()
    throw error
  }
  await tx.commit()
  return result
}
