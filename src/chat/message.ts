/** Transport-neutral chat types: what src/bot makes of a puppet's events, and what the router, the services and the chat directory read. */

/** A person as the transport sees them; names only, since puppet ids do not survive a re-login. */
export interface ChatPerson {
  puppetId: string
  name: string
  /** The person's alias (群昵称) in the room the message came from, if any. Self-chosen. */
  roomAlias?: string
  /** The remark (备注名) the bot's account gave this contact: only the operator can set it. */
  remark?: string
}

/** The names a person goes by in a chat (WeChat name, group alias): for finding, never for rights. */
export function namesOf(person: ChatPerson): string[] {
  return [person.name, person.roomAlias].filter((n): n is string => Boolean(n))
}

/** One incoming chat message, transport-neutral: what the router works with. */
export interface IncomingMessage {
  puppetMessageId: string
  text: string
  /** The message's own time; relative dates in it resolve against this. */
  time: Date
  /** Sent from the bot's own account (by the bot, or by a person using that account). */
  fromSelf: boolean
  sender: ChatPerson
  room?: { puppetId: string; topic: string }
  /** People @-mentioned, the bot excluded. */
  mentions: ChatPerson[]
  mentionsBot: boolean
}
