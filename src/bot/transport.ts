import { readFileSync } from 'node:fs'
import { FileBox } from 'file-box'
import type { Contact, Room, Wechaty } from 'wechaty'
import { UndeliverableError, type Delivered, type Destination, type OutboxContent, type Transport } from '../chat/transport.js'
import type { ChatDirectory, LiveGroup } from '../chat/directory.js'
import { personOf } from './adapter.js'
import { tokenInRemark } from '../identity/keys.js'
import { dirtyContact } from './refresh.js'

/** Two remarks name the same person: the same bot token, or (without one) the same text. */
function sameKey(remark: string | undefined, wanted: string): boolean {
  const token = tokenInRemark(wanted)
  return token ? tokenInRemark(remark) === token : remark === wanted
}

/**
 * Sends through Wechaty and answers the directory questions of the current login. A group is
 * reached by this login's id only (the room binding found it); a contact by this login's id,
 * else by the remark the bot gave them. Never by a name: anyone can take one.
 */
export class WechatyTransport implements Transport, ChatDirectory {
  constructor(
    private readonly bot: Wechaty,
    private readonly onSent: (text: string) => void,
  ) {}

  async send(destination: Destination, content: OutboxContent): Promise<Delivered> {
    const room = destination.kind === 'group' ? await this.findRoom(destination) : undefined
    const conversation = room ?? (await this.findContact(destination as Extract<Destination, { kind: 'contact' }>))
    if (content.file) {
      // A base64 box works with every puppet (a file-path box cannot be serialised by some);
      // puppet-service uploads one over 20 KB in chunks, past gRPC's 4 MB message limit.
      await conversation.say(FileBox.fromBase64(readFileSync(content.file.path).toString('base64'), content.file.name))
    } else {
      const text = content.text ?? ''
      this.onSent(text)
      await conversation.say(text)
    }
    return room ? { topic: await room.topic() } : {}
  }

  async groupsByTopic(topic: string): Promise<LiveGroup[]> {
    const rooms = await this.bot.Room.findAll({ topic })
    return Promise.all(rooms.map((room) => this.liveGroup(room)))
  }

  async group(puppetId: string): Promise<LiveGroup | undefined> {
    const room = await this.liveRoom(puppetId)
    return room ? this.liveGroup(room) : undefined
  }

  async setRemark(contactPuppetId: string, remark: string): Promise<void> {
    if (!(await this.liveContact(contactPuppetId))) throw new Error(`contact ${contactPuppetId} not found`)
    // The puppet rejects a refused remark; `contact.alias(x)` would only emit an 'error' event,
    // and reading it back fails with wechat4u, whose contact list keeps the old remark until it syncs.
    await this.bot.puppet.contactAlias(contactPuppetId, remark)
    await dirtyContact(this.bot, contactPuppetId)
  }

  /**
   * By id, only if the puppet still knows the id: `find({ id })` hands back Wechaty's pooled
   * object of an earlier login, payload and all, where `findAll({ id })` asks the puppet.
   */
  private async liveRoom(puppetId: string): Promise<Room | undefined> {
    return (await this.bot.Room.findAll({ id: puppetId }).catch(() => []))[0]
  }

  private async liveContact(puppetId: string): Promise<Contact | undefined> {
    return (await this.bot.Contact.findAll({ id: puppetId }).catch(() => []))[0]
  }

  private async liveGroup(room: Room): Promise<LiveGroup> {
    const members = await room.memberAll()
    return { puppetId: room.id, topic: await room.topic(), members: await Promise.all(members.map((c) => personOf(c, room))) }
  }

  private async findRoom(destination: Extract<Destination, { kind: 'group' }>): Promise<Room> {
    const room = await this.liveRoom(destination.puppetId)
    if (!room && !destination.bound) throw new UndeliverableError(`群「${destination.topic}」的 ID 已过期，它又没有绑定：不按群名找，以免发到同名的群`)
    if (!room) throw new Error(`群「${destination.topic}」这次登录找不到（机器人不在群里，或群已解散）`)
    return room
  }

  private async findContact(destination: Extract<Destination, { kind: 'contact' }>): Promise<Contact> {
    if (destination.puppetId) {
      const cached = await this.liveContact(destination.puppetId)
      if (cached && (destination.remark === undefined || sameKey(await cached.alias(), destination.remark))) return cached
    }
    if (destination.remark) {
      // By the bot's token where the remark has one: the operator may edit the readable part.
      const token = tokenInRemark(destination.remark)
      const byRemark = await this.bot.Contact.findAll({ alias: token ? new RegExp(`#${token}$`) : destination.remark })
      if (byRemark.length === 1) return byRemark[0]!
      throw new UndeliverableError(`备注为「${destination.remark}」的联系人有 ${byRemark.length} 个：不发送，以免发错人`)
    }
    throw new UndeliverableError(`联系人「${destination.name}」的 ID 已过期，又没有备注可以找回：不发送，以免发给同名的人`)
  }
}
