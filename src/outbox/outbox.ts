import type { Db } from '../db/client.js'
import type { Logger } from '../log.js'
import { Prisma, type OutboxMessage } from '../generated/prisma/client.js'
import { insertRows } from '../db/sql.js'
import { splitForWeChat } from './chunk.js'
import { sqlExecute, sqlRows } from '../db/direct.js'

export type OutboxTarget =
  | { kind: 'room'; roomId: number }
  /** A group that is not bound to a room yet, found again by its topic. */
  | { kind: 'raw-room'; topic: string; puppetId?: string }
  | { kind: 'contact'; name: string; puppetId?: string }

export interface OutboxContent {
  text?: string
  file?: { path: string; name: string }
}

/** Where the transport must deliver: names to find the chat again, the puppet id as a hint. */
export type Destination =
  | { kind: 'group'; topic: string; puppetId?: string }
  | { kind: 'contact'; name: string; puppetId?: string }

/** Where a message actually went: the puppet id, and the group's topic as it is now. */
export interface Delivered {
  puppetId?: string
  topic?: string
}

/** The transport side of sending (Wechaty in production). */
export interface Transport {
  send(destination: Destination, content: OutboxContent): Promise<Delivered>
}

/** A pending row with its room's current keys (null when it is not for a bound room). */
type PendingRow = OutboxMessage & { roomTopic: string | null; roomPuppetId: string | null }

export interface OutboxOptions {
  minIntervalMs: number
  maxPerMinute: number
  maxChars: number
  retryBaseMs: number
  retryMaxMs: number
}

export const defaultOutboxOptions: OutboxOptions = {
  minIntervalMs: 1500,
  maxPerMinute: 20,
  maxChars: 1800,
  retryBaseMs: 2000,
  retryMaxMs: 30 * 60_000,
}

/**
 * Every outgoing message is written here first and sent by one paced loop, so replies and
 * pushes share WeChat's rate limit and nothing is lost when the puppet fails or the process
 * restarts: a row stays pending until the puppet has accepted it.
 */
export class Outbox {
  private transport: Transport | undefined
  private pumping: Promise<void> | undefined
  private pumpAgain = false
  private wakeTimer: NodeJS.Timeout | undefined
  private lastSendAt = 0
  private recentSends: number[] = []
  private readonly options: OutboxOptions

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    options: Partial<OutboxOptions> = {},
  ) {
    this.options = { ...defaultOutboxOptions, ...options }
  }

  /** Starts delivering (on login); pending rows from before a restart go first. */
  attach(transport: Transport): void {
    this.transport = transport
    this.kick()
  }

  /** Stops delivering (on logout or shutdown); rows stay pending. */
  detach(): void {
    this.transport = undefined
    if (this.wakeTimer) clearTimeout(this.wakeTimer)
    this.wakeTimer = undefined
  }

  /**
   * Queues a message. With a `dedupeKey`, a message already queued under that key is not
   * queued again (returns false): a push, or a reply to a message handled again after a crash.
   */
  async enqueue(target: OutboxTarget, content: OutboxContent, dedupeKey?: string): Promise<boolean> {
    const where = {
      targetKind: target.kind === 'raw-room' ? 'group' : target.kind,
      roomId: target.kind === 'room' ? target.roomId : null,
      targetName: target.kind === 'raw-room' ? target.topic : target.kind === 'contact' ? target.name : null,
      puppetId: target.kind === 'room' ? null : (target.puppetId ?? null),
    }
    const now = new Date()
    const texts = content.text !== undefined ? splitForWeChat(content.text, this.options.maxChars) : [undefined]
    const rows = texts.map((text, index) => ({
      ...where,
      text: text ?? null,
      filePath: content.file?.path ?? null,
      fileName: content.file?.name ?? null,
      dedupeKey: dedupeKey === undefined ? null : index === 0 ? dedupeKey : `${dedupeKey}#${index}`,
      notBefore: now,
      createdAt: now,
    }))
    // One statement, so all parts of a long text are queued or none; a key seen before queues nothing.
    const queued = await sqlExecute(this.db, insertRows('OutboxMessage', rows, Prisma.sql`ON CONFLICT ("dedupeKey") DO NOTHING`))
    if (queued === 0) return false
    this.kick()
    return true
  }

  /** Resolves once nothing due is waiting and nothing is being sent. */
  async idle(): Promise<void> {
    while (this.pumping) await this.pumping
  }

  pendingCount(): Promise<number> {
    return this.db.outboxMessage.count({ where: { status: 'pending' } })
  }

  private kick(): void {
    if (!this.transport) return
    // A row queued while the loop is finishing might be missed by it: go round once more.
    if (this.pumping) {
      this.pumpAgain = true
      return
    }
    this.pumping = this.pump().finally(() => {
      this.pumping = undefined
      if (this.pumpAgain) {
        this.pumpAgain = false
        this.kick()
      }
    })
  }

  private async pump(): Promise<void> {
    for (;;) {
      const transport = this.transport
      if (!transport) return
      // The earliest pending row: sent now if due, else the time to wake up for it.
      const [next] = await sqlRows<PendingRow[]>(this.db, Prisma.sql`
        SELECT o.*, r."topic" AS "roomTopic", r."puppetRoomId" AS "roomPuppetId"
        FROM "OutboxMessage" o LEFT JOIN "Room" r ON r."id" = o."roomId"
        WHERE o."status" = 'pending' ORDER BY o."notBefore", o."id" LIMIT 1`)
      if (!next || next.notBefore.getTime() > Date.now()) return this.wakeAt(next?.notBefore)
      await this.pace()
      await this.deliver(transport, next)
    }
  }

  private async deliver(transport: Transport, row: PendingRow): Promise<void> {
    try {
      const destination = this.destinationOf(row)
      const content: OutboxContent = row.filePath
        ? { file: { path: row.filePath, name: row.fileName ?? 'file' } }
        : { text: row.text ?? '' }
      const delivered = await transport.send(destination, content)
      await sqlExecute(this.db, Prisma.sql`UPDATE "OutboxMessage" SET "status" = 'sent', "sentAt" = ${new Date()}, "attempts" = ${row.attempts + 1} WHERE "id" = ${row.id}`)
      // Keep the room's keys fresh: a group renamed while nobody spoke is found again next time.
      const changed = {
        ...(delivered.puppetId && delivered.puppetId !== destination.puppetId ? { puppetRoomId: delivered.puppetId } : {}),
        ...(destination.kind === 'group' && delivered.topic && delivered.topic !== destination.topic ? { topic: delivered.topic } : {}),
      }
      if (row.roomId !== null && Object.keys(changed).length > 0) {
        await this.db.room.update({ where: { id: row.roomId }, data: changed })
      }
    } catch (error) {
      const attempts = row.attempts + 1
      const delay = Math.min(this.options.retryBaseMs * 2 ** (attempts - 1), this.options.retryMaxMs)
      const message = error instanceof Error ? error.message : String(error)
      this.log.warn({ outboxId: row.id, attempts, retryInMs: delay, err: message }, 'send failed, will retry')
      await this.db.outboxMessage.update({
        where: { id: row.id },
        data: { attempts, lastError: message.slice(0, 500), notBefore: new Date(Date.now() + delay) },
      })
    }
  }

  private destinationOf(row: PendingRow): Destination {
    if (row.targetKind === 'room' && row.roomId !== null) {
      if (row.roomTopic === null) throw new Error(`room ${row.roomId} no longer exists`)
      return { kind: 'group', topic: row.roomTopic, puppetId: row.roomPuppetId ?? undefined }
    }
    const name = row.targetName ?? ''
    const puppetId = row.puppetId ?? undefined
    return row.targetKind === 'contact' ? { kind: 'contact', name, puppetId } : { kind: 'group', topic: name, puppetId }
  }

  /** At least `minIntervalMs` between sends and at most `maxPerMinute` in any minute. */
  private async pace(): Promise<void> {
    const { minIntervalMs, maxPerMinute } = this.options
    const now = Date.now()
    this.recentSends = this.recentSends.filter((t) => now - t < 60_000)
    let waitMs = Math.max(0, this.lastSendAt + minIntervalMs - now)
    if (maxPerMinute > 0 && this.recentSends.length >= maxPerMinute) {
      waitMs = Math.max(waitMs, this.recentSends[0]! + 60_000 - now)
    }
    if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs))
    this.lastSendAt = Date.now()
    this.recentSends.push(this.lastSendAt)
  }

  private wakeAt(notBefore: Date | undefined): void {
    if (this.wakeTimer) clearTimeout(this.wakeTimer)
    if (!notBefore || !this.transport) return
    const delay = Math.max(50, notBefore.getTime() - Date.now())
    this.wakeTimer = setTimeout(() => this.kick(), delay)
    this.wakeTimer.unref()
  }
}
