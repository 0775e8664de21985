import { randomUUID } from 'node:crypto'
import type { Wechaty } from 'wechaty'
import { PuppetMock, mock } from 'wechaty-puppet-mock'
import type { BotApp, AppOptions } from '../app.js'
import { CppccRoomBot } from '../bot/plugin.js'
import { buildWechaty, types } from '../bot/wechaty.js'
import { ManualClock } from '../clock.js'

/** What the bot said, as replay prints it. */
export interface SentMessage {
  time: string
  to: string
  text?: string
  file?: string
}

export interface ChatLine {
  from: string
  text: string
  /** Group topic; absent for a private chat with the bot. */
  room?: string
  time?: Date
  /** Tells apart two accounts with the same name (default: the name). */
  fromKey?: string
  /** Tells apart two groups with the same topic (default: the topic). */
  roomKey?: string
  /** The puppet message id; a replay gives each line a stable one, so re-running it is idempotent. */
  id?: string
}

/**
 * A simulated WeChat around the real bot: Wechaty with wechaty-puppet-mock, the real plugin,
 * router and database. Used by `npm run demo`, `replay` and the end-to-end tests.
 */
export class MockChat {
  readonly sent: SentMessage[] = []
  /**
   * Called the moment the bot hands a message to the puppet, before the outbox marks it sent:
   * replay prints here, so a process killed right after a send has still printed it.
   */
  onSent?: (message: SentMessage) => void
  private readonly contacts = new Map<string, mock.ContactMock>()
  private readonly rooms = new Map<string, mock.RoomMock>()
  private readonly injected = new Set<string>()

  private constructor(
    readonly bot: Wechaty,
    readonly mocker: mock.Mocker,
    readonly app: BotApp,
    readonly botUser: mock.ContactMock,
    readonly clock: ManualClock | undefined,
  ) {
    mocker.puppet.on('message', ({ messageId }) => this.captureBotSend(messageId))
  }

  static async start(options: AppOptions & { botName?: string; onSent?: (message: SentMessage) => void }): Promise<MockChat> {
    const mocker = new mock.Mocker()
    const puppet = new PuppetMock({ mocker })
    const bot = buildWechaty({ puppet })
    let app: BotApp | undefined
    bot.use(CppccRoomBot(options, (created) => (app = created)))
    // Wechaty turns internal failures into 'error' events; unheard, they would crash the process.
    bot.on('error', (error) => options.log.warn({ err: error }, 'wechaty error (mock)'))
    await bot.start()
    const botUser = mocker.createContact({ name: options.botName ?? '会客厅助手' })
    const clock = options.clock instanceof ManualClock ? options.clock : undefined
    // Listening before the login: the outbox resends what an earlier run left pending as soon as it logs in.
    const chat = new MockChat(bot, mocker, app!, botUser, clock)
    chat.onSent = options.onSent
    const loggedIn = new Promise<void>((resolve) => bot.once('login', () => resolve()))
    mocker.login(botUser)
    await loggedIn
    return chat
  }

  /** A simulated person, created on first use. */
  contact(name: string, key = name): mock.ContactMock {
    let contact = this.contacts.get(key)
    if (!contact) {
      contact = this.mocker.createContact({ name })
      this.contacts.set(key, contact)
    }
    return contact
  }

  /** A simulated group with the bot in it, created on first use; members join as they speak. */
  group(topic: string, key = topic): mock.RoomMock {
    let room = this.rooms.get(key)
    if (!room) {
      room = this.mocker.createRoom({ topic, memberIdList: [this.botUser.id] })
      this.rooms.set(key, room)
    }
    return room
  }

  /** Sends one line as a member and resolves with what the bot said in response. */
  async say(line: ChatLine): Promise<SentMessage[]> {
    const time = line.time ?? this.clock?.now() ?? new Date()
    this.clock?.set(time)
    const talker = line.from === this.botUser.payload.name ? this.botUser : this.contact(line.from, line.fromKey)
    const id = line.id ?? randomUUID()
    const base = { id, talkerId: talker.id, timestamp: time.getTime(), type: types.Message.Text, text: line.text }
    if (line.room !== undefined) {
      const room = this.group(line.room, line.roomKey)
      if (!room.payload.memberIdList.includes(talker.id)) room.payload.memberIdList.push(talker.id)
      this.mocker.MessageMock.create({ ...base, roomId: room.id, mentionIdList: this.mentionIds(line.text, room) })
    } else {
      this.mocker.MessageMock.create({ ...base, listenerId: this.botUser.id })
    }
    return this.deliver(id)
  }

  /** Delivers an already-sent message again, as real puppets sometimes do. */
  redeliver(messageId: string): Promise<SentMessage[]> {
    return this.deliver(messageId)
  }

  /** The id of the last message a person sent (for redelivery tests). */
  lastInjectedId(): string {
    return [...this.injected].at(-1)!
  }

  async renameGroup(topic: string, newTopic: string, by: string): Promise<void> {
    const room = this.group(topic)
    room.topic(newTopic).by(this.contact(by))
    this.rooms.delete(topic)
    this.rooms.set(newTopic, room)
    // The rename is an event like a message: let the bot finish with it.
    await new Promise((resolve) => setTimeout(resolve, 20))
    await this.app.idle()
  }

  async stop(): Promise<void> {
    await this.app.idle()
    await this.bot.stop()
  }

  private async deliver(messageId: string): Promise<SentMessage[]> {
    this.injected.add(messageId)
    const before = this.sent.length
    const handled = new Promise<void>((resolve) => {
      const listener = (id: string) => {
        if (id !== messageId) return
        this.app.events.off('handled', listener)
        resolve()
      }
      this.app.events.on('handled', listener)
    })
    this.mocker.puppet.emit('message', { messageId })
    await handled
    await this.app.idle()
    return this.sent.slice(before)
  }

  /** Like WeChat clients do, an `@name` of a group member in the text becomes a real mention. */
  private mentionIds(text: string, room: mock.RoomMock): string[] {
    const ids: string[] = []
    for (const [, name] of text.matchAll(/@([^\s@#\u2005]+)/g)) {
      const contact = name === this.botUser.payload.name ? this.botUser : this.contacts.get(name!)
      if (contact && room.payload.memberIdList.includes(contact.id)) ids.push(contact.id)
    }
    return ids
  }

  private captureBotSend(messageId: string): void {
    if (this.injected.has(messageId)) return
    const payload = this.mocker.messagePayload(messageId)
    if (payload.talkerId !== this.botUser.id) return
    const to = payload.roomId
      ? this.mocker.roomPayload(payload.roomId).topic
      : this.mocker.contactPayload(payload.listenerId!).name
    const time = (this.clock?.now() ?? new Date()).toISOString()
    const fileBox = this.mocker.cacheFileBoxPayload.get(messageId)
    const message: SentMessage = fileBox ? { time, to, file: fileBox.name } : { time, to, text: payload.text ?? '' }
    this.sent.push(message)
    this.onSent?.(message)
  }
}
