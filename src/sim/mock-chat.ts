import { randomUUID } from 'node:crypto'
import type { Wechaty } from 'wechaty'
import { mock } from 'wechaty-puppet-mock'
import { MockCast } from './cast.js'
import { SimPuppet } from './sim-puppet.js'
import type { BotApp, AppOptions } from '../app.js'
import type { Transport } from '../chat/transport.js'
import { CppccRoomBot } from '../bot/plugin.js'
import { buildWechaty, types } from '../bot/wechaty.js'
import { ManualClock } from '../clock.js'
import { keyedMembers } from '../services/members.js'
import { roomsWithPeople } from '../services/rooms.js'

/** What the bot said, as replay prints it. */
export interface SentMessage {
  time: string
  to: string
  text?: string
  file?: string
  /** The group's key where a test gave it one apart from its topic (two groups with one topic). */
  toKey?: string
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
  /** The remark (备注) the bot's account has for this contact, as the operator set it. */
  remark?: string
  /** The sender's group alias (群昵称) in `room`; anyone can set their own. */
  alias?: string
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
  private readonly cast: MockCast
  private readonly injected = new Set<string>()
  /** The bytes of each file the bot sent, as the puppet received them (the outbox removes its copy). */
  private readonly files = new WeakMap<SentMessage, Buffer>()
  /** Group aliases by group key, then contact key: re-applied to the new ids after a re-login. */
  private readonly aliases = new Map<string, Map<string, string>>()
  /** Remarks given to names before those people first speak (the operator set them up). */
  private readonly presetRemarks: Record<string, string>

  private constructor(
    readonly bot: Wechaty,
    readonly mocker: mock.Mocker,
    readonly puppet: SimPuppet,
    readonly app: BotApp,
    readonly botUser: mock.ContactMock,
    readonly clock: ManualClock | undefined,
    remarks: Record<string, string>,
  ) {
    this.presetRemarks = remarks
    this.cast = new MockCast(mocker, puppet, botUser)
    mocker.puppet.on('message', ({ messageId }) => this.captureBotSend(messageId))
  }

  static async start(
    options: AppOptions & {
      botName?: string
      onSent?: (message: SentMessage) => void
      remarks?: Record<string, string>
      /** The simulated WeChat already has the database's groups with their known members (a restart, not a new world). */
      restoreGroups?: boolean
    },
  ): Promise<MockChat> {
    const mocker = new mock.Mocker()
    const puppet = new SimPuppet({ mocker })
    const bot = buildWechaty({ puppet })
    let app: BotApp | undefined
    bot.use(CppccRoomBot(options, (created) => (app = created)))
    // Wechaty turns internal failures into 'error' events; unheard, they would crash the process.
    let chat: MockChat | undefined
    bot.on('error', (error) => {
      if (chat?.cast.simulated(error)) options.log.debug({ err: error }, 'wechaty error (mock, of the simulation)')
      else options.log.warn({ err: error }, 'wechaty error (mock)')
    })
    await bot.start()
    const botUser = mocker.createContact({ name: options.botName ?? '会客厅助手' })
    const clock = options.clock instanceof ManualClock ? options.clock : undefined
    // Listening before the login: the outbox resends what an earlier run left pending as soon as it logs in.
    chat = new MockChat(bot, mocker, puppet, app!, botUser, clock, options.remarks ?? {})
    chat.onSent = options.onSent
    if (options.restoreGroups) await chat.restoreGroups()
    const loggedIn = new Promise<void>((resolve) => bot.once('login', () => resolve()))
    mocker.login(botUser)
    await loggedIn
    return chat
  }

  /** A simulated person, created on first use; with `remark`, the operator (re)sets their remark. */
  contact(name: string, key = name, remark?: string): Promise<mock.ContactMock> {
    return this.cast.contact(name, key, remark, this.presetRemarks[key])
  }

  /** Nothing is sent until the returned function is called (a slow or paused outbox); messages queue. */
  holdSending(): () => void {
    // The logged-in transport is also the directory of this login (WechatyTransport is both).
    const transport = this.app.services.session.directory as unknown as Transport
    this.app.outbox.detach()
    return () => this.app.outbox.attach(transport)
  }

  /** What a file the bot sent held. */
  fileOf(message: SentMessage): Buffer | undefined {
    return this.files.get(message)
  }

  /** The remark the bot's account has for a person now (the bot may have set it). */
  remarkOf(key: string): string | undefined {
    return this.cast.remarkOf(key)
  }

  /** A simulated group with the bot in it, created on first use; members join as they speak. */
  group(topic: string, key = topic): mock.RoomMock {
    return this.cast.group(topic, key)
  }

  /** Sends one line as a member and resolves with what the bot said in response. */
  async say(line: ChatLine): Promise<SentMessage[]> {
    const time = line.time ?? this.clock?.now() ?? new Date()
    this.clock?.set(time)
    const fromBot = line.from === this.botUser.payload.name && line.fromKey === undefined
    const talker = fromBot ? this.botUser : await this.contact(line.from, line.fromKey, line.remark)
    const id = line.id ?? randomUUID()
    const base = { id, talkerId: talker.id, timestamp: time.getTime(), type: types.Message.Text, text: line.text }
    if (line.room !== undefined) {
      const room = this.group(line.room, line.roomKey)
      if (!room.payload.memberIdList.includes(talker.id)) room.payload.memberIdList.push(talker.id)
      if (line.alias !== undefined) await this.setAlias(line.roomKey ?? line.room, line.fromKey ?? line.from, line.alias)
      this.mocker.MessageMock.create({ ...base, roomId: room.id, mentionIdList: this.mentionIds(line.text, room, line.roomKey ?? line.room) })
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

  /**
   * WeChat outlives the bot: on a restart, every bound room's group is there with the people the
   * room knows (by WeChat name, with the remark the bot gave them), before the bot logs in.
   */
  private async restoreGroups(): Promise<void> {
    const { db } = this.app.services
    // The bot's contacts who have a remark: the operator's admins (r:) and verified people (t:).
    for (const member of await keyedMembers(db)) {
      const remark = member.key!.startsWith('r:') ? member.key!.slice(2) : member.remark
      if (remark) await this.contact(member.name, member.name, remark)
    }
    for (const room of await roomsWithPeople(db)) {
      for (const m of room.memberships) await this.join(room.topic, m.member.name, { ...(m.alias ? { alias: m.alias } : {}) })
    }
  }

  /** A person puts themselves in a group without speaking (or is invited), as copycat groups are filled. */
  async join(roomTopic: string, from: string, options: { roomKey?: string; fromKey?: string; alias?: string } = {}): Promise<void> {
    const contact = await this.contact(from, options.fromKey)
    const room = this.group(roomTopic, options.roomKey)
    if (!room.payload.memberIdList.includes(contact.id)) room.payload.memberIdList.push(contact.id)
    await this.puppet.roomPayloadDirty(room.id)
    if (options.alias !== undefined) await this.setAlias(options.roomKey ?? roomTopic, options.fromKey ?? from, options.alias)
  }

  /** A person changes their WeChat name; they speak on as `{ from: name, fromKey: key }`. */
  renameContact(key: string, name: string): Promise<void> {
    return this.cast.rename(key, name)
  }

  async renameGroup(topic: string, newTopic: string, by: string): Promise<void> {
    const room = this.group(topic)
    const renamed = new Promise<void>((resolve) => this.bot.once('room-topic', () => resolve()))
    room.topic(newTopic).by(await this.contact(by))
    this.cast.rooms.delete(topic)
    this.cast.rooms.set(newTopic, room)
    // The rename is an event like a message: let the bot finish with it.
    await renamed
    await this.app.idle()
  }

  /**
   * A re-login as wechat4u does it: every contact and group gets a new id (names, remarks,
   * topics and group aliases stay), and the bot logs out and in again. With `keepIds`, as a
   * puppet-service (wxid) login does it: the same ids.
   */
  async relogin(options: { keepIds?: boolean } = {}): Promise<void> {
    await this.app.idle()
    this.cast.renewing = true
    try {
      const loggedOut = new Promise<void>((resolve) => this.bot.once('logout', () => resolve()))
      await this.mocker.puppet.logout('relogin')
      await loggedOut
      if (!options.keepIds) await this.renewIds()
      await this.login()
    } finally {
      this.cast.renewing = false
    }
  }

  private async login(): Promise<void> {
    const loggedIn = new Promise<void>((resolve) => this.bot.once('login', () => resolve()))
    this.mocker.login(this.botUser)
    await loggedIn
    await this.app.idle()
  }

  private async renewIds(): Promise<void> {
    await this.cast.renewIds()
    for (const [roomKey, byContact] of this.aliases) {
      for (const [contactKey, alias] of byContact) await this.puppet.setRoomAlias(this.cast.rooms.get(roomKey)!.id, this.cast.contacts.get(contactKey)!.id, alias)
    }
  }

  private async setAlias(roomKey: string, contactKey: string, alias: string): Promise<void> {
    const byContact = this.aliases.get(roomKey) ?? new Map<string, string>()
    this.aliases.set(roomKey, byContact)
    if (alias) byContact.set(contactKey, alias)
    else byContact.delete(contactKey)
    await this.puppet.setRoomAlias(this.cast.rooms.get(roomKey)!.id, this.cast.contacts.get(contactKey)!.id, alias)
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
  private mentionIds(text: string, room: mock.RoomMock, roomKey: string): string[] {
    // As wechat4u does it: the text has only the name, so every member going by it (WeChat
    // name or group alias) is taken for the one mentioned.
    const aliases = this.aliases.get(roomKey) ?? new Map<string, string>()
    const ids = new Set<string>()
    for (const [, name] of text.matchAll(/@([^\s@#\u2005]+)/g)) {
      if (name === this.botUser.payload.name) ids.add(this.botUser.id)
      for (const [key, contact] of this.cast.contacts) {
        if (!room.payload.memberIdList.includes(contact.id)) continue
        if (this.mocker.contactPayload(contact.id).name === name || aliases.get(key) === name) ids.add(contact.id)
      }
    }
    return [...ids]
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
    const key = payload.roomId ? [...this.cast.rooms].find(([, room]) => room.id === payload.roomId)?.[0] : undefined
    const toKey = key !== undefined && key !== to ? { toKey: key } : {}
    const message: SentMessage = fileBox ? { time, to, ...toKey, file: fileBox.name } : { time, to, ...toKey, text: payload.text ?? '' }
    if (fileBox && 'base64' in fileBox) this.files.set(message, Buffer.from(String(fileBox.base64), 'base64'))
    this.sent.push(message)
    this.onSent?.(message)
  }
}
