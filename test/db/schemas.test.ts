import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

/** The PostgreSQL schema is the SQLite one with another provider: the models must never drift apart. */
describe('the two Prisma schemas', () => {
  it('declare the same models', () => {
    const models = (file: string) =>
      readFileSync(file, 'utf8')
        .replace(/^(\/\/[^\n]*\n)+/, '')
        .replace(/generator client \{[^}]*\}/, '')
        .replace(/datasource db \{[^}]*\}/, '')
        .trim()
    const sqlite = models('prisma/schema.prisma')
    expect(sqlite).toContain('model Activity {')
    expect(models('prisma/postgres/schema.prisma')).toBe(sqlite)
  })
})
