import { ROOM_KINDS, bindGroup, heldRoomsWithTopic, roomByName, type RoomKind } from '../services/rooms.js'
import type { Command } from '../router/command.js'
import { replies } from '../texts/replies.js'

const usage = '#绑定 <名称> [会客厅|工作室]'

/** Splits `<名称> [会客厅|工作室]`; the kind defaults to what the name says, else 会客厅. */
export function parseBindArgs(
  args: string,
): { name: string; kind: RoomKind; kindGuessed: boolean; move: boolean } | undefined {
  const all = args.split(/\s+/).filter(Boolean)
  const move = all.at(-1) === '改绑'
  const words = move ? all.slice(0, -1) : all
  const last = words.at(-1)
  const explicit = ROOM_KINDS.find((k) => k === last)
  const name = (explicit ? words.slice(0, -1) : words).join(' ').trim()
  if (!name) return undefined
  if (explicit) return { name, kind: explicit, kindGuessed: false, move }
  const kind: RoomKind = name.includes('工作室') ? '工作室' : '会客厅'
  return { name, kind, kindGuessed: true, move }
}

export const bindCommand: Command = {
  name: '绑定',
  summary: '（管理员）把本群绑定为一个会客厅或工作室',
  usage,
  help: [
    '管理员在要绑定的群里发送，例如：#绑定 健康家园委员会客厅 会客厅',
    '不写类型时，名称里有“工作室”的算工作室，其余算会客厅。群改名后绑定不变。',
    '一个会客厅已绑定在别的群、要把记录转到本群（比如旧群解散了）：#绑定 <名称> <会客厅|工作室> 改绑，再在 10 分钟内发 #确认绑定。',
  ].join('\n'),
  needsRoom: false,
  whileHeld: true,
  async run(ctx, args) {
    const group = ctx.msg.room
    if (!group) return ctx.reply(replies.groupOnly(usage))
    if (!ctx.isAdmin) return ctx.refuse(replies.adminsOnly('绑定群'))
    const parsed = parseBindArgs(args)
    if (!parsed) return ctx.reply(`请写上会客厅或工作室的名称：\n${usage}\n例如：#绑定 健康家园委员会客厅 会客厅`)
    if ([...parsed.name].length > 40) return ctx.reply(`名称太长了（${[...parsed.name].length} 字），请写会客厅或工作室的正式名称，40 字以内。`)
    const { db, session, clock } = ctx.services
    const current = ctx.room ?? ctx.heldRoom
    const named = await roomByName(db, parsed.name)
    if (named && named.id !== current?.id) {
      if (current) return ctx.reply(`本群已绑定为「${current.name}」，不能再改绑为另一个已有的会客厅或工作室。`)
      if (!parsed.move) {
        return ctx.reply(
          `「${parsed.name}」已绑定到群「${named.topic}」。如果那个群不再使用、要把记录转到本群，请发送：\n#绑定 ${parsed.name} ${named.kind} 改绑`,
        )
      }
      // Moving a room's records to another group is not undone by a second message: confirm first.
      session.proposeMove(group.puppetId, { name: parsed.name, kind: parsed.kind }, clock.now().getTime())
      return ctx.reply(
        `确认要把「${parsed.name}」从群「${named.topic}」改绑到本群吗？改绑后原群的消息不再记录，定时推送也改发本群。\n` +
          '确认请在 10 分钟内由管理员在本群发送 #确认绑定',
      )
    }
    const { room, created } = await bindGroup(db, group, parsed.name, parsed.kind, current, ctx.services.config.BOT_NAME)
    await ctx.services.binding.confirm(room.id, group)
    ctx.services.log.info({ room: room.id, group: group.topic, created, by: ctx.actorKey }, 'room bound')
    ctx.room = room
    const guessed = parsed.kindGuessed ? `（类型按名称判断为${parsed.kind}，如不对请重发并写明 会客厅 或 工作室）` : ''
    await ctx.reply(
      `${created ? '已绑定' : '已更新绑定'}：本群 =「${room.name}」${room.kind}${guessed}\n` +
        '群改名后绑定不变。下一步：请管理员发送 #秘书 @秘书 设置秘书，委员可发送 #登记 <姓名> <界别>。',
    )
  },
}

/** `#确认绑定`: an admin confirms, in the group itself, a pending 改绑 or a room held after a login. */
export const confirmBindCommand: Command = {
  name: '确认绑定',
  summary: '（管理员）确认改绑，或确认重新登录后待确认的群就是本群',
  usage: '#确认绑定',
  help: [
    '两种情况用它，都由管理员在本群发送：',
    '1. 发过 #绑定 <名称> <会客厅|工作室> 改绑 之后 10 分钟内，确认把记录转到本群；',
    '2. 重新登录后机器人没法确认本群就是原来绑定的群（可能有同名的群），本群暂停记录时，确认就是本群。',
  ].join('\n'),
  needsRoom: false,
  whileHeld: true,
  async run(ctx) {
    const group = ctx.msg.room
    if (!group) return ctx.reply(replies.groupOnly('#确认绑定'))
    if (!ctx.isAdmin) return ctx.refuse(replies.adminsOnly('确认绑定'))
    const { db, session, clock, binding, outbox } = ctx.services
    const move = session.takeMove(group.puppetId, clock.now().getTime())
    const target = move
      ? await roomByName(db, move.name)
      : (ctx.heldRoom ?? (await heldRoomsWithTopic(db, group.topic, ctx.services.config.BOT_NAME))[0])
    if (!target) return ctx.reply('本群没有待确认的绑定。改绑请先发送 #绑定 <名称> <会客厅|工作室> 改绑（10 分钟内确认）。')
    if (ctx.room && ctx.room.id !== target.id) return ctx.reply(`本群已绑定为「${ctx.room.name}」，不能再确认为「${target.name}」。`)
    const room = await binding.confirm(target.id, group)
    ctx.services.log.info({ room: room.id, group: group.topic, moved: Boolean(move), by: ctx.actorKey }, 'binding confirmed')
    ctx.room = room
    outbox.wake()
    await ctx.reply(`已确认：本群 =「${room.name}」${room.kind}。${move ? '记录已转到本群。' : '记录和定时推送恢复正常；确认前没记上的内容请重发。'}`)
  },
}
