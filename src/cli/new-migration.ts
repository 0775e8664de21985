import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { z } from 'zod'
import { MIGRATIONS_DIR, migrateSqlite } from '../db/migrate.js'

/**
 * `npm run db:migration -- <name>`: writes the next migration from the change to
 * prisma/schema.prisma. `prisma migrate dev` needs a shadow database, which the driver
 * adapter cannot provide offline; so the committed migrations are applied to a scratch
 * database, introspected, and diffed against the schema.
 */
const Name = z.string().regex(/^[a-z0-9_]+$/, '迁移名只能用小写字母、数字和下划线，例如 add_proposals')

function prisma(args: string[], env: NodeJS.ProcessEnv): string {
  return execFileSync(process.execPath, [resolve('node_modules/prisma/build/index.js'), ...args], {
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })
}

function main(): number {
  const name = Name.safeParse(process.argv[2])
  if (!name.success) {
    process.stderr.write(`${name.error.issues[0]?.message}\n用法：npm run db:migration -- <name>\n`)
    return 2
  }
  const scratch = mkdtempSync(join(tmpdir(), 'cppcc-migration-'))
  try {
    const db = join(scratch, 'current.db')
    migrateSqlite(db)
    const env = { ...process.env, DATABASE_URL: `file:${db}` }
    const current = join(scratch, 'current.prisma')
    const pulled = prisma(['db', 'pull', '--schema', 'prisma/schema.prisma', '--print'], env)
    writeFileSync(current, pulled.slice(pulled.indexOf('generator client')))
    const sql = prisma(['migrate', 'diff', '--from-schema-datamodel', current, '--to-schema-datamodel', 'prisma/schema.prisma', '--script'], env)
    if (!/^(CREATE|ALTER|DROP|INSERT|PRAGMA|UPDATE)/m.test(sql)) {
      process.stderr.write('schema.prisma 与已有迁移一致，没有新迁移要写。\n')
      return 0
    }
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14)
    const dir = join(MIGRATIONS_DIR, `${stamp}_${name.data}`)
    mkdirSync(dir)
    writeFileSync(join(dir, 'migration.sql'), sql)
    process.stderr.write(`已写入 ${dir}/migration.sql，请检查后提交；下次启动会自动执行。\n`)
    return 0
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

process.exit(main())
