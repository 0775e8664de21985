import type { mock } from 'wechaty-puppet-mock'
import type { SimPuppet } from './sim-puppet.js'

/**
 * The simulated people and groups of one mock WeChat account, by the key a test, the demo or
 * the mock gateway names them with; created on first use. MockChat and MockGateway share it.
 */
export class MockCast {
  readonly contacts = new Map<string, mock.ContactMock>()
  readonly rooms = new Map<string, mock.RoomMock>()

  constructor(
    private readonly mocker: mock.Mocker,
    private readonly puppet: SimPuppet,
    private readonly botUser: mock.ContactMock,
  ) {}

  /**
   * A person; with `remark`, the operator (re)sets the bot account's remark (备注) for them.
   * `preset` is the remark a new person starts with when none is given.
   */
  async contact(name: string, key = name, remark?: string, preset?: string): Promise<mock.ContactMock> {
    const known = this.contacts.get(key)
    if (!known) {
      const alias = remark ?? preset
      const contact = this.mocker.createContact({ name, ...(alias ? { alias } : {}) })
      this.contacts.set(key, contact)
      return contact
    }
    if (remark !== undefined && (this.mocker.contactPayload(known.id).alias ?? '') !== remark) await this.puppet.contactAlias(known.id, remark)
    return known
  }

  /** A person changes their WeChat name (昵称): the same account, the same contact id in this login. */
  async rename(key: string, name: string): Promise<void> {
    const contact = this.contacts.get(key)
    if (!contact) throw new Error(`no contact ${key}`)
    this.mocker.contactPayload(contact.id, { ...this.mocker.contactPayload(contact.id), name })
    await this.puppet.contactPayloadDirty(contact.id)
  }

  /** The remark (备注) the bot account has for a person now ('' or none: no remark). */
  remarkOf(key: string): string | undefined {
    const contact = this.contacts.get(key)
    return contact ? this.mocker.contactPayload(contact.id).alias || undefined : undefined
  }

  /** A group with the bot in it; members join as they speak. */
  group(topic: string, key = topic): mock.RoomMock {
    let room = this.rooms.get(key)
    if (!room) {
      room = this.mocker.createRoom({ topic, memberIdList: [this.botUser.id] })
      this.rooms.set(key, room)
    }
    return room
  }
}
