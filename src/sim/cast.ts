import type { mock } from 'wechaty-puppet-mock'
import type { SimPuppet } from './sim-puppet.js'
import { types } from '../bot/wechaty.js'

/**
 * The simulated people and groups of one mock WeChat account, by the key a test, the demo or
 * the mock gateway names them with; created on first use. MockChat and MockGateway share it.
 */
export class MockCast {
  readonly contacts = new Map<string, mock.ContactMock>()
  readonly rooms = new Map<string, mock.RoomMock>()
  /** A relogin is under way (see simulated). */
  renewing = false
  /** The ids renewIds retired. */
  private readonly retired = new Set<string>()

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

  /** Every contact and group gets a new id, as after a wechat4u re-login; the old ones are retired. */
  async renewIds(): Promise<void> {
    const newIds = new Map<string, string>()
    for (const [key, old] of this.contacts) {
      const { id: _old, ...payload } = this.mocker.contactPayload(old.id)
      const fresh = this.mocker.createContact(payload)
      newIds.set(old.id, fresh.id)
      this.retired.add(old.id)
      this.contacts.set(key, fresh)
      this.mocker.cacheContactPayload.delete(old.id)
      // Logged out, `contactPayloadDirty` does nothing: the cache is told directly.
      this.puppet.dirtyPayload(types.Dirty.Contact, old.id)
    }
    for (const [key, old] of this.rooms) {
      const { id: _old, memberIdList, ...payload } = this.mocker.roomPayload(old.id)
      const fresh = this.mocker.createRoom({ ...payload, memberIdList: memberIdList.map((id) => newIds.get(id) ?? id) })
      this.rooms.set(key, fresh)
      this.retired.add(old.id)
      this.mocker.cacheRoomPayload.delete(old.id)
      this.puppet.dirtyPayload(types.Dirty.Room, old.id)
      this.puppet.dirtyPayload(types.Dirty.RoomMember, old.id)
    }
    // Dirty events are emitted on the next turn: let them clear the puppet's caches first.
    await new Promise((resolve) => setImmediate(resolve))
  }

  /**
   * A Wechaty error the simulation itself causes, not worth a warning: loading an id a relogin
   * retired (during it and on later turns), the puppet asked for its account while a relogin has
   * it logged out, and Wechaty's dirty handler looking a group's id up as a contact's after a
   * member's group alias changed (wechaty-puppet-service#43). Anything else stays a warning.
   */
  simulated(error: Error): boolean {
    if ([...this.retired].some((id) => error.message.includes(id))) return true
    if (this.renewing && /not logged in/.test(error.message)) return true
    const groupAsContact = [...this.rooms.values()].some((room) => error.message === `no payload found for id ${room.id}`)
    return groupAsContact && /contactPayload/.test(error.stack ?? '')
  }
}
