import { defineConfig } from 'prisma/config'
import { PrismaPg } from '@prisma/adapter-pg'

// PostgreSQL deployments: the same models as prisma/schema.prisma (kept in step by a test).
process.env.POSTGRES_URL ??= 'postgresql://localhost:5432/cppcc_bot'
const connectionString = process.env.POSTGRES_URL

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
  async adapter() {
    return new PrismaPg({ connectionString })
  },
})
