import type { Config } from '../config.js'
import type { Clock } from '../clock.js'
import type { Db } from '../db/client.js'
import type { Logger } from '../log.js'
import type { Outbox, OutboxTarget } from '../outbox/outbox.js'
import type { Member, Room, RoomMembership } from '../generated/prisma/client.js'
import type { IncomingMessage } from './message.js'
import type { CommandMatch } from './command-text.js'

/** What every handler may use; built once per app. */
export interface AppServices {
  db: Db
  config: Config
  clock: Clock
  outbox: Outbox
  log: Logger
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
  /** The message-log row once the message is known to be addressed to the bot. */
  logId: number | undefined

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

  async reply(text: string): Promise<void> {
    await this.services.outbox.enqueue(this.replyTarget, { text })
  }
}
