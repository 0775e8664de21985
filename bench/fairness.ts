import { join } from 'node:path'
import { openDatabase } from '../src/db/client.js'
import { log } from '../src/log.js'
import { Outbox, defaultOutboxOptions, type PaceTimer } from '../src/outbox/outbox.js'
import type { Destination, OutboxContent, Transport } from '../src/chat/transport.js'

export interface FairnessResult {
  rooms: number
  /** The send interval at the real pace: the larger of the minimum gap and a minute over the per-minute cap. */
  intervalMs: number
  replies: number
  /** Each reply's wait from being queued to being sent, in send intervals. */
  maxWaitIntervals: number
  meanWaitIntervals: number
  /** How long the whole push took on the virtual clock. */
  pushMinutes: number
}

/**
 * A push to `rooms` groups at the real pace (1.5 s apart, at most 20 a minute), on a virtual
 * clock, with a member's reply queued after every 50th send: how long does the reply wait?
 * A fair outbox sends it next; one that goes by queue order makes it wait for the whole push.
 */
export async function benchFairness(rooms: number, workDir: string): Promise<FairnessResult> {
  const db = await openDatabase(`file:${join(workDir, 'fairness.db')}`)
  let virtual = Date.parse('2022-10-01T01:00:00Z')
  const timer: PaceTimer = { now: () => virtual, sleep: async (ms) => void (virtual += ms) }
  const { minIntervalMs, maxPerMinute } = defaultOutboxOptions
  const intervalMs = Math.max(minIntervalMs, maxPerMinute > 0 ? 60_000 / maxPerMinute : 0)
  await db.room.createMany({ data: Array.from({ length: rooms }, (_, i) => ({ name: `会客厅${i}`, kind: '会客厅', topic: `群${i}` })) })
  const roomIds = (await db.room.findMany({ select: { id: true } })).map((r) => r.id)
  const routing = { groupOf: async (room: { id: number }) => `g${room.id}`, loginId: () => undefined, gaveUp: async () => undefined }
  const outbox = new Outbox(db, log, routing, { timer })
  for (const roomId of roomIds) await outbox.enqueue({ kind: 'room', roomId }, { text: '【月报】' }, `digest:${roomId}`)

  const queuedAt = new Map<string, number>()
  const waits: number[] = []
  let sends = 0
  const transport: Transport = {
    async send(_destination: Destination, content: OutboxContent) {
      sends++
      const text = content.text ?? ''
      if (queuedAt.has(text)) waits.push((timer.now() - queuedAt.get(text)!) / intervalMs)
      if (sends % 50 === 0 && sends < rooms) {
        const reply = `回复${sends}`
        queuedAt.set(reply, timer.now())
        await outbox.enqueue({ kind: 'room', roomId: roomIds[(sends * 7) % roomIds.length]! }, { text: reply }, `reply:${sends}:1`, 'reply')
      }
    },
  }
  const started = timer.now()
  outbox.attach(transport)
  await outbox.idle()
  outbox.detach()
  await db.$disconnect()
  return {
    rooms,
    intervalMs,
    replies: waits.length,
    maxWaitIntervals: Math.max(...waits),
    meanWaitIntervals: waits.reduce((a, b) => a + b, 0) / waits.length,
    pushMinutes: (timer.now() - started) / 60_000,
  }
}
