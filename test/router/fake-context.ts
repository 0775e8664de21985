import { ChatContext, type AppServices } from '../../src/router/context.js'
import type { IncomingMessage } from '../../src/chat/message.js'
import type { OutboxTarget } from '../../src/outbox/outbox.js'
import type { OutboxContent } from '../../src/chat/transport.js'
import { LoginSession } from '../../src/identity/session.js'
import { log } from '../../src/log.js'
import { Prisma } from '../../src/generated/prisma/client.js'
import { testConfig } from '../helpers.js'

/** One reply a hand-built context handed to the outbox. */
export interface Queued {
  target: OutboxTarget
  content: OutboxContent
  key: string | undefined
  urgency: string | undefined
}

/** A text message from 王芳 (no key, no remark) in a private chat, unless overridden. */
export function message(overrides: Partial<IncomingMessage> = {}): IncomingMessage {
  return {
    puppetMessageId: 'msg-1',
    text: '',
    time: new Date('2022-09-21T10:00:00+08:00'),
    fromSelf: false,
    sender: { puppetId: 'wx-wangfang', name: '王芳' },
    mentions: [],
    mentionsBot: false,
    ...overrides,
  }
}

/**
 * Services for a context built by hand: an outbox that only records what it is given, a fresh
 * login, BOT_ADMINS = 管理员. Pass `db`, `binding` and the like where the code under test needs them.
 */
export function fakeServices(overrides: Partial<AppServices> = {}): { services: AppServices; queued: Queued[] } {
  const queued: Queued[] = []
  const outbox = {
    async enqueue(target: OutboxTarget, content: OutboxContent, key?: string, urgency?: string): Promise<boolean> {
      queued.push({ target, content, key, urgency })
      return true
    },
    // A held reply is only prepared: the statement names its key, nothing is queued.
    queueStatement: (_target: OutboxTarget, _content: OutboxContent, key?: string) => Prisma.sql`SELECT ${key ?? null}`,
    wake() {},
  }
  const services = {
    config: testConfig(),
    session: new LoginSession(),
    keys: { admins: ['管理员'], stableIds: false },
    outbox,
    log,
    ...overrides,
  } as unknown as AppServices
  return { services, queued }
}

/** A context for `msg` over fake services; `queued` collects its replies. */
export function handBuilt(msg: Partial<IncomingMessage> = {}, overrides: Partial<AppServices> = {}): { ctx: ChatContext; queued: Queued[] } {
  const { services, queued } = fakeServices(overrides)
  return { ctx: new ChatContext(message(msg), services), queued }
}

/** What the replies said, in order. */
export const textsOf = (queued: Queued[]) => queued.map((q) => q.content.text)
