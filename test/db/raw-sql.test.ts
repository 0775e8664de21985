import { describe, it } from 'vitest'
import { freshDb } from '../helpers.js'
import { expectRawRowsLikeModels, expectRawTransactions } from './raw-rows.js'

describe('raw SQL through the published Prisma client (SQLite)', () => {
  it('reads rows shaped like the models', async () => {
    const { db } = await freshDb()
    await expectRawRowsLikeModels(db)
  })

  it('runs transactions all or nothing, ids taken once', async () => {
    const { db } = await freshDb()
    await expectRawTransactions(db)
  })
})
