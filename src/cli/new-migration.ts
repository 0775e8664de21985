import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { z } from 'zod'
import { MIGRATIONS_DIR, PG_MIGRATIONS_DIR, migrateSqlite } from '../db/migrate.js'

/**
 * `npm run db:migration -- <name>`: writes the next migration from the change to
 * prisma/schema.prisma, offline. `prisma migrate dev` needs a shadow database, which the
 * driver adapters cannot provide; so the committed migrations are applied to a scratch
 * database, introspected, and diffed against the schema. The PostgreSQL schema is rewritten
 * from the SQLite one and its migration is the diff from the previous PostgreSQL schema
 * (Prisma's introspection of PostgreSQL through the adapter fails); the diff needs a
 * PostgreSQL server to talk to, named by POSTGRES_URL.
 */
const Name = z.string().regex(/^[a-z0-9_]+$/, '迁移名只能用小写字母、数字和下划线，例如 add_proposals')
const PG_SCHEMA = 'prisma/postgres/schema.prisma'

export function postgresSchema(sqliteSchema: string): string {
  return sqliteSchema
    .replace(/^(\/\/[^\n]*\n)+/, '') // the header comment only: /// lines document the models
    .replace('output              = "../src/generated/prisma"', 'output              = "../../src/generated/prisma-pg"')
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('url      = env("DATABASE_URL")', 'url      = env("POSTGRES_URL")')
    .replace(/^/, '// Generated from ../schema.prisma by `npm run db:migration`: change the models there.\n')
}

function prisma(args: string[], env: NodeJS.ProcessEnv): string {
  return execFileSync(process.execPath, [resolve('node_modules/prisma/build/index.js'), ...args], {
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })
}

/** Introspects the migrated scratch database and diffs it against the schema. */
function diff(schema: string, env: NodeJS.ProcessEnv, extra: string[], scratch: string): string {
  const current = join(scratch, `current-${Math.random().toString(36).slice(2)}.prisma`)
  const pulled = prisma(['db', 'pull', ...extra, '--schema', schema, '--print'], env)
  writeFileSync(current, pulled.slice(pulled.indexOf('generator client')))
  return prisma(['migrate', 'diff', ...extra, '--from-schema-datamodel', current, '--to-schema-datamodel', schema, '--script'], env)
}

function write(dir: string, name: string, sql: string): void {
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14)
  const folder = join(dir, `${stamp}_${name}`)
  mkdirSync(folder)
  writeFileSync(join(folder, 'migration.sql'), sql)
  process.stderr.write(`已写入 ${folder}/migration.sql，请检查后提交；下次启动会自动执行。\n`)
}

const hasChanges = (sql: string) => /^(CREATE|ALTER|DROP|INSERT|PRAGMA|UPDATE)/m.test(sql)

async function main(): Promise<number> {
  const name = Name.safeParse(process.argv[2])
  if (!name.success) {
    process.stderr.write(`${name.error.issues[0]?.message}\n用法：npm run db:migration -- <name>\n`)
    return 2
  }
  const previousPg = readFileSync(PG_SCHEMA, 'utf8')
  writeFileSync(PG_SCHEMA, postgresSchema(readFileSync('prisma/schema.prisma', 'utf8')))
  const scratch = mkdtempSync(join(tmpdir(), 'cppcc-migration-'))
  try {
    const db = join(scratch, 'current.db')
    await migrateSqlite(db)
    const sql = diff('prisma/schema.prisma', { ...process.env, DATABASE_URL: `file:${db}` }, [], scratch)
    if (hasChanges(sql)) write(MIGRATIONS_DIR, name.data, sql)
    else process.stderr.write('SQLite：schema.prisma 与已有迁移一致，没有新迁移要写。\n')

    const server = process.env.POSTGRES_URL
    if (!server) {
      process.stderr.write('没有设置 POSTGRES_URL：PostgreSQL 的迁移没有写。设置为一个可以建库的 PostgreSQL 后再运行一次。\n')
      return 0
    }
    const before = join(scratch, 'previous-postgres.prisma')
    writeFileSync(before, previousPg)
    const pgSql = prisma(
      ['migrate', 'diff', '--config', 'prisma/postgres/prisma.config.ts', '--from-schema-datamodel', before, '--to-schema-datamodel', PG_SCHEMA, '--script'],
      { ...process.env, POSTGRES_URL: server },
    )
    if (hasChanges(pgSql.replace(/^CREATE SCHEMA IF NOT EXISTS "public";$/m, ''))) write(PG_MIGRATIONS_DIR, name.data, pgSql)
    else process.stderr.write('PostgreSQL：没有新迁移要写。\n')
    return 0
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

main().then((code) => process.exit(code))
