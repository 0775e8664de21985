// What the outbox hands the chat network and hears back: the transport side of sending,
// transport-neutral (src/bot/transport.ts implements it with Wechaty; tests record it).

export interface OutboxContent {
  text?: string
  file?: { path: string; name: string }
}

/**
 * Where the transport must deliver: a group by this login's id (the topic is for messages
 * only); a contact by this login's id, else by remark. Names never route a message.
 */
export type Destination =
  /** `bound`: the room binding gave this login's id just now; otherwise the id is the one the message came from. */
  | { kind: 'group'; topic: string; puppetId: string; bound: boolean }
  | { kind: 'contact'; name: string; puppetId?: string; remark?: string }

/** What a send learned: a group's topic as it is now (renamed while nobody spoke, say). */
export interface Delivered {
  topic?: string
}

/** The transport side of sending (Wechaty in production). */
export interface Transport {
  send(destination: Destination, content: OutboxContent): Promise<Delivered | void>
}

/** The target can never be reached safely (an id of an earlier login, no key): the row fails instead of retrying. */
export class UndeliverableError extends Error {}
