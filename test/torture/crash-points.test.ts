import { afterEach, describe, expect, it, vi } from 'vitest'
import { log } from '../../src/log.js'
import { freshDb } from '../helpers.js'
import { fakeServices, message } from '../router/fake-context.js'

/** Thrown where the process would die, so nothing after the kill point runs (a `finally` above it would, so only points outside one are tried here). */
class Killed extends Error {}

const routing = { groupOf: async () => undefined, loginId: () => undefined, gaveUp: async () => undefined }

afterEach(() => {
  delete process.env.CRASH_AT
  vi.restoreAllMocks()
  vi.resetModules()
})

/**
 * The kill points of a message's handling against a real database (the crash suite kills real
 * processes at them): what is written at each is what a restart finds.
 */
describe('kill points around the one commit of a handled message', () => {
  it.each([
    // Nothing is written before the message is handled: a restart handles it again.
    ['received', { logged: [], queued: [] }],
    // Outcome and reply in one commit, nothing sent: a restart sends the reply and does not handle it again.
    ['handled', { logged: [['m1', 'handled:帮助']], queued: [['reply:m1:1', 'pending']] }],
  ] as const)('CRASH_AT=%s:1 leaves the database as a restart finds it', async (phase, expected) => {
    process.env.CRASH_AT = `${phase}:1`
    vi.resetModules()
    // crash-points reads CRASH_AT when it is loaded: the router and outbox are loaded afresh.
    const { dedupe } = await import('../../src/router/middleware.js')
    const { ChatContext } = await import('../../src/router/context.js')
    const { Outbox } = await import('../../src/outbox/outbox.js')
    const { db } = await freshDb()
    const outbox = new Outbox(db, log, routing, { soleWriter: true })
    const { services } = fakeServices({ db, outbox })
    const ctx = new ChatContext(message({ puppetMessageId: 'm1', text: '#帮助' }), services)
    vi.spyOn(process, 'kill').mockImplementation(() => {
      throw new Killed()
    })
    const handling = dedupe(ctx, async () => {
      ctx.outcome = 'handled:帮助'
      await ctx.reply('可用命令：…')
    })
    await expect(handling).rejects.toBeInstanceOf(Killed)
    expect((await db.messageLog.findMany()).map((r) => [r.puppetMessageId, r.outcome])).toEqual(expected.logged)
    expect((await db.outboxMessage.findMany()).map((r) => [r.dedupeKey, r.status])).toEqual(expected.queued)
  })
})
