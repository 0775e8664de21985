import { randomUUID } from 'node:crypto'
import { EventEmitter } from 'node:events'
import { createServer } from 'node:net'
import { FileBox, FileBoxType, type FileBoxInterface } from 'file-box'
import { mock } from 'wechaty-puppet-mock'
import { PuppetServer } from 'wechaty-puppet-service'
import * as types from 'wechaty-puppet/types'
import { MockCast } from '../sim/cast.js'
import { SimPuppet } from '../sim/sim-puppet.js'
import type { ChatLine, SentMessage } from '../sim/mock-chat.js'
import { PUPPET_SERVICE } from './service-options.js'

/** How a file the bot sent reached the gateway: small ones inline, bigger ones (over 20 KB) uploaded in chunks. */
export interface FileTransfer {
  name: string
  size: number
  uploaded: boolean
}

/**
 * The simulated WeChat (SimPuppet) as a gateway's account would behave: logged in whenever it runs,
 * with a heartbeat (a client resets a puppet it has not heard from for 60 s), and reading the bytes
 * of every file it is asked to send, as the real WeChat upload does.
 */
class GatewayPuppet extends SimPuppet {
  account?: mock.ContactMock
  heartbeatMs = 15_000
  onFile?: (transfer: FileTransfer) => void
  /** A client (the bot) started or stopped the puppet through the service. */
  onClient?: (connected: boolean) => void
  private heartbeat: NodeJS.Timeout | undefined

  override async onStart(): Promise<void> {
    await super.onStart()
    this.heartbeat = setInterval(() => this.emit('heartbeat', { data: 'mock gateway' }), this.heartbeatMs)
    this.heartbeat.unref()
    // After the mocker has started (scheduled by PuppetMock for the next turn).
    setImmediate(() => {
      if (this.account && !this.isLoggedIn) this.mocker.login(this.account)
      this.onClient?.(true)
    })
  }

  override async onStop(): Promise<void> {
    clearInterval(this.heartbeat)
    await super.onStop()
    this.onClient?.(false)
  }

  override async messageSendFile(conversationId: string, file: FileBoxInterface): Promise<void> {
    const bytes = await file.toBuffer()
    this.onFile?.({ name: file.name, size: bytes.length, uploaded: file.type === FileBoxType.Uuid })
    // The mock keeps a file as JSON, which an uploaded (UUID) box only is with this server's registry.
    await super.messageSendFile(conversationId, FileBox.fromBase64(bytes.toString('base64'), file.name))
  }
}

async function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, host, () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

export interface GatewayOptions {
  /** Address to listen on (default 127.0.0.1: nobody else should reach a test account). */
  host?: string
  /** 0 or absent: any free port. */
  port?: number
  /** The SNI prefix ("insecure_") is what the service client requires of every token. */
  token?: string
  botName?: string
  heartbeatMs?: number
}

/**
 * wechaty-puppet-service's own PuppetServer serving the mock puppet over gRPC without TLS: the
 * path a real deployment takes with a token or a self-hosted gateway, with WeChat simulated.
 * People are driven from here (say), and everything the bot sends arrives in `received`.
 */
export class MockGateway {
  readonly received: SentMessage[] = []
  readonly transfers: FileTransfer[] = []
  onSent?: (message: SentMessage) => void
  private readonly cast: MockCast
  private readonly files = new WeakMap<SentMessage, Buffer>()
  private readonly arrivals = new EventEmitter()

  private constructor(
    readonly endpoint: string,
    readonly token: string,
    private readonly server: PuppetServer,
    readonly mocker: mock.Mocker,
    readonly puppet: GatewayPuppet,
    readonly botUser: mock.ContactMock,
  ) {
    this.cast = new MockCast(mocker, puppet, botUser)
    puppet.on('message', ({ messageId }) => this.capture(messageId))
    puppet.onFile = (transfer) => this.transfers.push(transfer)
  }

  static async start(options: GatewayOptions = {}): Promise<MockGateway> {
    const host = options.host ?? '127.0.0.1'
    const endpoint = `${host}:${options.port || (await freePort(host))}`
    const token = options.token ?? `insecure_${randomUUID()}`
    const mocker = new mock.Mocker()
    const puppet = new GatewayPuppet({ mocker })
    puppet.heartbeatMs = options.heartbeatMs ?? puppet.heartbeatMs
    const botUser = mocker.createContact({ name: options.botName ?? '会客厅助手' })
    puppet.account = botUser
    // The puppet is started by the first client that connects (the service's start call).
    const server = new PuppetServer({ endpoint, puppet, token, tls: { disable: true } })
    await server.start()
    return new MockGateway(endpoint, token, server, mocker, puppet, botUser)
  }

  /** The lines a bot needs (in .env or the environment) to use this gateway. */
  envLines(): string[] {
    return [
      `WECHATY_PUPPET=${PUPPET_SERVICE}`,
      `WECHATY_PUPPET_SERVICE_TOKEN=${this.token}`,
      `WECHATY_PUPPET_SERVICE_ENDPOINT=${this.endpoint}`,
      'WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT=true',
    ]
  }

  get loggedIn(): boolean {
    return this.puppet.isLoggedIn
  }

  /** A simulated person, created on first use; with `remark`, the bot account's remark (备注) for them. */
  contact(name: string, key = name, remark?: string): Promise<mock.ContactMock> {
    return this.cast.contact(name, key, remark)
  }

  /** The remark (备注) the bot account has for a person ('' or none: no remark). */
  remarkOf(key: string): string | undefined {
    return this.cast.remarkOf(key)
  }

  /** A simulated group with the bot in it, created on first use. */
  group(topic: string, key = topic): mock.RoomMock {
    return this.cast.group(topic, key)
  }

  /** One line from a person, in a group or privately to the bot; replies arrive in `received`. */
  async say(line: ChatLine): Promise<void> {
    const talker = await this.contact(line.from, line.fromKey, line.remark)
    const base = { id: line.id ?? randomUUID(), talkerId: talker.id, timestamp: (line.time ?? new Date()).getTime(), type: types.Message.Text, text: line.text }
    if (line.room !== undefined) {
      const room = this.group(line.room, line.roomKey)
      if (!room.payload.memberIdList.includes(talker.id)) {
        room.payload.memberIdList.push(talker.id)
        // The member list is part of the group's payload (a dirty member payload trips Wechaty, see refresh.ts).
        await this.puppet.roomPayloadDirty(room.id)
      }
      if (line.alias !== undefined) await this.puppet.setRoomAlias(room.id, talker.id, line.alias)
      this.mocker.MessageMock.create({ ...base, roomId: room.id, mentionIdList: this.mentionIds(line.text, room) })
    } else {
      this.mocker.MessageMock.create({ ...base, listenerId: this.botUser.id })
    }
    this.puppet.emit('message', { messageId: base.id })
  }

  /**
   * What the bot sent from `received[from]` on, up to the first message `until` accepts; rejects
   * after `timeoutMs`, listing what did arrive.
   */
  waitFor(until: (message: SentMessage) => boolean, from = 0, timeoutMs = 30_000): Promise<SentMessage[]> {
    const found = () => {
      const index = this.received.findIndex((m, i) => i >= from && until(m))
      return index < 0 ? undefined : this.received.slice(from, index + 1)
    }
    return new Promise((resolve, reject) => {
      const check = () => {
        const messages = found()
        if (!messages) return
        clearTimeout(timer)
        this.arrivals.off('sent', check)
        resolve(messages)
      }
      const timer = setTimeout(() => {
        this.arrivals.off('sent', check)
        const got = this.received.slice(from).map((m) => `→ ${m.to}: ${m.text ?? `[文件] ${m.file}`}`)
        reject(new Error(`the bot did not send the expected message within ${timeoutMs} ms; it sent:\n${got.join('\n') || '(nothing)'}`))
      }, timeoutMs)
      this.arrivals.on('sent', check)
      check()
    })
  }

  /** `say`, then `waitFor` the reply that ends the exchange. */
  async exchange(line: ChatLine, until: (message: SentMessage) => boolean, timeoutMs?: number): Promise<SentMessage[]> {
    const from = this.received.length
    await this.say(line)
    return this.waitFor(until, from, timeoutMs)
  }

  /** The bytes of a file the bot sent, as the gateway received them. */
  fileOf(message: SentMessage): Buffer | undefined {
    return this.files.get(message)
  }

  /** The account logs out (the bot gets `logout`); `login()` brings it back with the same ids. */
  async logout(): Promise<void> {
    await this.puppet.logout('logged out at the gateway')
  }

  login(): void {
    this.mocker.login(this.botUser)
  }

  async stop(): Promise<void> {
    await this.server.stop()
    await this.puppet.stop()
  }

  /** `@name` in a group's text mentions each member going by that name. */
  private mentionIds(text: string, room: mock.RoomMock): string[] {
    const names = new Set([...text.matchAll(/@([^\s@#\u2005]+)/g)].map((match) => match[1]))
    return room.payload.memberIdList.filter((id) => names.has(this.mocker.contactPayload(id).name))
  }

  private capture(messageId: string): void {
    const payload = this.mocker.messagePayload(messageId)
    if (payload.talkerId !== this.botUser.id) return
    const to = payload.roomId ? this.mocker.roomPayload(payload.roomId).topic : this.mocker.contactPayload(payload.listenerId!).name
    const box = this.mocker.cacheFileBoxPayload.get(messageId) as { name: string; base64?: string } | undefined
    const time = new Date().toISOString()
    const message: SentMessage = box ? { time, to, file: box.name } : { time, to, text: payload.text ?? '' }
    if (box?.base64) this.files.set(message, Buffer.from(box.base64, 'base64'))
    this.received.push(message)
    this.onSent?.(message)
    this.arrivals.emit('sent')
  }
}
