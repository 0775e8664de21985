import { hostname } from 'node:os'
import type { Db, Tx } from './client.js'
import { isPostgresUrl } from './client.js'

/** A heartbeat older than this is a writer that died on another host (a container sharing the volume). */
const STALE_MS = 60_000
const HEARTBEAT_MS = 15_000

/** Another live process already writes for this database (or bot account): this one must not start. */
export class WriterTakenError extends Error {}

/** What the bot is doing, for `npm run status`; `backoff`: WeChat (or the gateway) unreachable, retrying later. */
export type WriterState = 'starting' | 'scan' | 'logged-in' | 'logged-out' | 'backoff'

export interface WriterLease {
  /** What `npm run status` reports: login state and its detail (the QR link, the account). */
  setState(state: WriterState, detail?: string): Promise<void>
  release(): Promise<void>
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM'
  }
}

/**
 * One writer per SQLite file, and per bot account on PostgreSQL: two processes sending from one
 * outbox send every reply twice. The claim is a row in the database itself, so it holds across
 * containers sharing the volume: a previous holder is stale when its process is gone from this
 * host, or when its heartbeat stopped.
 */
export function writerSlot(databaseUrl: string, botName: string): string {
  return isPostgresUrl(databaseUrl) ? botName : 'sqlite'
}

/** SQLite has one writer per file, whatever the account: its outbox needs no claim before a send. */
export function soleWriter(databaseUrl: string): boolean {
  return writerSlot(databaseUrl, '') === 'sqlite'
}

/**
 * What the new writer of an account takes over: rows a dead holder had taken but not marked
 * sent go back to the queue (sent at least once, never lost); rooms and rows from before
 * accounts are the account's. On SQLite there is only ever one writer, so everything is its,
 * even after BOT_NAME was changed.
 */
async function takeOver(tx: Tx, account: string, shared: boolean): Promise<void> {
  await tx.outboxMessage.updateMany({ where: { account, status: 'sending' }, data: { status: 'pending', claimedAt: null } })
  const unowned = shared ? { account: '' } : { account: { not: account } }
  await tx.outboxMessage.updateMany({ where: { status: { in: ['pending', 'sending'] }, ...unowned }, data: { account, status: 'pending', claimedAt: null } })
  await tx.room.updateMany({ where: shared ? { account: null } : { OR: [{ account: null }, { account: { not: account } }] }, data: { account } })
}

export async function claimWriter(db: Db, databaseUrl: string, botName: string, command: string, now = () => new Date()): Promise<WriterLease> {
  const slot = writerSlot(databaseUrl, botName)
  const me = { pid: process.pid, host: hostname() }
  await db.$transaction(async (tx) => {
    const held = await tx.writerClaim.findUnique({ where: { slot } })
    if (held && !(held.pid === me.pid && held.host === me.host)) {
      const fresh = now().getTime() - held.heartbeatAt.getTime() < STALE_MS
      const live = held.host === me.host ? alive(held.pid) : fresh
      if (live) {
        const where = isPostgresUrl(databaseUrl) ? `PostgreSQL 库里的机器人账号 ${botName}` : `数据库文件 ${databaseUrl.replace(/^file:/, '')}`
        throw new WriterTakenError(
          `${where} 已有另一个机器人进程在用（进程 ${held.pid}，主机 ${held.host}，${held.startedAt.toISOString()} 启动：${held.command}）。` +
            '同一份数据只能有一个机器人在写，否则每条回复都会发两遍。请先停掉那个进程；它若已不在，一分钟后可再启动。',
        )
      }
    }
    const row = { ...me, command, startedAt: now(), heartbeatAt: now(), state: 'starting', stateAt: now(), detail: null }
    await tx.writerClaim.upsert({ where: { slot }, create: { slot, ...row }, update: row })
    await takeOver(tx, botName, isPostgresUrl(databaseUrl))
  })
  const beat = setInterval(() => {
    void db.writerClaim.updateMany({ where: { slot, ...me }, data: { heartbeatAt: now() } }).catch(() => undefined)
  }, HEARTBEAT_MS)
  beat.unref()
  return {
    async setState(state, detail) {
      await db.writerClaim.updateMany({ where: { slot, ...me }, data: { state, stateAt: now(), detail: detail ?? null } })
    },
    async release() {
      clearInterval(beat)
      await db.writerClaim.deleteMany({ where: { slot, ...me } })
    },
  }
}
