import type { ChatPerson } from './message.js'

/** A group the logged-in account is in now, with the people in it. */
export interface LiveGroup {
  puppetId: string
  topic: string
  members: ChatPerson[]
}

/**
 * What the bot may ask the chat network about the current login, besides sending: who is in
 * which group, and the one write that makes identity durable, a contact's remark (备注).
 */
export interface ChatDirectory {
  /** Every live group with exactly this topic. */
  groupsByTopic(topic: string): Promise<LiveGroup[]>
  /** The live group with this puppet id, or undefined when the id is stale. */
  group(puppetId: string): Promise<LiveGroup | undefined>
  /** Sets the bot account's remark for a contact; rejects when the network did not take it. */
  setRemark(contactPuppetId: string, remark: string): Promise<void>
}
