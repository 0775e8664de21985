import type { Db } from './client.js'
import type { Prisma } from '../generated/prisma/client.js'

// The statements every message makes go straight to the driver adapter Prisma itself uses:
// through the client, each costs ~0.3 ms of request handling and query compilation, on the
// adapter ~0.07 ms. Same connection, same SQL, same value encoding (the adapter's own).

type ArgType = { scalarType: 'string' | 'int' | 'float' | 'boolean' | 'datetime' | 'unknown'; arity: 'scalar' }
interface SqlQuery {
  sql: string
  args: unknown[]
  argTypes: ArgType[]
}
/** The part of Prisma's driver-adapter connection (SQLite or PostgreSQL) used here. */
export interface SqlConnection {
  readonly provider: string
  queryRaw(query: SqlQuery): Promise<{ columnNames: string[]; columnTypes: number[]; rows: unknown[][] }>
  executeRaw(query: SqlQuery): Promise<number>
}
interface AdapterFactory {
  readonly provider: string
  readonly adapterName: string
  connect(): Promise<SqlConnection>
}

/** Per client, its current connection (a reconnect opens a new one). */
const connections = new WeakMap<object, () => SqlConnection | undefined>()

/** Wraps an adapter factory so the connection it opens for the client can be used directly too. */
export function sharingConnection<F extends AdapterFactory>(factory: F): { factory: F; register: (client: object) => void } {
  let connection: SqlConnection | undefined
  const wrapped = { provider: factory.provider, adapterName: factory.adapterName, connect: async () => (connection = await factory.connect()) }
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

function toQuery(connection: SqlConnection, query: Prisma.Sql): SqlQuery {
  return { sql: connection.provider === 'postgres' ? query.text : query.sql, args: query.values, argTypes: query.values.map(argType) }
}

/**
 * Rows of a statement as objects, numbers as numbers, booleans and dates decoded. A client
 * not opened by `openDatabase` (an extended client, say) runs it through `$queryRaw`.
 */
export async function sqlRows<T extends object[]>(db: Db, query: Prisma.Sql): Promise<T> {
  const connection = connections.get(db)?.()
  if (!connection) return db.$queryRaw<T>(query)
  const result = await connection.queryRaw(toQuery(connection, query))
  return result.rows.map((row) => Object.fromEntries(row.map((value, i) => [result.columnNames[i], decode(value, result.columnTypes[i]!)]))) as T
}

/** The number of rows a statement changed. */
export async function sqlExecute(db: Db, query: Prisma.Sql): Promise<number> {
  const connection = connections.get(db)?.()
  if (!connection) return db.$executeRaw(query)
  return connection.executeRaw(toQuery(connection, query))
}
