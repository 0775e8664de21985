import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Member, Room, RoomMembership } from '../../src/generated/prisma/client.js'
import { personKey } from '../../src/identity/keys.js'
import { GROUP } from '../helpers.js'
import { fakeServices, handBuilt, message, textsOf, type Queued } from './fake-context.js'

const room: Room = {
  id: 7,
  name: '平湖健康家园政协委员会客厅',
  kind: '会客厅',
  topic: GROUP,
  puppetRoomId: 'room-1',
  pushEnabled: true,
  heldAt: null,
  heldReason: null,
  account: null,
  createdAt: new Date('2022-09-01T00:00:00Z'),
  updatedAt: new Date('2022-09-01T00:00:00Z'),
}
const inGroup = { room: { puppetId: 'room-1', topic: GROUP } }

function membership(role: string): RoomMembership {
  return { id: 3, roomId: room.id, memberId: 5, alias: null, role }
}

function member(realName: string | null): Member {
  const at = new Date('2022-09-01T00:00:00Z')
  return { id: 5, name: '王芳', realName, sector: null, puppetContactId: 'wx-wangfang', key: null, remark: null, verifiedAt: null, createdAt: at, updatedAt: at }
}

describe('rights of the sender', () => {
  it('gives a sender with no role in the room no manager rights', () => {
    const { ctx } = handBuilt(inGroup)
    expect(ctx.role).toBe('member')
    expect(ctx.isManager).toBe(false)
  })

  it('makes the room’s secretary and an admin managers, a lead not', () => {
    const secretary = handBuilt(inGroup).ctx
    secretary.membership = membership('secretary')
    expect([secretary.role, secretary.isManager]).toEqual(['secretary', true])

    const lead = handBuilt(inGroup).ctx
    lead.membership = membership('lead')
    expect([lead.role, lead.isManager]).toEqual(['lead', false])

    const admin = handBuilt(inGroup).ctx
    admin.isAdmin = true
    expect([admin.role, admin.isManager]).toEqual(['member', true])
  })
})

describe('actorKey: what authorised a change, stored with it', () => {
  it('is "self" for the bot’s own account, even where it has a key', () => {
    const { ctx } = handBuilt({ fromSelf: true })
    ctx.key = 'r:管理员'
    expect(ctx.actorKey).toBe('self')
  })

  it('is the sender’s key where they have one', () => {
    const { ctx } = handBuilt({ sender: { puppetId: 'wx-wangfang', name: '王芳', remark: '王芳#ABC234' } })
    ctx.key = personKey(ctx.msg.sender, ctx.services.keys)
    expect(ctx.actorKey).toBe('t:ABC234')
  })

  it('is this login and the contact id without a key', () => {
    const { ctx } = handBuilt()
    expect(ctx.actorKey).toBe(`login:${ctx.services.session.loginId}:wx-wangfang`)
  })
})

describe('memberOptions: how a person of this message is looked up', () => {
  it('carries the person’s key and this login, and the group only for a group message', () => {
    const person = { puppetId: 'wx-admin', name: '老周', remark: '管理员' }
    const { ctx } = handBuilt()
    expect(ctx.memberOptions(person)).toEqual({ key: 'r:管理员', session: ctx.services.session, stableIds: false, groupPuppetId: undefined })
    const inRoom = handBuilt(inGroup).ctx
    expect(inRoom.memberOptions({ puppetId: 'wx-lm', name: '李明' })).toEqual({
      key: undefined,
      session: inRoom.services.session,
      stableIds: false,
      groupPuppetId: 'room-1',
    })
  })
})

describe('refuse', () => {
  it('says just the refusal when the sender was told apart', async () => {
    const { ctx, queued } = handBuilt(inGroup)
    await ctx.refuse('只有本群秘书或管理员可以登记采纳。')
    expect(textsOf(queued)).toEqual(['只有本群秘书或管理员可以登记采纳。'])
  })

  it('names every namesake and the way out when the sender could not be told apart', async () => {
    const { ctx, queued } = handBuilt(inGroup)
    ctx.ambiguousWith = ['王芳', '王芳（教育界）']
    await ctx.refuse('只有本群秘书或管理员可以登记采纳。')
    expect(textsOf(queued)).toEqual([
      '只有本群秘书或管理员可以登记采纳。\n群里有不止一位叫「王芳」、「王芳（教育界）」的人，机器人认不出您是哪一位。' +
        '请私聊机器人发送 #认证 完成认证；如果您原来担任秘书等角色，认证后请管理员重新设置。',
    ])
  })
})

describe('where replies go', () => {
  it('answers a bound group by its room, an unbound group by its topic and id, a private chat by the contact', async () => {
    const bound = handBuilt(inGroup)
    bound.ctx.room = room
    await bound.ctx.reply('好的')
    const unbound = handBuilt(inGroup)
    await unbound.ctx.reply('好的')
    const direct = handBuilt()
    await direct.ctx.reply('好的')
    expect([...bound.queued, ...unbound.queued, ...direct.queued].map((q) => q.target)).toEqual([
      { kind: 'room', roomId: 7 },
      { kind: 'raw-room', topic: GROUP, puppetId: 'room-1' },
      { kind: 'contact', name: '王芳', puppetId: 'wx-wangfang' },
    ])
  })

  it('answers privately from a group, with the remark only where it holds the sender’s token or listed remark', async () => {
    const tokened = handBuilt({ ...inGroup, sender: { puppetId: 'wx-wangfang', name: '王芳', remark: '王芳#ABC234' } })
    tokened.ctx.key = personKey(tokened.ctx.msg.sender, tokened.ctx.services.keys)
    tokened.ctx.room = room
    await tokened.ctx.replyPrivately('您的积分')
    expect(tokened.queued).toEqual<Queued[]>([
      { target: { kind: 'contact', name: '王芳', puppetId: 'wx-wangfang', remark: '王芳#ABC234' }, content: { text: '您的积分' }, key: 'reply:msg-1:1', urgency: 'reply' },
    ])

    // A remark the operator wrote but did not list is no key: the reply goes by the contact id alone.
    const unlisted = handBuilt({ ...inGroup, sender: { puppetId: 'wx-wangfang', name: '王芳', remark: '老同学' } })
    unlisted.ctx.key = personKey(unlisted.ctx.msg.sender, unlisted.ctx.services.keys)
    await unlisted.ctx.replyPrivately('您的积分')
    expect(unlisted.queued.map((q) => q.target)).toStrictEqual([{ kind: 'contact', name: '王芳', puppetId: 'wx-wangfang' }])
  })

  it('leaves the remark out where stable contact ids are the key', async () => {
    const { ctx, queued } = handBuilt({ sender: { puppetId: 'wxid_wangfang', name: '王芳', remark: '王芳#ABC234' } }, { keys: { admins: ['管理员'], stableIds: true } })
    ctx.key = personKey(ctx.msg.sender, ctx.services.keys)
    expect(ctx.key).toBe('w:wxid_wangfang')
    await ctx.replyPrivately('您的积分')
    expect(queued.map((q) => q.target)).toStrictEqual([{ kind: 'contact', name: '王芳', puppetId: 'wxid_wangfang' }])
  })

  it('keys each reply by the message and its place, so a message handled again does not answer twice', async () => {
    const { ctx, queued } = handBuilt(inGroup)
    await ctx.reply('第一条')
    await ctx.replyPrivately('第二条')
    expect(queued.map((q) => [q.key, q.urgency])).toEqual([
      ['reply:msg-1:1', 'reply'],
      ['reply:msg-1:2', 'reply'],
    ])
  })
})

describe('speakerName', () => {
  it('is the registered real name, else the WeChat name', () => {
    const stranger = handBuilt(inGroup).ctx
    expect(stranger.speakerName).toBe('王芳')
    const unregistered = handBuilt(inGroup).ctx
    unregistered.member = member(null)
    expect(unregistered.speakerName).toBe('王芳')
    const registered = handBuilt(inGroup).ctx
    registered.member = member('王芳华')
    expect(registered.speakerName).toBe('王芳华')
  })
})

describe('the message’s own time', () => {
  it('resolves relative dates in the configured zone, against the message’s time', () => {
    // 23:30 UTC on the 20th is already the 21st in Asia/Shanghai.
    const { ctx } = handBuilt({ time: new Date('2022-09-20T23:30:00Z') })
    expect(ctx.parseClock).toEqual({ now: new Date('2022-09-20T23:30:00Z'), timeZone: 'Asia/Shanghai' })
    expect(ctx.localDate).toBe('2022-09-21')
  })
})

describe('crash points around a reply (CRASH_AT, for the crash suite)', () => {
  afterEach(() => {
    delete process.env.CRASH_AT
    vi.restoreAllMocks()
    vi.resetModules()
  })

  // crash-points reads CRASH_AT when it is loaded: each case loads the router afresh.
  it('CRASH_AT=stored:1 kills the process before the first reply is queued or even prepared', async () => {
    process.env.CRASH_AT = 'stored:1'
    vi.resetModules()
    const { ChatContext } = await import('../../src/router/context.js')
    const { services, queued } = fakeServices()
    const kills: [number, number, unknown][] = []
    const ctx = new ChatContext(message(), services)
    ctx.holdReplies()
    vi.spyOn(process, 'kill').mockImplementation((_pid, signal) => {
      kills.push([queued.length, ctx.releaseReplies().length, signal])
      return true
    })
    await ctx.reply('好的')
    expect(kills).toEqual([[0, 0, 'SIGKILL']])
  })
})

describe('held replies', () => {
  it('are prepared for one commit with the outcome, not queued; once released, replies are queued at once', async () => {
    const { ctx, queued } = handBuilt({ puppetMessageId: 'm9' })
    ctx.holdReplies()
    await ctx.reply('一')
    await ctx.replyPrivately('二')
    expect(queued).toEqual([])
    expect(ctx.releaseReplies().map((sql) => sql.values)).toEqual([['reply:m9:1'], ['reply:m9:2']])
    expect(ctx.releaseReplies()).toEqual([])
    await ctx.reply('三')
    expect(queued.map((q) => [q.key, q.content.text])).toEqual([['reply:m9:3', '三']])
  })
})
