import { accessSync, constants, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaClient, type Prisma } from '../generated/prisma/client.js'
import { migratePostgres, migrateSqlite } from './migrate.js'
import { log } from '../log.js'

export type Db = PrismaClient
/** The client inside a transaction: a step that runs in a caller's transaction takes it. */
export type Tx = Prisma.TransactionClient
/** A read or write that runs alone or inside a caller's transaction. */
export type Queryable = Db | Tx

/** The data folder cannot be created or written: named, with the fix, instead of "unable to open database file". */
export class DataDirError extends Error {}

function writableFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    accessSync(dir, constants.W_OK)
  } catch (error) {
    const code = (error as { code?: string }).code ?? String(error)
    throw new DataDirError(
      `数据目录 ${dir} 无法写入（${code}）：请让运行机器人的用户拥有它（例如 chown -R $(id -u) ${dir}；Docker 里是挂载到 /data 的卷），或用 DATA_DIR 换一个目录。`,
    )
  }
}

/**
 * Errors carry Prisma's message and code, not a source frame of the call: the frame costs a
 * captured stack on every query (about a twentieth of a message's time), and is what Prisma
 * already picks under NODE_ENV=production, as in the image. Set here so every run is the same.
 */
const CLIENT_OPTIONS = { errorFormat: 'minimal' } as const

export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//.test(url)

/** `file:./x.db` → `./x.db`; anything else is not ours to open. */
export function sqlitePath(databaseUrl: string): string {
  if (!databaseUrl.startsWith('file:')) {
    throw new Error(`DATABASE_URL 应是 SQLite 文件（file:…）或 PostgreSQL（postgresql://…），收到：${databaseUrl}`)
  }
  return databaseUrl.slice('file:'.length)
}

/**
 * Opens the database, applying pending migrations first: a SQLite file (its folder created),
 * or PostgreSQL for larger deployments. Both clients are generated from the same models, so
 * the rest of the code sees one API.
 */
export async function openDatabase(databaseUrl: string): Promise<Db> {
  if (isPostgresUrl(databaseUrl)) {
    // Loaded only for PostgreSQL: the embedded SQLite setup does not carry the second client.
    const [{ PrismaPg }, { PrismaClient: PgPrismaClient }] = await Promise.all([
      import('@prisma/adapter-pg'),
      import('../generated/prisma-pg/client.js'),
    ])
    const applied = await migratePostgres(databaseUrl)
    if (applied.length > 0) log.info({ applied }, 'database migrated')
    const prisma = new PgPrismaClient({ ...CLIENT_OPTIONS, adapter: new PrismaPg({ connectionString: databaseUrl }) })
    await prisma.$connect()
    return prisma as unknown as Db
  }
  const file = sqlitePath(databaseUrl)
  writableFolder(dirname(file))
  const applied = await migrateSqlite(file)
  if (applied.length > 0) log.info({ applied, file }, 'database migrated')
  const prisma = new PrismaClient({ ...CLIENT_OPTIONS, adapter: new PrismaBetterSQLite3({ url: file, timeout: 5000 }) })
  await prisma.$connect()
  // Every commit reaches the disk before it counts (the adapter's connection defaults to NORMAL,
  // which in WAL mode can lose the last commits on a power cut): a confirmed record stays.
  await prisma.$executeRawUnsafe('PRAGMA synchronous = FULL')
  return prisma
}
