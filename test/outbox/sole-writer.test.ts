import { describe, expect, it, vi } from 'vitest'
import { log } from '../../src/log.js'
import { Outbox } from '../../src/outbox/outbox.js'
import type { Destination, OutboxContent } from '../../src/chat/transport.js'
import type { Db } from '../../src/db/client.js'
import { soleWriter } from '../../src/db/writer.js'
import { freshDb } from '../helpers.js'

const contact = { kind: 'contact', name: '王芳', puppetId: 'contact-1' } as const
const routing = { groupOf: async () => undefined, loginId: () => undefined, gaveUp: async () => undefined }
const fast = { minIntervalMs: 0, maxPerMinute: 0 }

/** The row as the database has it at the moment the puppet is handed its text. */
function watchingTransport(db: Db, failures = 0) {
  const seen: { text: string | undefined; status: string; claimed: boolean }[] = []
  return {
    seen,
    async send(_destination: Destination, content: OutboxContent) {
      const row = await db.outboxMessage.findFirstOrThrow({ where: { text: content.text ?? null } })
      seen.push({ text: content.text, status: row.status, claimed: row.claimedAt !== null })
      if (failures-- > 0) throw new Error('发送消息过于频繁')
    },
  }
}

describe('sending as the only writer (SQLite)', () => {
  it('is what a SQLite file is (one writer per file), and never PostgreSQL (one process per account, maybe more)', () => {
    expect(soleWriter('file:./data/bot.db')).toBe(true)
    expect(soleWriter('postgresql://cppcc@db:5432/cppcc_bot')).toBe(false)
    expect(soleWriter('postgres://cppcc@db/cppcc_bot')).toBe(false)
  })

  it.each([
    // No other process can take the row: it goes without a commit of its own first.
    [true, 'pending', false],
    // Processes of one account share the outbox (PostgreSQL): taken first, so only one sends it.
    [false, 'sending', true],
  ] as const)('soleWriter=%s: the row is %s when the puppet gets it, and sent after', async (soleWriter, status, claimed) => {
    const { db } = await freshDb()
    const outbox = new Outbox(db, log, routing, { ...fast, soleWriter })
    await outbox.enqueue(contact, { text: '一' })
    const transport = watchingTransport(db)
    outbox.attach(transport)
    await outbox.idle()
    expect(transport.seen).toEqual([{ text: '一', status, claimed }])
    expect(await db.outboxMessage.findFirstOrThrow()).toMatchObject({ status: 'sent', attempts: 1, sentAt: expect.any(Date) })
  })

  it('leaves a row that failed pending for its retry, never taken, then sends it', async () => {
    const { db } = await freshDb()
    const outbox = new Outbox(db, log, routing, { ...fast, soleWriter: true, retryBaseMs: 300, retryMaxMs: 300 })
    await outbox.enqueue(contact, { text: '重要通知' })
    const transport = watchingTransport(db, 1)
    outbox.attach(transport)
    await outbox.idle()
    expect(await db.outboxMessage.findFirstOrThrow()).toMatchObject({ status: 'pending', attempts: 1, lastError: '发送消息过于频繁', claimedAt: null })
    await expect.poll(async () => (await db.outboxMessage.findFirstOrThrow()).status, { timeout: 3000, interval: 20 }).toBe('sent')
    expect(transport.seen.map((s) => s.status)).toEqual(['pending', 'pending'])
    outbox.detach()
  })
})

describe('looking for the next row', () => {
  /** How often the outbox asked for its next row. */
  function countLookups(db: Db) {
    const spy = vi.spyOn(db, '$queryRaw')
    return () => spy.mock.calls.filter(([sql]) => String((sql as { sql?: string }).sql ?? sql).includes('FROM "OutboxMessage" o')).length
  }

  it('stops after sending the only pending row, without asking again', async () => {
    const { db } = await freshDb()
    const outbox = new Outbox(db, log, routing, fast)
    for (const text of ['一', '二', '三']) await outbox.enqueue(contact, { text })
    const lookups = countLookups(db)
    const transport = watchingTransport(db)
    outbox.attach(transport)
    await outbox.idle()
    expect(transport.seen.map((s) => s.text)).toEqual(['一', '二', '三'])
    // One look per row; the last row was the only one left, so no fourth look.
    expect(lookups()).toBe(3)
  })

  it('still sends a row queued while the only one was being sent', async () => {
    const { db } = await freshDb()
    const outbox = new Outbox(db, log, routing, { ...fast, soleWriter: true })
    await outbox.enqueue(contact, { text: '一' })
    const texts: (string | undefined)[] = []
    outbox.attach({
      async send(_destination, content) {
        texts.push(content.text)
        if (content.text === '一') await outbox.enqueue(contact, { text: '二' })
      },
    })
    await outbox.idle()
    expect(texts).toEqual(['一', '二'])
    expect(await db.outboxMessage.count({ where: { status: 'pending' } })).toBe(0)
  })
})
