import { EventEmitter } from 'node:events'
import type { Config } from './config.js'
import type { Clock } from './clock.js'
import type { Db } from './db/client.js'
import { soleWriter } from './db/writer.js'
import type { Logger } from './log.js'
import { allCommands } from './commands/index.js'
import type { Command } from './router/command.js'
import { Outbox, type OutboxOptions } from './outbox/outbox.js'
import type { Transport } from './chat/transport.js'
import { parseAliasSetting } from './router/command-text.js'
import { ChatContext, type AppServices } from './router/context.js'
import type { ChatPerson, IncomingMessage } from './chat/message.js'
import { cleanText } from './parsing/clean.js'
import { buildRouter } from './router/router.js'
import { LoginSession } from './identity/session.js'
import { RoomBinding } from './services/room-binding.js'
import { roomById } from './services/rooms.js'
import { tellAdmins } from './services/recipients.js'
import { scheduleData } from './services/schedule-data.js'
import { sweepOldData } from './services/housekeeping.js'
import { exportsDir, sweepExports } from './export/files.js'
import type { ChatDirectory } from './chat/directory.js'
import type { OutboxMessage, Room } from './generated/prisma/client.js'
import { Scheduler } from './schedule/scheduler.js'
import { loadScoringRules } from './scoring/rules.js'

export interface AppOptions {
  db: Db
  config: Config
  clock: Clock
  log: Logger
  outbox?: Partial<OutboxOptions>
  /** Replaces the command list (tests). */
  commands?: Command[]
  /** Run the schedule on its own while logged in (default). Replay and tests drive it by hand. */
  autoSchedule?: boolean
  /** Told, outside WeChat, when messages cannot be sent or a room is held (npm start: webhook, mail). */
  alert?: (condition: 'failed' | 'held', text: string) => Promise<unknown>
}

const ECHO_MEMORY_MS = 5 * 60_000

/**
 * The bot without its transport: messages in, outbox rows out. The Wechaty plugin feeds
 * it; the demo, replay and tests feed it through the mock puppet the same way.
 */
export class BotApp {
  readonly services: AppServices
  readonly scheduler: Scheduler
  private readonly autoSchedule: boolean
  private readonly alert: NonNullable<AppOptions['alert']>
  private readonly router
  private queue: Promise<void> = Promise.resolve()
  private readonly recentSent = new Map<string, number>()
  private sweeper: NodeJS.Timeout | undefined
  /** Emits 'handled' with the puppet message id once a message has gone through the router. */
  readonly events = new EventEmitter()

  constructor(options: AppOptions) {
    const session = new LoginSession()
    const keys = { admins: options.config.BOT_ADMINS, stableIds: options.config.stableIds }
    const binding = new RoomBinding(options.db, session, keys, (room) => this.tellAdminsHeld(room), options.config.BOT_NAME)
    const routing = {
      groupOf: (room: Room) => binding.groupOf(room),
      loginId: () => (keys.stableIds ? undefined : session.loginId),
      gaveUp: (row: OutboxMessage) => this.tellAdminsGaveUp(row),
    }
    const outbox = new Outbox(options.db, options.log, routing, {
      minIntervalMs: options.config.OUTBOX_MIN_INTERVAL_MS,
      maxPerMinute: options.config.OUTBOX_MAX_PER_MINUTE,
      giveUpMs: options.config.OUTBOX_GIVE_UP_HOURS * 3600_000,
      account: options.config.BOT_NAME,
      soleWriter: soleWriter(options.config.databaseUrl),
      ...options.outbox,
    })
    this.services = {
      db: options.db,
      config: options.config,
      clock: options.clock,
      log: options.log,
      outbox,
      session,
      keys,
      binding,
      rules: loadScoringRules(options.config.SCORING_RULES_FILE),
    }
    // The schedule gets its reads bound in services, not the client (src/schedule/services.ts).
    const { config, clock, log } = this.services
    this.scheduler = new Scheduler({ config, clock, log, outbox, data: scheduleData(options.db, config.BOT_NAME, keys) })
    this.autoSchedule = options.autoSchedule ?? true
    this.alert = options.alert ?? (async () => undefined)
    const aliases = parseAliasSetting(options.config.COMMAND_ALIASES)
    if (aliases.errors.length > 0) throw new Error(aliases.errors.join('\n'))
    this.router = buildRouter({
      commands: options.commands ?? allCommands(),
      extraAliases: aliases.pairs,
      isEcho: (text) => this.isEcho(text),
    })
  }

  get outbox(): Outbox {
    return this.services.outbox
  }

  /**
   * Messages are handled one at a time, in arrival order: replies keep the chat's order. A
   * transport may pass a reader instead of a message, so a slow lookup of names cannot let
   * a later message overtake an earlier one.
   */
  handleMessage(msg: IncomingMessage | (() => Promise<IncomingMessage | undefined>)): Promise<void> {
    const run = this.queue.then(async () => {
      const incoming = typeof msg === 'function' ? await msg().catch((error) => this.readFailed(error)) : msg
      if (incoming) await this.process(incoming)
    })
    this.queue = run
    return run
  }

  /** Logged in: every puppet id tie is void (a new login renews ids); sending and the schedule can start. */
  start(transport: Transport & ChatDirectory): void {
    this.services.session.reset(transport)
    this.outbox.attach(transport)
    void this.sweep()
    this.sweeper = setInterval(() => void this.sweep(), 6 * 3600_000)
    this.sweeper.unref()
    if (this.autoSchedule) this.scheduler.start()
  }

  /** Whether the schedule is ticking (between login and logout). */
  get scheduling(): boolean {
    return this.scheduler.active
  }

  /** Logged out or stopping: nothing more is sent; pending messages stay queued. */
  stop(): void {
    this.scheduler.stop()
    this.outbox.detach()
    if (this.sweeper) clearInterval(this.sweeper)
    this.services.session.directory = undefined
  }

  private readFailed(error: unknown): undefined {
    this.services.log.error({ err: error }, 'could not read an incoming message')
    return undefined
  }

  handleTopicChange(puppetRoomId: string, oldTopic: string, newTopic: string): Promise<void> {
    const run = this.queue.then(async () => {
      const room = await this.services.binding.renamed(puppetRoomId, cleanText(oldTopic), cleanText(newTopic))
      if (room) this.services.log.info({ room: room.name, oldTopic, newTopic }, 'group renamed, binding kept')
    })
    this.queue = run.catch((error) => this.services.log.error({ err: error }, 'topic change failed'))
    return this.queue
  }

  private async sweep(): Promise<void> {
    const { db, config, clock, log } = this.services
    const now = clock.now()
    const sweepAll = async () => ({
      ...(await sweepOldData(db, config, now)),
      exportFolders: sweepExports(exportsDir(config.dataDir), config.EXPORT_KEEP_DAYS, now),
    })
    const swept = await sweepAll().catch((err) => log.warn({ err }, 'housekeeping failed'))
    if (swept && Object.values(swept).some((n) => n > 0)) log.info(swept, 'old data removed')
  }

  /** A room was held after a login: every admin is told privately, once per hold. */
  private async tellAdminsHeld(room: Room): Promise<void> {
    this.services.log.warn({ room: room.name, reason: room.heldReason }, 'room held until #确认绑定')
    const text =
      `「${room.name}」的绑定暂停了：${room.heldReason ?? '这次登录后认不出它的群'}。为防记错群、发错群，` +
      `暂不记录、不推送。请到真正的群里发送 #确认绑定；如果群已换，请在新群发送 #绑定 ${room.name} ${room.kind} 改绑。`
    await tellAdmins(this.services, text, `held:${room.id}:${room.heldAt?.getTime()}`)
    await this.alert('held', text)
  }

  /** A message could not be sent for OUTBOX_GIVE_UP_HOURS: the admins hear of it (not about a notice to themselves). */
  private async tellAdminsGaveUp(row: OutboxMessage): Promise<void> {
    const { db, config } = this.services
    if (row.dedupeKey?.startsWith('gaveup:')) return
    const where = row.targetKind === 'room' ? ((await roomById(db, row.roomId ?? -1))?.name ?? '一个会客厅') : (row.targetName ?? '某人')
    const what = row.fileName ? `文件「${row.fileName}」` : `「${(row.text ?? '').slice(0, 30)}${(row.text ?? '').length > 30 ? '…' : ''}」`
    const text =
      `【发送失败】发给「${where}」的消息 ${what} 已重试 ${config.OUTBOX_GIVE_UP_HOURS} 小时仍发不出去（${row.lastError ?? '原因不明'}），已停止重试。` +
      '运行 npm run status 可以看到所有发送失败的消息。'
    await tellAdmins(this.services, text, `gaveup:${row.id}`)
    // The admins' private chat may be what fails: tell them outside WeChat too.
    await this.alert('failed', text)
  }

  /** The transport tells us what it sent, so the echo of it is not taken for a command. */
  rememberSent(text: string): void {
    const now = Date.now()
    this.recentSent.set(text, now)
    for (const [key, at] of this.recentSent) if (now - at > ECHO_MEMORY_MS) this.recentSent.delete(key)
  }

  /** Everything received so far has been handled and every due reply handed to the transport. */
  async idle(): Promise<void> {
    await this.queue
    await this.outbox.idle()
  }

  private isEcho(text: string): boolean {
    const at = this.recentSent.get(text)
    return at !== undefined && Date.now() - at < ECHO_MEMORY_MS
  }

  private async process(incoming: IncomingMessage): Promise<void> {
    // Before anything else: nothing unstorable, unexportable or invisible reaches a record or a name.
    const msg = cleanIncoming(incoming)
    const ctx = new ChatContext(msg, this.services)
    try {
      await this.router.run(ctx)
    } catch (error) {
      // Only the log/de-duplication layer can get here (handlers are inside errorBoundary).
      this.services.log.error({ err: error, message: msg.puppetMessageId }, 'message could not be processed')
      if (ctx.command || !ctx.inRoom) {
        await ctx.reply('抱歉，这条消息没能处理（存储出错），内容没有保存。请稍后再发一次。').catch(() => undefined)
      }
    } finally {
      this.events.emit('handled', msg.puppetMessageId)
    }
  }
}

function cleanPerson(person: ChatPerson): ChatPerson {
  return {
    ...person,
    name: cleanText(person.name),
    ...(person.roomAlias !== undefined ? { roomAlias: cleanText(person.roomAlias) } : {}),
    ...(person.remark !== undefined ? { remark: cleanText(person.remark) } : {}),
  }
}

function cleanIncoming(incoming: IncomingMessage): IncomingMessage {
  return {
    ...incoming,
    text: cleanText(incoming.text),
    sender: cleanPerson(incoming.sender),
    mentions: incoming.mentions.map(cleanPerson),
    ...(incoming.room ? { room: { ...incoming.room, topic: cleanText(incoming.room.topic) } } : {}),
  }
}
