import type { Config } from '../config.js'
import type { Clock } from '../clock.js'
import type { Db } from '../db/client.js'
import type { Logger } from '../log.js'
import type { Outbox, OutboxContent, OutboxTarget } from '../outbox/outbox.js'
import type { Member, Room, RoomMembership } from '../generated/prisma/client.js'
import type { IncomingMessage } from './message.js'
import type { SessionIds } from './session-ids.js'
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
  session: SessionIds
  rules: ScoringRules
}

export type Role = 'member' | 'lead' | 'secretary'

/** One message on its way through the router: the grammY-style context object. */
export class ChatContext {
  room: Room | undefined
  member: Member | undefined
  membership: RoomMembership | undefined
  command: Extract<CommandMatch, { kind: 'command' }> | undefined
  isAdmin = false
  /** Recorded in the message log: what became of this message. */
  outcome = 'ignored'
  /** How many replies this message has had: each reply's outbox key. */
  private replies = 0

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

  /** Where a reply goes: the group, or the private chat it came from. */
  get replyTarget(): OutboxTarget {
    if (this.room) return { kind: 'room', roomId: this.room.id }
    if (this.msg.room) return { kind: 'raw-room', topic: this.msg.room.topic, puppetId: this.msg.room.puppetId }
    return { kind: 'contact', name: this.msg.sender.name, puppetId: this.msg.sender.puppetId }
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
    const { sender } = this.msg
    await this.send({ kind: 'contact', name: sender.name, puppetId: sender.puppetId }, { text })
  }

  /**
   * Every reply is keyed by the message and its place among the replies, so a message
   * handled again after a crash does not answer twice.
   */
  async send(target: OutboxTarget, content: OutboxContent): Promise<void> {
    this.replies += 1
    await this.services.outbox.enqueue(target, content, `reply:${this.msg.puppetMessageId}:${this.replies}`)
  }
}
