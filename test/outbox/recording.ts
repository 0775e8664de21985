import type { OutboxMessage, Room } from '../../src/generated/prisma/client.js'
import type { OutboxRouting } from '../../src/outbox/outbox.js'
import type { Delivered, Destination, OutboxContent, Transport } from '../../src/chat/transport.js'

/** A transport that records deliveries, fails the first `failures` sends, and reports `delivered` (a group's topic now). */
export class RecordingTransport implements Transport {
  readonly delivered: { destination: Destination; content: OutboxContent; at: number }[] = []
  constructor(
    private failures = 0,
    private readonly error: () => Error = () => new Error('发送消息过于频繁'),
    private readonly reply: (destination: Destination, content: OutboxContent) => Delivered | void = () => undefined,
  ) {}
  async send(destination: Destination, content: OutboxContent) {
    if (this.failures > 0) {
      this.failures--
      throw this.error()
    }
    this.delivered.push({ destination, content, at: Date.now() })
    return this.reply(destination, content)
  }
}

/** Every bound room's group is known (the room binding is tested on its own); rows given up are kept in `gaveUp`. */
export function knownGroups(loginId?: string): OutboxRouting & { gaveUp: (row: OutboxMessage) => Promise<void>; givenUp: OutboxMessage[] } {
  const givenUp: OutboxMessage[] = []
  return {
    givenUp,
    groupOf: async (room: Room) => room.puppetRoomId ?? `group-of-${room.id}`,
    loginId: () => loginId,
    gaveUp: async (row: OutboxMessage) => void givenUp.push(row),
  }
}
