import { describe, expect, it } from 'vitest'
import { allCommands } from '../../src/commands/index.js'
import type { Command } from '../../src/router/command.js'
import { GROUP, boundChat, startChat } from '../helpers.js'

const texts = (out: { text?: string }[]) => out.map((m) => m.text ?? '')

describe('help and addressing', () => {
  it('lists every command (templates via #帮助 <命令>), also on a bare @-mention', async () => {
    const chat = await startChat()
    const [help] = texts(await chat.say({ room: GROUP, from: '张三', text: '#帮助' }))
    for (const command of allCommands()) expect(help).toContain(`#${command.name}`)
    expect(help).toContain('本群尚未绑定')
    const [hint] = texts(await chat.say({ room: GROUP, from: '张三', text: '@会客厅助手 你好' }))
    expect(hint).toContain('#帮助')
  })

  it('stays silent on untagged chatter, answers an unknown tag', async () => {
    const chat = await startChat()
    expect(await chat.say({ room: GROUP, from: '张三', text: '明天的会几点开？' })).toEqual([])
    expect(await chat.say({ room: GROUP, from: '张三', text: '今天 #好天气' })).toEqual([])
    const [reply] = texts(await chat.say({ room: GROUP, from: '张三', text: '#报名 明天' }))
    expect(reply).toBe('没有「#报名」这个命令。发送 #帮助 查看全部命令和模板。')
    // Chatter is not stored: only what was addressed to the bot is logged.
    const logged = await chat.app.services.db.messageLog.findMany()
    expect(logged.map((l) => l.text)).toEqual(['#报名 明天'])
  })

  it('answers a private message and refuses group-only commands there', async () => {
    const chat = await startChat()
    const [hint] = texts(await chat.say({ from: '张三', text: '在吗' }))
    expect(hint).toContain('#帮助')
    const [refusal] = await chat.say({ from: '张三', text: '#登记 张三 教育' })
    expect(refusal).toMatchObject({ to: '张三' })
    expect(refusal!.text).toContain('要在委员会客厅或工作室的群里发送')
  })

  it('asks for a binding before room commands', async () => {
    const chat = await startChat()
    const [reply] = texts(await chat.say({ room: GROUP, from: '张三', text: '#登记 张三' }))
    expect(reply).toContain('本群还没有绑定')
  })
})

describe('ignoring itself', () => {
  it('never handles its own replies, but does handle the operator typing on the bot account', async () => {
    const chat = await startChat()
    await chat.say({ room: GROUP, from: '张三', text: '#帮助' })
    expect(await chat.app.services.db.messageLog.count()).toBe(1)
    const out = await chat.say({ room: GROUP, from: '会客厅助手', text: '#绑定 平湖健康家园政协委员会客厅' })
    expect(texts(out)[0]).toContain('已绑定')
    expect(await chat.say({ room: GROUP, from: '会客厅助手', text: '大家好，我是助手' })).toEqual([])
    expect(chat.sent).toHaveLength(2)
  })
})

describe('duplicates', () => {
  it('handles a re-delivered message once', async () => {
    const chat = await boundChat()
    await chat.say({ room: GROUP, from: '张三', text: '#登记 张三 教育' })
    const id = chat.lastInjectedId()
    expect(await chat.redeliver(id)).toEqual([])
    const rows = await chat.app.services.db.messageLog.findMany({ where: { puppetMessageId: id } })
    expect(rows).toHaveLength(1)
    expect(rows[0]!.outcome).toBe('handled:登记')
  })

  it('treats the same text from the same sender within seconds as one message', async () => {
    const chat = await boundChat()
    const first = await chat.say({ room: GROUP, from: '张三', text: '#登记 张三 教育', time: new Date('2022-09-21T10:00:00+08:00') })
    const again = await chat.say({ room: GROUP, from: '张三', text: '#登记 张三 教育', time: new Date('2022-09-21T10:00:03+08:00') })
    const later = await chat.say({ room: GROUP, from: '张三', text: '#登记 张三 教育', time: new Date('2022-09-21T10:05:00+08:00') })
    expect(first).toHaveLength(1)
    expect(again).toEqual([])
    expect(later).toHaveLength(1)
    const outcomes = (await chat.app.services.db.messageLog.findMany({ orderBy: { id: 'asc' } })).map((r) => r.outcome)
    expect(outcomes.slice(-3)).toEqual(['handled:登记', 'duplicate', 'handled:登记'])
  })

  it('does not take the same text from the same sender in another room for a re-delivery', async () => {
    const chat = await boundChat()
    await chat.say({ room: '东海群', from: '管理员', text: '#绑定 东海论健工作室 工作室', time: new Date('2022-09-21T09:00:00+08:00') })
    const here = await chat.say({ room: GROUP, from: '张三', text: '#月报', time: new Date('2022-09-21T10:00:00+08:00') })
    const there = await chat.say({ room: '东海群', from: '张三', text: '#月报', time: new Date('2022-09-21T10:00:02+08:00') })
    expect(texts(here)[0]).toContain('平湖健康家园政协委员会客厅')
    expect(texts(there)[0]).toContain('东海论健工作室')
  })

  it('ignores its own echo of a text it just sent, even one that starts with #, and only that', async () => {
    const chat = await boundChat()
    chat.app.rememberSent('#帮助')
    expect(await chat.say({ room: GROUP, from: '会客厅助手', text: '#帮助' })).toEqual([])
    // The operator typing a command on the bot's own account is heard.
    expect(texts(await chat.say({ room: GROUP, from: '会客厅助手', text: '#月报' }))[0]).toContain('月报')
  })
})

describe('binding', () => {
  it('binds a group for an admin and refuses anyone else', async () => {
    const chat = await startChat()
    const [refused] = texts(await chat.say({ room: GROUP, from: '张三', text: '#绑定 冒名会客厅' }))
    expect(refused).toContain('只有管理员可以绑定群')
    const [bound] = texts(await chat.say({ room: GROUP, from: '管理员', text: '#绑定 东海论健委员工作室 工作室' }))
    expect(bound).toContain('已绑定：本群 =「东海论健委员工作室」工作室')
    const rooms = await chat.app.services.db.room.findMany()
    expect(rooms).toHaveLength(1)
    expect(rooms[0]).toMatchObject({ name: '东海论健委员工作室', kind: '工作室', topic: GROUP })
  })

  it('asks for a name when there is none', async () => {
    const chat = await startChat()
    const [reply] = texts(await chat.say({ room: GROUP, from: '管理员', text: '#绑定' }))
    expect(reply).toContain('请写上会客厅或工作室的名称')
  })

  it('keeps the binding when the group is renamed', async () => {
    const chat = await boundChat()
    await chat.renameGroup(GROUP, '健康家园（2023）', '张三')
    const room = await chat.app.services.db.room.findFirstOrThrow()
    expect(room.topic).toBe('健康家园（2023）')
    const [help] = texts(await chat.say({ room: '健康家园（2023）', from: '张三', text: '#帮助' }))
    expect(help).toContain('本群：平湖健康家园政协委员会客厅（会客厅）')
  })

  it('keeps the binding when the group was renamed while the bot was away', async () => {
    const chat = await boundChat()
    // No room-topic event: the payload changes silently, as after a restart.
    chat.group(GROUP).payload.topic = '新群名'
    const [help] = texts(await chat.say({ room: GROUP, from: '张三', text: '#帮助' }))
    expect(help).toContain('本群：平湖健康家园政协委员会客厅')
    expect((await chat.app.services.db.room.findFirstOrThrow()).topic).toBe('新群名')
  })

  it('re-binding updates the same room instead of creating another', async () => {
    const chat = await boundChat()
    const [reply] = texts(await chat.say({ room: GROUP, from: '管理员', text: '#绑定 平湖健康家园会客厅 会客厅' }))
    expect(reply).toContain('已更新绑定')
    expect(await chat.app.services.db.room.count()).toBe(1)
  })
})

describe('roles and registration', () => {
  it('lets an admin name a secretary, who then names a lead', async () => {
    const chat = await boundChat()
    await chat.say({ room: GROUP, from: '王芳', text: '大家好' })
    await chat.say({ room: GROUP, from: '李明', text: '收到' })
    const [made] = texts(await chat.say({ room: GROUP, from: '管理员', text: '#秘书 @王芳' }))
    expect(made!.split('\n')[0]).toBe('已设置 王芳 为本群秘书。')
    expect(made).toContain('请 王芳 私聊机器人发送 #认证')
    const [lead] = texts(await chat.say({ room: GROUP, from: '王芳', text: '#牵头 @李明' }))
    expect(lead!.split('\n')[0]).toBe('已设置 李明 为本群牵头委员。')
    const roles = await chat.app.services.db.roomMembership.findMany({ include: { member: true } })
    expect(Object.fromEntries(roles.map((r) => [r.member.name, r.role]))).toMatchObject({ 王芳: 'secretary', 李明: 'lead' })
  })

  it('refuses role changes from an ordinary member', async () => {
    const chat = await boundChat()
    await chat.say({ room: GROUP, from: '王芳', text: '大家好' })
    const [reply] = texts(await chat.say({ room: GROUP, from: '张三', text: '#秘书 @王芳' }))
    expect(reply).toContain('只有本群秘书或管理员可以设置角色')
    expect(await chat.app.services.db.roomMembership.count({ where: { role: 'secretary' } })).toBe(0)
  })

  it('names who it cannot find', async () => {
    const chat = await boundChat()
    const [reply] = texts(await chat.say({ room: GROUP, from: '管理员', text: '#牵头 @无此人' }))
    expect(reply).toContain('群里找不到：无此人')
  })

  it('records a member real name and sector, matched later by that name', async () => {
    const chat = await boundChat()
    const [reply] = texts(await chat.say({ room: GROUP, from: '小王医生', text: '#登记 王芳 医药卫生界' }))
    expect(reply).toBe('已登记：王芳，界别：医药卫生。')
    const [role] = texts(await chat.say({ room: GROUP, from: '管理员', text: '#秘书 王芳' }))
    expect(role!.split('\n')[0]).toBe('已设置 王芳 为本群秘书。')
    expect(await chat.app.services.db.member.count({ where: { name: '小王医生' } })).toBe(1)
  })
})

describe('errors', () => {
  it('turns a failing handler into an apology and keeps working', async () => {
    const boom: Command = {
      name: '故障',
      summary: 'test',
      usage: '#故障',
      needsRoom: false,
      async run() {
        throw new Error('database is on fire')
      },
    }
    const chat = await startChat({ commands: [...allCommands(), boom] })
    const [apology] = texts(await chat.say({ room: GROUP, from: '张三', text: '#故障' }))
    expect(apology).toMatch(/^抱歉，处理这条消息时出错了（错误编号 [0-9A-F]{6}）/)
    const [help] = texts(await chat.say({ room: GROUP, from: '张三', text: '#帮助' }))
    expect(help).toContain('可用命令')
    const failed = await chat.app.services.db.messageLog.findFirstOrThrow({ where: { text: '#故障' } })
    expect(failed.outcome).toMatch(/^error:/)
  })
})
