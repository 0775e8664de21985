import { readFileSync } from 'node:fs'
import { FileBox } from 'file-box'
import type { Wechaty } from 'wechaty'
import type { Delivered, Destination, OutboxContent, Transport } from '../outbox/outbox.js'

/**
 * Sends through Wechaty. The cached puppet id is tried first; when it is stale (ids change
 * on re-login) the chat is found again by its topic or name.
 */
export class WechatyTransport implements Transport {
  constructor(
    private readonly bot: Wechaty,
    private readonly onSent: (text: string) => void,
  ) {}

  async send(destination: Destination, content: OutboxContent): Promise<Delivered> {
    const room = destination.kind === 'group' ? await this.findRoom(destination) : undefined
    const conversation = room ?? (await this.findContact(destination as Extract<Destination, { kind: 'contact' }>))
    if (content.file) {
      // A base64 box works with every puppet (a file-path box cannot be serialised by some).
      await conversation.say(FileBox.fromBase64(readFileSync(content.file.path).toString('base64'), content.file.name))
    } else {
      const text = content.text ?? ''
      this.onSent(text)
      await conversation.say(text)
    }
    return { puppetId: conversation.id, ...(room ? { topic: await room.topic() } : {}) }
  }

  private async findRoom(destination: Extract<Destination, { kind: 'group' }>) {
    // A cached id that still resolves is this session's id for the group, even if the group
    // was renamed meanwhile; after a re-login it no longer resolves and the topic is used.
    if (destination.puppetId) {
      const cached = await this.bot.Room.find({ id: destination.puppetId }).catch(() => undefined)
      if (cached) return cached
    }
    const room = await this.bot.Room.find({ topic: destination.topic })
    if (!room) throw new Error(`群「${destination.topic}」找不到（机器人不在群里，或群名已改）`)
    return room
  }

  private async findContact(destination: Extract<Destination, { kind: 'contact' }>) {
    if (destination.puppetId) {
      const cached = await this.bot.Contact.find({ id: destination.puppetId }).catch(() => undefined)
      if (cached && cached.name() === destination.name) return cached
    }
    const contact = await this.bot.Contact.find({ name: destination.name })
    if (!contact) throw new Error(`联系人「${destination.name}」找不到`)
    return contact
  }
}
