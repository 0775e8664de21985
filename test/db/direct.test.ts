import { describe, it } from 'vitest'
import { freshDb } from '../helpers.js'
import { expectDirectRowsLikePrisma } from './direct-rows.js'

describe('direct SQL on the shared adapter connection', () => {
  it('decodes rows as Prisma does (SQLite)', async () => {
    const { db } = await freshDb()
    await expectDirectRowsLikePrisma(db)
  })
})
