import type { Config } from '../config.js'
import type { Clock } from '../clock.js'
import type { Db, Queryable } from '../db/client.js'
import type { Logger } from '../log.js'
import type { Outbox, OutboxTarget } from '../outbox/outbox.js'
import type { OutboxContent } from '../chat/transport.js'
import type { Member, Prisma, Room, RoomMembership } from '../generated/prisma/client.js'
import type { IncomingMessage } from '../chat/message.js'
import type { LoginSession } from '../identity/session.js'
import type { KeySettings, PersonKey } from '../identity/keys.js'
import { personKey } from '../identity/keys.js'
import { crashPoint } from '../crash-points.js'
import type { ResolveOptions, TiedBy } from '../services/members.js'
import type { ChatPerson } from '../chat/message.js'
import type { RoomBinding } from '../services/room-binding.js'
import type { WithinCommit } from '../services/store-once.js'
import type { ScoringRules } from '../scoring/rules.js'
import type { CommandMatch } from './command-text.js'
import { formatYmd, localParts, type ParseClock } from '../parsing/mod.js'

/** What every handler may use; built once per app. */
export interface AppServices {
  db: Db
  config: Config
  clock: Clock
  outbox: Outbox
  log: Logger
  session: LoginSession
  keys: KeySettings
  binding: RoomBinding
  rules: ScoringRules
}

export type Role = 'member' | 'lead' | 'secretary'

/** What a stored record makes of its message: the outcome logged, the reply sent, and what else commits with it. */
export interface Confirmation {
  outcome: string
  reply: string
  /** Writes that belong to the record's commit (the draft it completes, the plan it fulfils). */
  statements: Prisma.Sql[]
}

/** One message on its way through the router: the grammY-style context object. */
export class ChatContext {
  room: Room | undefined
  member: Member | undefined
  membership: RoomMembership | undefined
  /** The group's room while it waits for #确认绑定 (then `room` is unset: nothing is recorded). */
  heldRoom: Room | undefined
  /** The group is a room another bot account serves (several accounts on one PostgreSQL): that account answers. */
  servedElsewhere = false
  command: Extract<CommandMatch, { kind: 'command' }> | undefined
  isAdmin = false
  /** The sender's durable key, if they have one (see identity/keys.ts). */
  key: PersonKey | undefined
  /** How the sender was tied to `member` in a group. */
  tiedBy: TiedBy | undefined
  /** Members of this room the sender could not be told apart from: none of their rights apply. */
  ambiguousWith: string[] = []
  /** Recorded in the message log: what became of this message. */
  outcome = 'ignored'
  /** How many replies this message has had: each reply's outbox key. */
  private replies = 0
  /** While the message is handled: its replies, queued in one commit with its outcome (see dedupe). */
  private held: Prisma.Sql[] | undefined
  /** Set by dedupe: the statements that write this message's outcome and these replies in a caller's commit. */
  settleStatements: ((outcome: string, replies: readonly Prisma.Sql[]) => Prisma.Sql[]) | undefined
  /** The outcome and the replies were committed with a record (commitRecord): nothing is left to write. */
  settled = false

  constructor(
    readonly msg: IncomingMessage,
    readonly services: AppServices,
  ) {}

  get inRoom(): boolean {
    return this.msg.room !== undefined
  }

  get role(): Role {
    return (this.membership?.role as Role | undefined) ?? 'member'
  }

  /** Admin, or secretary of this room: may manage records and roles. */
  get isManager(): boolean {
    return this.isAdmin || this.role === 'secretary'
  }

  /** How to find the member behind a person of this message's group: their key, this login, the live group. */
  memberOptions(person: ChatPerson): ResolveOptions {
    const { keys, session } = this.services
    return { key: personKey(person, keys), session, stableIds: keys.stableIds, groupPuppetId: this.msg.room?.puppetId }
  }

  /**
   * What authorised this sender, stored with every privileged change: the bot's own account,
   * a key, or (without one) the name and contact id of this login.
   */
  get actorKey(): string {
    if (this.msg.fromSelf) return 'self'
    if (this.key) return this.key
    return `login:${this.services.session.loginId}:${this.msg.sender.puppetId}`
  }

  /** A refusal; when the sender could not be told apart from a namesake, with the way out. */
  async refuse(text: string): Promise<void> {
    const names = this.ambiguousWith.map((n) => `「${n}」`).join('、')
    const hint = names
      ? `\n群里有不止一位叫${names}的人，机器人认不出您是哪一位。请私聊机器人发送 #认证 完成认证；如果您原来担任秘书等角色，认证后请管理员重新设置。`
      : ''
    await this.reply(text + hint)
  }

  /** Where a reply goes: the group, or the private chat it came from. */
  get replyTarget(): OutboxTarget {
    if (this.room) return { kind: 'room', roomId: this.room.id }
    if (this.msg.room) return { kind: 'raw-room', topic: this.msg.room.topic, puppetId: this.msg.room.puppetId }
    return this.senderTarget
  }

  /** The sender's private chat: this login's contact id, and their remark where it holds a key. */
  get senderTarget(): OutboxTarget {
    const { sender } = this.msg
    return { kind: 'contact', name: sender.name, puppetId: sender.puppetId, ...(this.key && !this.key.startsWith('w:') && sender.remark ? { remark: sender.remark } : {}) }
  }

  /** Relative dates in a message resolve against the message's own time, in the configured zone. */
  get parseClock(): ParseClock {
    return { now: this.msg.time, timeZone: this.services.config.BOT_TIMEZONE }
  }

  /** The message's local date, YYYY-MM-DD. */
  get localDate(): string {
    return formatYmd(localParts(this.msg.time, this.services.config.BOT_TIMEZONE))
  }

  /** Who is speaking, as records name them: registered real name, else the WeChat name. */
  get speakerName(): string {
    return this.member?.realName ?? this.msg.sender.name
  }

  async reply(text: string): Promise<void> {
    await this.send(this.replyTarget, { text })
  }

  /** To the sender's private chat, wherever the message came from. */
  async replyPrivately(text: string): Promise<void> {
    await this.send(this.senderTarget, { text })
  }

  /**
   * Every reply is keyed by the message and its place among the replies, so a message
   * handled again after a crash does not answer twice. While replies are held they are only
   * prepared; otherwise (after a storage error, say) each is queued at once.
   */
  async send(target: OutboxTarget, content: OutboxContent): Promise<void> {
    const key = this.nextReplyKey()
    if (this.held) this.held.push(this.services.outbox.queueStatement(target, content, key, 'reply'))
    else await this.services.outbox.enqueue(target, content, key, 'reply')
  }

  private nextReplyKey(): string {
    this.replies += 1
    crashPoint('stored')
    return `reply:${this.msg.puppetMessageId}:${this.replies}`
  }

  /**
   * Stores a record so that it, this message's outcome and its confirmation are one commit:
   * `confirm` reads on `on` (inside the record's transaction, or just before its one-batch
   * commit) and says what the outcome, the reply and the other writes are. A crash before the
   * commit leaves nothing of the message, so it is handled again; after it, the message is handled.
   */
  async commitRecord<R, C = R>(store: (within: WithinCommit<C>) => Promise<R>, confirm: (on: Queryable, record: C) => Promise<Confirmation>): Promise<R> {
    let confirmation: Confirmation | undefined
    const settle = this.held ? this.settleStatements : undefined
    // One key however often `within` is asked (a commit tried again): the reply is queued once.
    let replyKey: string | undefined
    const record = await store(async (on, stored) => {
      confirmation = await confirm(on, stored)
      if (!settle) return confirmation.statements
      replyKey ??= this.nextReplyKey()
      const reply = this.services.outbox.queueStatement(this.replyTarget, { text: confirmation.reply }, replyKey, 'reply')
      return [...confirmation.statements, ...settle(confirmation.outcome, [...this.held!, reply])]
    })
    this.outcome = confirmation!.outcome
    if (!settle) {
      await this.reply(confirmation!.reply)
    } else {
      this.held = undefined
      this.settled = true
    }
    return record
  }

  /** From now on replies are held, to be queued with the message's outcome in one commit. */
  holdReplies(): void {
    this.held = []
  }

  /** The replies held so far, as outbox statements; replies after this are queued at once. */
  releaseReplies(): Prisma.Sql[] {
    const held = this.held ?? []
    this.held = undefined
    return held
  }
}
