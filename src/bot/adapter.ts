import type { Message, Room, Contact } from 'wechaty'
import { types } from './wechaty.js'
import type { ChatPerson, IncomingMessage } from '../chat/message.js'

/** A contact as the router sees them: the group alias in `room`, the remark the bot's account gave them. */
export async function personOf(contact: Contact, room: Room | undefined): Promise<ChatPerson> {
  const alias = room ? await room.alias(contact).catch(() => undefined) : undefined
  const remark = await contact.alias().catch(() => undefined)
  return { puppetId: contact.id, name: contact.name(), ...(alias ? { roomAlias: alias } : {}), ...(remark ? { remark } : {}) }
}

/** Wechaty's message → our transport-neutral one. Non-text messages are not ours to read. */
export async function toIncoming(message: Message): Promise<IncomingMessage | undefined> {
  if (message.type() !== types.Message.Text) return undefined
  const room = message.room()
  const talker = message.talker()
  const mentionList = room ? await message.mentionList().catch(() => [] as Contact[]) : []
  const selfId = message.wechaty.currentUser.id
  const mentions = await Promise.all(mentionList.filter((c) => c.id !== selfId).map((c) => personOf(c, room)))
  return {
    puppetMessageId: message.id,
    text: message.text(),
    time: message.date(),
    fromSelf: message.self(),
    sender: await personOf(talker, room),
    ...(room ? { room: { puppetId: room.id, topic: await room.topic() } } : {}),
    mentions,
    mentionsBot: room ? await message.mentionSelf().catch(() => false) : false,
  }
}
