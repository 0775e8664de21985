import { afterEach, describe, expect, it } from 'vitest'
import type { Command } from '../../src/router/command.js'
import { helpHint, replies } from '../../src/texts/replies.js'
import type { Db } from '../../src/db/client.js'
import type { Room } from '../../src/generated/prisma/client.js'
import { LoginSession } from '../../src/identity/session.js'
import type { AppServices, ChatContext } from '../../src/router/context.js'
import type { IncomingMessage } from '../../src/chat/message.js'
import { addressedOnly, dedupe, dispatch, errorBoundary, ignoreSelf, resolveParties, senderLimit } from '../../src/router/middleware.js'
import { RoomBinding } from '../../src/services/room-binding.js'
import { allCommands } from '../../src/commands/index.js'
import { RECORD_KINDS } from '../../src/domain/kinds.js'
import { KINDS } from '../../src/records/kinds.js'
import { GROUP, freshDb, testConfig } from '../helpers.js'
import { handBuilt, textsOf } from './fake-context.js'

type Mw = (ctx: ChatContext, next: () => Promise<void>) => Promise<void> | void

/** Runs one middleware; true when it passed the message on. */
async function passes(mw: Mw, ctx: ChatContext): Promise<boolean> {
  let called = false
  await mw(ctx, async () => {
    called = true
  })
  return called
}

const inGroup = { room: { puppetId: 'room-1', topic: GROUP } }
const aliases = new Map([
  ['帮助', '帮助'],
  ['活动', '活动'],
])

describe('ignoreSelf', () => {
  const never = () => false

  it('passes on everything a person sends', async () => {
    expect(await passes(ignoreSelf(never), handBuilt({ text: '会议改到三点' }).ctx)).toBe(true)
  })

  it('drops the bot account’s own chatter and replies, and what it just sent', async () => {
    expect(await passes(ignoreSelf(never), handBuilt({ fromSelf: true, text: '会议改到三点' }).ctx)).toBe(false)
    expect(await passes(ignoreSelf(never), handBuilt({ fromSelf: true, text: '已记录活动 A1 #活动' }).ctx)).toBe(false)
    expect(await passes(ignoreSelf(() => true), handBuilt({ fromSelf: true, text: '#帮助' }).ctx)).toBe(false)
  })

  it('keeps a command the operator types on the bot’s account', async () => {
    expect(await passes(ignoreSelf(never), handBuilt({ fromSelf: true, text: '@李明 #帮助' }).ctx)).toBe(true)
  })
})

describe('addressedOnly', () => {
  const run = async (msg: Partial<IncomingMessage>) => {
    const { ctx } = handBuilt(msg)
    return { passed: await passes(addressedOnly(() => aliases), ctx), ctx }
  }

  it('stops group chatter, unlogged', async () => {
    const { passed, ctx } = await run({ ...inGroup, text: '明天的会几点开？' })
    expect(passed).toBe(false)
    expect(ctx.outcome).toBe('ignored')
  })

  it('passes a command on as received, with the command found', async () => {
    const { passed, ctx } = await run({ ...inGroup, text: '#活动 9月5日 义诊' })
    expect(passed).toBe(true)
    expect(ctx.outcome).toBe('received')
    expect(ctx.command).toEqual({ kind: 'command', name: '活动', tag: '活动', args: '9月5日 义诊' })
  })

  it('passes an unknown tag on as unknown-command, with no command', async () => {
    const { passed, ctx } = await run({ ...inGroup, text: '#报名 明天' })
    expect(passed).toBe(true)
    expect(ctx.outcome).toBe('unknown-command')
    expect(ctx.command).toBeUndefined()
  })

  it('passes a bare @-mention of the bot and any private message on as received', async () => {
    const mention = await run({ ...inGroup, text: '@会客厅助手 你好', mentionsBot: true })
    const direct = await run({ text: '在吗' })
    expect([mention.passed, mention.ctx.outcome, direct.passed, direct.ctx.outcome]).toEqual([true, 'received', true, 'received'])
  })
})

describe('errorBoundary', () => {
  it('turns a failure into an apology with a reference, logged with the error and the message', async () => {
    const lines: unknown[][] = []
    const log = { error: (...line: unknown[]) => void lines.push(line) } as unknown as AppServices['log']
    const { ctx, queued } = handBuilt({ ...inGroup, puppetMessageId: 'm1', text: '#活动 9月5日 义诊' }, { log })
    const failure = new Error('数据库断开')
    await errorBoundary(ctx, async () => {
      throw failure
    })
    const ref = /^error:([0-9A-F]{6})$/.exec(ctx.outcome)?.[1]
    expect(ref, ctx.outcome).toBeDefined()
    expect(textsOf(queued)).toEqual([`抱歉，处理这条消息时出错了（错误编号 ${ref}），内容没有保存。请稍后再发一次；一直不行请把编号告诉管理员。`])
    expect(lines).toEqual([[{ err: failure, ref, message: 'm1' }, 'handler failed']])
  })

  it('stays out of the way when nothing fails', async () => {
    const { ctx, queued } = handBuilt({ text: '#帮助' })
    expect(await passes(errorBoundary, ctx)).toBe(true)
    expect([ctx.outcome, queued]).toEqual(['ignored', []])
  })
})

describe('dispatch', () => {
  const ran: string[] = []
  afterEach(() => void ran.splice(0))

  const command = (name: string, extra: Partial<Command> = {}): Command => ({
    name,
    summary: name,
    usage: `#${name} 内容`,
    needsRoom: false,
    ...extra,
    async run(_ctx, args) {
      ran.push(`${name}:${args}`)
    },
  })
  const byName = new Map(
    [
      command('帮助'),
      command('活动', { needsRoom: true }),
      command('确认绑定', { whileHeld: true }),
      command('导出', { privateNeedsKey: '导出台账' }),
    ].map((c) => [c.name, c]),
  )
  const heldRoom: Room = {
    id: 7,
    name: '平湖健康家园政协委员会客厅',
    kind: '会客厅',
    topic: GROUP,
    puppetRoomId: 'room-1',
    pushEnabled: true,
    heldAt: new Date('2022-09-21T09:00:00Z'),
    heldReason: '群成员对不上',
    account: null,
    createdAt: new Date('2022-09-01T00:00:00Z'),
    updatedAt: new Date('2022-09-01T00:00:00Z'),
  }

  /** A context as the middleware before dispatch leave it: the command found in `text`, if any. */
  function arrived(msg: Partial<IncomingMessage>, setup: (ctx: ChatContext) => void = () => {}) {
    const { ctx, queued } = handBuilt(msg)
    const text = msg.text ?? ''
    const found = /^#(\S+)\s*(.*)$/s.exec(text)
    if (found && byName.has(found[1]!)) ctx.command = { kind: 'command', name: found[1]!, tag: found[1]!, args: found[2]! }
    setup(ctx)
    return { ctx, queued }
  }
  const run = async (msg: Partial<IncomingMessage>, setup?: (ctx: ChatContext) => void) => {
    const { ctx, queued } = arrived(msg, setup)
    await dispatch(() => byName)(ctx, async () => {})
    return { outcome: ctx.outcome, replies: textsOf(queued), ran: [...ran.splice(0)] }
  }

  it('runs the command with its arguments', async () => {
    expect(await run({ ...inGroup, text: '#活动 9月5日 义诊' }, (ctx) => (ctx.room = { ...heldRoom, heldAt: null }))).toEqual({
      outcome: 'handled:活动',
      replies: [],
      ran: ['活动:9月5日 义诊'],
    })
  })

  it('points an unknown tag and a bare mention to #帮助', async () => {
    expect(await run({ ...inGroup, text: '#报名 明天' })).toEqual({
      outcome: 'unknown-command',
      replies: ['没有「#报名」这个命令。发送 #帮助 查看全部命令和模板。'],
      ran: [],
    })
    expect(await run({ ...inGroup, text: '@会客厅助手 你好', mentionsBot: true })).toEqual({ outcome: 'hint', replies: [helpHint], ran: [] })
  })

  it('leaves a group another bot account serves to that account, binding commands apart', async () => {
    const elsewhere = (ctx: ChatContext) => (ctx.servedElsewhere = true)
    for (const text of ['#活动 9月5日 义诊', '#帮助', '#报名 明天', '@会客厅助手 你好']) {
      expect(await run({ ...inGroup, text, mentionsBot: !text.startsWith('#') }, elsewhere), text).toEqual({ outcome: 'other-account', replies: [], ran: [] })
    }
    expect(await run({ ...inGroup, text: '#确认绑定' }, elsewhere)).toEqual({ outcome: 'handled:确认绑定', replies: [], ran: ['确认绑定:'] })
  })

  it('refuses group-only commands in a private chat, and in an unbound group asks for a binding', async () => {
    expect(await run({ text: '#活动 9月5日 义诊' })).toEqual({ outcome: 'refused:private', replies: [replies.groupOnly('#活动 内容')], ran: [] })
    expect(await run({ ...inGroup, text: '#活动 9月5日 义诊' })).toEqual({ outcome: 'refused:unbound', replies: [replies.unbound], ran: [] })
  })

  it('in a group waiting for #确认绑定, runs only the binding commands', async () => {
    const held = (ctx: ChatContext) => (ctx.heldRoom = heldRoom)
    expect(await run({ ...inGroup, text: '#活动 9月5日 义诊' }, held)).toEqual({
      outcome: 'refused:held',
      replies: [
        '本群原来绑定为「平湖健康家园政协委员会客厅」，但这次登录后机器人没法确认就是这个群（可能有同名的群，或群成员对不上），为防记错，暂不记录、不推送。' +
          '请管理员在本群发送 #确认绑定；确认前发的内容请之后重发。',
      ],
      ran: [],
    })
    expect(await run({ ...inGroup, text: '#帮助' }, held)).toMatchObject({ outcome: 'refused:held', ran: [] })
    expect(await run({ ...inGroup, text: '#确认绑定' }, held)).toEqual({ outcome: 'handled:确认绑定', replies: [], ran: ['确认绑定:'] })
  })

  it('asks an unverified contact to verify before a private command that needs a key; admins and members pass', async () => {
    expect(await run({ text: '#导出 2022' })).toEqual({
      outcome: 'refused:unverified',
      replies: [
        '私聊导出台账需要先认证（防止有人改成同样的昵称冒用）：请私聊机器人发送 #认证，机器人回复一个 6 位数字，10 分钟内把「#认证 数字」发到您所在的委员会客厅群里即可。',
      ],
      ran: [],
    })
    expect(await run({ text: '#导出 2022' }, (ctx) => (ctx.isAdmin = true))).toEqual({ outcome: 'handled:导出', replies: [], ran: ['导出:2022'] })
    const member = { id: 5 } as NonNullable<ChatContext['member']>
    expect(await run({ text: '#导出 2022' }, (ctx) => (ctx.member = member))).toEqual({ outcome: 'handled:导出', replies: [], ran: ['导出:2022'] })
    // In a group the group itself is the proof of who asks.
    expect(await run({ ...inGroup, text: '#导出 2022' })).toEqual({ outcome: 'handled:导出', replies: [], ran: ['导出:2022'] })
  })
})

describe('with a database', () => {
  let db: Db
  afterEach(async () => {
    await db?.$disconnect()
  })

  async function createRoom(data: { topic: string; puppetRoomId: string; account?: string | null; heldAt?: Date }): Promise<Room> {
    return db.room.create({ data: { name: `${data.topic}会客厅`, kind: '会客厅', ...data } })
  }

  describe('dedupe', () => {
    const lines: unknown[][] = []
    const log = { info: (...line: unknown[]) => void lines.push(line) } as unknown as AppServices['log']
    const send = async (msg: Partial<IncomingMessage>, next: (ctx: ChatContext) => Promise<void> = async () => {}) => {
      const { ctx } = handBuilt(msg, { db, log })
      let called = false
      await dedupe(ctx, async () => {
        called = true
        await next(ctx)
      })
      return called
    }
    const logged = (id: string) => db.messageLog.findUniqueOrThrow({ where: { puppetMessageId: id } })

    it('logs what became of the message, with its room and member', async () => {
      db = (await freshDb()).db
      const room = await createRoom({ topic: GROUP, puppetRoomId: 'room-1' })
      const member = await db.member.create({ data: { name: '王芳' } })
      const passed = await send({ ...inGroup, puppetMessageId: 'm1', text: '#活动 9月5日 义诊' }, async (ctx) => {
        ctx.room = room
        ctx.member = member
        ctx.outcome = 'recorded:A1'
      })
      expect(passed).toBe(true)
      expect(await logged('m1')).toMatchObject({ outcome: 'recorded:A1', roomId: room.id, memberId: member.id, roomTopic: GROUP, senderName: '王芳' })
    })

    it('logs a message nothing took up as ignored, and one whose handling failed with what it had come to', async () => {
      db = (await freshDb()).db
      expect(await send({ puppetMessageId: 'm1', text: '在吗' })).toBe(true)
      expect((await logged('m1')).outcome).toBe('ignored')

      const failing = send({ puppetMessageId: 'm2', text: '#帮助' }, async (ctx) => {
        ctx.outcome = 'received'
        throw new Error('数据库断开')
      })
      await expect(failing).rejects.toThrow('数据库断开')
      expect(await logged('m2')).toMatchObject({ outcome: 'received', roomId: null, memberId: null })
    })

    it('handles a redelivered message once, and logs the drop with the first delivery’s row', async () => {
      db = (await freshDb()).db
      lines.splice(0)
      expect(await send({ puppetMessageId: 'm1', text: '#帮助' }, async (ctx) => void (ctx.outcome = 'handled:帮助'))).toBe(true)
      expect(await send({ puppetMessageId: 'm1', text: '#帮助' })).toBe(false)
      const [row] = await db.messageLog.findMany()
      expect(await db.messageLog.count()).toBe(1)
      expect(lines).toEqual([[{ message: 'm1', of: row!.id }, 'duplicate delivery dropped']])
    })
  })

  describe('resolveParties', () => {
    const ACCOUNT = testConfig().BOT_NAME
    // Stable contact ids (puppet-service): the group's id finds its room, a contact's id is their key.
    const keys = { admins: ['管理员'], stableIds: true }

    async function resolve(msg: Partial<IncomingMessage>) {
      const session = new LoginSession()
      const binding = new RoomBinding(db, session, keys, async () => {}, ACCOUNT)
      const { ctx } = handBuilt(msg, { db, session, keys, binding })
      expect(await passes(resolveParties, ctx)).toBe(true)
      return ctx
    }

    it('leaves a group another bot account serves alone: no room, no member', async () => {
      db = (await freshDb()).db
      await createRoom({ topic: '乙群', puppetRoomId: 'room-b', account: 'bot-b' })
      const ctx = await resolve({ room: { puppetId: 'room-b', topic: '乙群' } })
      expect([ctx.servedElsewhere, ctx.room, ctx.member]).toEqual([true, undefined, undefined])
    })

    it('serves its own group even where another account has a room of the same topic', async () => {
      db = (await freshDb()).db
      await createRoom({ topic: GROUP, puppetRoomId: 'room-b', account: 'bot-b' })
      const room = await createRoom({ topic: GROUP, puppetRoomId: 'room-1', account: ACCOUNT })
      const ctx = await resolve(inGroup)
      expect(ctx.servedElsewhere).toBe(false)
      expect(ctx.room?.id).toBe(room.id)
      expect(ctx.member).toMatchObject({ name: '王芳', key: 'w:wx-wangfang' })
      expect(ctx.membership).toMatchObject({ roomId: room.id, memberId: ctx.member!.id, role: 'member' })
      expect([ctx.tiedBy, ctx.ambiguousWith]).toEqual(['key', []])
    })

    it('holds a group waiting for #确认绑定: nothing is recorded for it', async () => {
      db = (await freshDb()).db
      const room = await createRoom({ topic: GROUP, puppetRoomId: 'room-1', account: ACCOUNT, heldAt: new Date('2022-09-21T09:00:00Z') })
      const ctx = await resolve(inGroup)
      expect([ctx.heldRoom?.id, ctx.room, ctx.member, ctx.servedElsewhere]).toEqual([room.id, undefined, undefined, false])
    })

    it('finds a private sender’s member by their key, and no one by a key nobody holds', async () => {
      db = (await freshDb()).db
      const member = await db.member.create({ data: { name: '王芳', realName: '王芳华', key: 'w:wx-wangfang' } })
      expect((await resolve({})).member?.id).toBe(member.id)
      expect((await resolve({ sender: { puppetId: 'wx-lm', name: '李明' } })).member).toBeUndefined()
    })

    it('makes admins of the bot’s own account and of a listed remark, never of a name', async () => {
      db = (await freshDb()).db
      const admin = async (msg: Partial<IncomingMessage>) => (await resolve(msg)).isAdmin
      expect(await admin({ fromSelf: true, sender: { puppetId: 'wx-bot', name: '会客厅助手' } })).toBe(true)
      expect(await admin({ sender: { puppetId: 'wx-zhou', name: '老周', remark: '管理员' } })).toBe(true)
      expect(await admin({ sender: { puppetId: 'wx-fake', name: '管理员' } })).toBe(false)
    })
  })

  describe('senderLimit', () => {
    const at = (time: string) => new Date(`2022-09-21T${time}+08:00`)
    let room: Room
    let mw: Mw
    let n = 0

    /** A tagged message as the middleware before senderLimit leave it. */
    async function send(time: string, text: string, extra: Partial<IncomingMessage> & { limit?: number; privately?: boolean } = {}) {
      const { limit = 1, privately = false, ...msg } = extra
      const { ctx, queued } = handBuilt(
        { ...(privately ? {} : inGroup), puppetMessageId: `m${++n}`, text, time: at(time), ...msg },
        { db, config: testConfig({ SENDER_MAX_PER_MINUTE: String(limit) }) },
      )
      const found = /^#(\S+)\s*(.*)$/s.exec(text)
      if (found) ctx.command = { kind: 'command', name: found[1]!, tag: found[1]!, args: found[2]! }
      if (!privately) ctx.room = room
      const passed = await passes(mw, ctx)
      return { passed, outcome: ctx.outcome, replies: textsOf(queued) }
    }
    const warning = (limit: number) => `您一分钟内发了 ${limit} 条以上带 # 的消息，请稍后再发。`
    const TAIL = '这一分钟里多出来的记录都存为草稿（#最近 可以看到），没有丢：过一会儿重发即可。'

    async function setup() {
      db = (await freshDb()).db
      room = await createRoom({ topic: GROUP, puppetRoomId: 'room-1' })
      // The real commands: which of them record, and of what kind, is theirs to say.
      const byName = new Map(allCommands().map((c) => [c.name, c]))
      mw = senderLimit(() => byName)
    }

    it('past the limit, keeps a record as a draft and says so once a minute', async () => {
      await setup()
      expect((await send('10:00:00', '#活动 9月5日 义诊', { limit: 2 })).passed).toBe(true)
      expect((await send('10:00:10', '#活动 9月6日 读书会', { limit: 2 })).passed).toBe(true)
      expect(await send('10:00:20', '#活动 9月7日 座谈会', { limit: 2 })).toEqual({
        passed: false,
        outcome: 'limited:D1',
        replies: [`${warning(2)}这条已存为草稿 D1，${TAIL}`],
      })
      const drafts = await db.draft.findMany()
      expect(drafts.map((d) => ({ ...d, problems: JSON.parse(d.problems) }))).toMatchObject([
        {
          code: 'D1',
          kind: 'activity',
          roomId: room.id,
          // The sender was not resolved to a member: the draft is kept all the same.
          memberId: null,
          senderName: '王芳',
          text: '9月7日 座谈会',
          sourceMessageId: 'm3',
          messageTime: at('10:00:20'),
          problems: [{ field: '发送频率', problem: '一分钟内超过 2 条，没有处理' }],
        },
      ])
      // Within the minute, kept silently.
      expect(await send('10:00:30', '#民意 关于增设公交站点的建议', { limit: 2 })).toEqual({ passed: false, outcome: 'limited:D2', replies: [] })
      expect((await db.draft.findUniqueOrThrow({ where: { code: 'D2' } })).kind).toBe('opinion')
    })

    it('keeps a message of every record kind as a draft of that kind', async () => {
      await setup()
      await send('10:00:00', '#帮助')
      for (const [i, kind] of RECORD_KINDS.entries()) {
        const { name } = KINDS[kind].command
        expect((await send(`10:00:0${i + 1}`, `#${name} 标题=第${i}条`)).outcome, name).toBe(`limited:D${i + 1}`)
      }
      const drafts = await db.draft.findMany({ orderBy: { id: 'asc' } })
      expect(drafts.map((d) => d.kind)).toEqual(RECORD_KINDS)
      expect(drafts.map((d) => d.text)).toEqual(RECORD_KINDS.map((_, i) => `标题=第${i}条`))
    })

    it('keeps no draft of a command that makes no record, nor of one sent privately', async () => {
      await setup()
      await send('10:00:00', '#帮助')
      expect(await send('10:00:01', '#帮助')).toEqual({ passed: false, outcome: 'limited', replies: [`${warning(1)}${TAIL}`] })
      await send('10:00:00', '#活动 9月5日 义诊', { privately: true, sender: { puppetId: 'wx-lm', name: '李明' } })
      expect(await send('10:00:01', '#活动 9月6日 读书会', { privately: true, sender: { puppetId: 'wx-lm', name: '李明' } })).toEqual({
        passed: false,
        outcome: 'limited',
        replies: [`${warning(1)}${TAIL}`],
      })
      expect(await db.draft.count()).toBe(0)
    })

    it('counts a message for exactly one minute', async () => {
      await setup()
      expect((await send('10:00:00', '#帮助')).passed).toBe(true)
      expect((await send('10:01:00', '#帮助')).passed).toBe(true)
      expect((await send('10:01:59', '#帮助')).passed).toBe(false)
    })

    it('warns again exactly a minute after the last warning', async () => {
      await setup()
      await send('10:00:00', '#帮助')
      expect((await send('10:00:01', '#帮助')).replies).toHaveLength(1)
      expect((await send('10:00:02', '#帮助')).replies).toHaveLength(0)
      // 10:00:02 is still within the minute: limited, and the first warning is a minute old.
      expect(await send('10:01:01', '#帮助')).toEqual({ passed: false, outcome: 'limited', replies: [`${warning(1)}${TAIL}`] })
    })

    it('counts each sender on their own, and never the bot’s account, untagged messages or an unlimited setting', async () => {
      await setup()
      await send('10:00:00', '#帮助')
      expect((await send('10:00:01', '#帮助', { sender: { puppetId: 'wx-lm', name: '李明' } })).passed).toBe(true)
      expect((await send('10:00:02', '#帮助', { fromSelf: true })).passed).toBe(true)
      expect((await send('10:00:03', '@会客厅助手 你好')).passed).toBe(true)
      expect((await send('10:00:04', '#帮助', { limit: 0 })).passed).toBe(true)
    })
  })
})
