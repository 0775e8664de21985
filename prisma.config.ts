import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { defineConfig } from 'prisma/config'
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'

// A config file disables Prisma's .env loading, so the default lives here.
process.env.DATABASE_URL ??= 'file:./data/bot.db'
const url = process.env.DATABASE_URL
// The adapter cannot create the folder, and the CLI then fails with an opaque "External error".
if (url.startsWith('file:')) mkdirSync(dirname(url.slice('file:'.length)), { recursive: true })

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  async adapter() {
    return new PrismaBetterSQLite3({ url })
  },
})
