import { rmSync, rmdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Db } from '../db/client.js'
import type { Logger } from '../log.js'
import { Prisma, type OutboxMessage, type Room } from '../generated/prisma/client.js'
import { insertRows } from '../db/sql.js'
import { splitForWeChat } from './chunk.js'
import { chatOf, nextRow, type NextRow } from './next-row.js'
import { crashPoint } from '../crash-points.js'
import { followTopic } from '../services/rooms.js'
import { UndeliverableError, type Destination, type OutboxContent, type Transport } from '../chat/transport.js'

export type OutboxTarget =
  | { kind: 'room'; roomId: number }
  /** A group that is not bound to a room yet, found again by its topic. */
  | { kind: 'raw-room'; topic: string; puppetId?: string }
  /**
   * A private chat: this login's contact id, and for a keyed person their remark (备注) or
   * stable id, by which they are found after a re-login. Never found by name.
   */
  | { kind: 'contact'; name: string; puppetId?: string; remark?: string }

/** What the outbox asks of the current login. */
export interface OutboxRouting {
  /** This login's group of a bound room, or undefined while the room waits for #确认绑定. */
  groupOf(room: Room): Promise<string | undefined>
  /** The current login; undefined where puppet ids are stable (any login's id is good). */
  loginId(): string | undefined
  /** A row was given up (failing for too long): told once, for the admins. */
  gaveUp(row: OutboxMessage): Promise<void>
}

export interface OutboxOptions {
  minIntervalMs: number
  maxPerMinute: number
  maxChars: number
  retryBaseMs: number
  retryMaxMs: number
  /** A row still failing this long after it was queued is given up (0: never). */
  giveUpMs: number
  /** The clock the pacing runs on: the wall clock, or a virtual one (the fairness benchmark). */
  timer: PaceTimer
  /**
   * The bot account (BOT_NAME) this process sends for. Several accounts may share one
   * PostgreSQL database: each sends only its own rows ('' is a row from before accounts).
   */
  account: string
  /**
   * No other process sends from this database (SQLite: one writer per file, src/db/writer.ts):
   * a row is sent without first being taken ('sending') in a commit of its own.
   */
  soleWriter: boolean
}

export interface PaceTimer {
  now(): number
  sleep(ms: number): Promise<void>
}

const wallClock: PaceTimer = { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) }

export const defaultOutboxOptions: OutboxOptions = {
  minIntervalMs: 1500,
  maxPerMinute: 20,
  maxChars: 1800,
  retryBaseMs: 2000,
  retryMaxMs: 30 * 60_000,
  giveUpMs: 48 * 3600_000,
  timer: wallClock,
  account: '',
  soleWriter: false,
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
  /** Per chat, the turn it was last served at: rooms are served round-robin. */
  private readonly lastServed = new Map<string, number>()
  private serveCount = 0
  private readonly options: OutboxOptions

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly routing: OutboxRouting,
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
  async enqueue(target: OutboxTarget, content: OutboxContent, dedupeKey?: string, urgency: 'reply' | 'push' = 'push'): Promise<boolean> {
    const queued = await this.db.$executeRaw(this.queueStatement(target, content, dedupeKey, urgency))
    if (queued === 0) return false
    this.kick()
    return true
  }

  /**
   * What `enqueue` runs, not run: for a caller that commits it with other writes in one
   * transaction (a message's replies with its outcome), then calls `wake()`.
   */
  queueStatement(target: OutboxTarget, content: OutboxContent, dedupeKey?: string, urgency: 'reply' | 'push' = 'push'): Prisma.Sql {
    const where = {
      targetKind: target.kind === 'raw-room' ? 'group' : target.kind,
      roomId: target.kind === 'room' ? target.roomId : null,
      targetName: target.kind === 'raw-room' ? target.topic : target.kind === 'contact' ? target.name : null,
      puppetId: target.kind === 'room' ? null : (target.puppetId ?? null),
      puppetLogin: target.kind !== 'room' && target.puppetId ? (this.routing.loginId() ?? null) : null,
      targetRemark: target.kind === 'contact' ? (target.remark ?? null) : null,
    }
    const now = new Date(this.options.timer.now())
    const texts = content.text !== undefined ? splitForWeChat(content.text, this.options.maxChars) : [undefined]
    const rows = texts.map((text, index) => ({
      ...where,
      account: this.options.account,
      text: text ?? null,
      filePath: content.file?.path ?? null,
      fileName: content.file?.name ?? null,
      dedupeKey: dedupeKey === undefined ? null : index === 0 ? dedupeKey : `${dedupeKey}#${index}`,
      priority: urgency === 'reply' ? 0 : 1,
      notBefore: now,
      createdAt: now,
    }))
    // One statement, so all parts of a long text are queued or none; a key seen before queues nothing.
    return insertRows('OutboxMessage', rows, Prisma.sql`ON CONFLICT ("dedupeKey") DO NOTHING`)
  }

  /** Resolves once nothing due is waiting and nothing is being sent. */
  async idle(): Promise<void> {
    while (this.pumping) await this.pumping
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
      // The turn comes first, then the row: one queued during the wait (a reply) is among those chosen from.
      await this.awaitTurn()
      const { next, only } = await nextRow(this.db, this.options.account, new Date(this.options.timer.now()), this.lastServed)
      // Detached (logged out, stopping) while waiting: that login sends nothing more.
      if (this.transport !== transport) return
      if (!next || next.notBefore.getTime() > this.options.timer.now()) return this.wakeAt(next?.notBefore)
      this.lastSendAt = this.options.timer.now()
      const sent = await this.deliver(transport, next)
      // It was the only pending row and it went: nothing is left to look for. A row queued
      // meanwhile came through enqueue or wake, which go round again.
      if (only && sent) return this.wakeAt(undefined)
    }
  }

  /** Whether the row was sent and marked so. */
  private async deliver(transport: Transport, row: NextRow): Promise<boolean> {
    this.lastServed.set(chatOf(row), ++this.serveCount)
    let claimed = false
    try {
      const destination = await this.destinationOf(row)
      if (!destination) return false // the room was just held: its rows wait for #确认绑定
      const content: OutboxContent = row.filePath
        ? { file: { path: row.filePath, name: row.fileName ?? 'file' } }
        : { text: row.text ?? '' }
      // Where other processes send too, taken in one statement before sending: a row another
      // process took first is not sent again. A sole writer has no one to take it from.
      if (!this.options.soleWriter) {
        claimed = (await this.db.$executeRaw(Prisma.sql`UPDATE "OutboxMessage" SET "status" = 'sending', "claimedAt" = ${new Date(this.options.timer.now())} WHERE "id" = ${row.id} AND "status" = 'pending'`)) === 1
        if (!claimed) return false
      }
      crashPoint('sending')
      const delivered = await transport.send(destination, content)
      crashPoint('sent')
      await this.db.$executeRaw(Prisma.sql`UPDATE "OutboxMessage" SET "status" = 'sent', "sentAt" = ${new Date(this.options.timer.now())}, "attempts" = ${row.attempts + 1} WHERE "id" = ${row.id} AND "status" = ${claimed ? 'sending' : 'pending'}`)
      // A file is an export written for this one message: once the puppet has it, it goes.
      if (row.filePath) removeSentFile(row.filePath)
      // The group of this login's id was renamed unheard: the binding follows the id, not the old name.
      if (row.roomId !== null && delivered?.topic && destination.kind === 'group' && delivered.topic !== destination.topic) {
        await followTopic(this.db, row.roomId, delivered.topic)
      }
      return true
    } catch (error) {
      const attempts = row.attempts + 1
      const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 500)
      // Only the row as this process holds it is changed: taken ('sending'), or not taken (a sole
      // writer, or no group was found): then it must still be pending, not taken by another process.
      const held = { id: row.id, status: claimed ? 'sending' : 'pending' }
      const giveUp = error instanceof UndeliverableError || (this.options.giveUpMs > 0 && this.options.timer.now() - row.createdAt.getTime() >= this.options.giveUpMs)
      if (giveUp) {
        const { count } = await this.db.outboxMessage.updateMany({ where: held, data: { status: 'failed', attempts, lastError } })
        if (error instanceof UndeliverableError) {
          this.log.warn({ outboxId: row.id, err: lastError }, 'undeliverable, not retried')
        } else if (count === 1) {
          this.log.error({ outboxId: row.id, attempts, err: lastError }, 'send given up')
          await this.routing.gaveUp(await this.db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } }))
        }
        return false
      }
      const delay = Math.min(this.options.retryBaseMs * 2 ** (attempts - 1), this.options.retryMaxMs)
      this.log.warn({ outboxId: row.id, attempts, retryInMs: delay, err: lastError }, 'send failed, will retry')
      await this.db.outboxMessage.updateMany({
        where: held,
        data: { status: 'pending', claimedAt: null, attempts, lastError, notBefore: new Date(this.options.timer.now() + delay) },
      })
      return false
    }
  }

  private async destinationOf(row: NextRow): Promise<Destination | undefined> {
    if (row.targetKind === 'room' && row.roomId !== null) {
      const { room } = row
      if (!room) throw new UndeliverableError(`room ${row.roomId} no longer exists`)
      const puppetId = await this.routing.groupOf(room)
      return puppetId === undefined ? undefined : { kind: 'group', topic: room.topic, puppetId, bound: true }
    }
    const name = row.targetName ?? ''
    // An id of another login may still resolve (wechat4u keeps old contacts) to nobody now.
    const login = this.routing.loginId()
    const puppetId = row.puppetId && (login === undefined || row.puppetLogin === login) ? row.puppetId : undefined
    if (row.targetKind === 'contact') {
      return { kind: 'contact', name, ...(puppetId ? { puppetId } : {}), ...(row.targetRemark ? { remark: row.targetRemark } : {}) }
    }
    if (!puppetId) throw new UndeliverableError(`群「${name}」的 ID 是上次登录的，它又没有绑定：不按群名找，以免发到同名的群`)
    return { kind: 'group', topic: name, puppetId, bound: false }
  }

  /** Rows of a room that was just confirmed can go now. */
  wake(): void {
    this.kick()
  }

  /**
   * At least `minIntervalMs` between sends and at most `maxPerMinute` in any minute, spread
   * evenly (one every 60/max seconds): no burst of twenty then half a minute of silence,
   * during which a reply would wait.
   */
  private async awaitTurn(): Promise<void> {
    const { minIntervalMs, maxPerMinute, timer } = this.options
    const gapMs = Math.max(minIntervalMs, maxPerMinute > 0 ? 60_000 / maxPerMinute : 0)
    const waitMs = this.lastSendAt + gapMs - timer.now()
    if (waitMs > 0) await timer.sleep(waitMs)
  }

  private wakeAt(notBefore: Date | undefined): void {
    if (this.wakeTimer) clearTimeout(this.wakeTimer)
    if (!notBefore || !this.transport) return
    const delay = Math.max(50, notBefore.getTime() - this.options.timer.now())
    this.wakeTimer = setTimeout(() => this.kick(), delay)
    this.wakeTimer.unref()
  }
}

/** The file, and its folder if that is now empty (each export has a folder of its own). */
function removeSentFile(path: string): void {
  rmSync(path, { force: true })
  try {
    rmdirSync(dirname(path))
  } catch {
    // not empty, or already gone: nothing else of ours is in it
  }
}
