import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaClient } from '../generated/prisma/client.js'
import { migrateSqlite } from './migrate.js'
import { log } from '../log.js'

export type Db = PrismaClient

/** `file:./x.db` → `./x.db`; anything else is not ours to open. */
export function sqlitePath(databaseUrl: string): string {
  if (!databaseUrl.startsWith('file:')) {
    throw new Error(`DATABASE_URL 目前只支持 SQLite 文件（file:…），收到：${databaseUrl}`)
  }
  return databaseUrl.slice('file:'.length)
}

/** Opens the database, creating its folder and applying pending migrations first. */
export async function openDatabase(databaseUrl: string): Promise<Db> {
  const file = sqlitePath(databaseUrl)
  mkdirSync(dirname(file), { recursive: true })
  const applied = migrateSqlite(file)
  if (applied.length > 0) log.info({ applied, file }, 'database migrated')
  const prisma = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: file, timeout: 5000 }) })
  await prisma.$connect()
  return prisma
}
