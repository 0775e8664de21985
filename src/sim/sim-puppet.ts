import { PuppetMock } from 'wechaty-puppet-mock'
import type * as PUPPET from 'wechaty-puppet'

/**
 * The mock puppet with the two things real WeChat has and the published mock leaves out:
 * the bot account's remark (备注) for a contact, which `contact.alias(x)` sets, and a
 * member's group alias (群昵称). Everything else is wechaty-puppet-mock as published.
 */
export class SimPuppet extends PuppetMock {
  private readonly roomAliases = new Map<string, string>()

  override async contactAlias(contactId: string): Promise<string>
  override async contactAlias(contactId: string, alias: string | null): Promise<void>
  override async contactAlias(contactId: string, alias?: string | null): Promise<string | void> {
    const payload = this.mocker.contactPayload(contactId)
    if (alias === undefined) return payload.alias ?? ''
    this.mocker.contactPayload(contactId, { ...payload, alias: alias ?? '' })
    await this.contactPayloadDirty(contactId)
  }

  override async roomMemberRawPayload(roomId: string, contactId: string): Promise<PUPPET.payloads.RoomMember> {
    const payload = await super.roomMemberRawPayload(roomId, contactId)
    const roomAlias = this.roomAliases.get(`${roomId} ${contactId}`)
    return roomAlias ? { ...payload, roomAlias } : payload
  }

  /** A member sets their own group alias, as anyone in a WeChat group can. */
  async setRoomAlias(roomId: string, contactId: string, alias: string | undefined): Promise<void> {
    const key = `${roomId} ${contactId}`
    if ((alias || undefined) === this.roomAliases.get(key)) return
    if (alias) this.roomAliases.set(key, alias)
    else this.roomAliases.delete(key)
    await this.roomMemberPayloadDirty(roomId)
  }
}
