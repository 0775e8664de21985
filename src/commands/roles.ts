import {
  ROLE_LABELS,
  displayName,
  findRoomMemberByName,
  resolveRoomMember,
  setRole,
  type ResolvedMember,
  type RoleName,
} from '../services/members.js'
import type { ChatContext } from '../router/context.js'
import { echo } from '../parsing/mod.js'
import { namesOf } from '../chat/message.js'
import type { Command } from '../router/command.js'
import { replies } from '../texts/replies.js'

/**
 * The people a command names: real @-mentions first (the transport resolved them), then
 * `@名字` or plain names in the text matched against the room's members. wechat4u resolves an
 * @-mention by searching the group for the name, so several people may come back for one
 * name: then, as for a typed name that fits several members, nobody is picked.
 */
export async function namedMembers(
  ctx: ChatContext,
  args: string,
): Promise<{ found: ResolvedMember[]; unknown: string[]; ambiguous: string[] }> {
  const room = ctx.room!
  const found: ResolvedMember[] = []
  const coveredNames = new Set<string>()
  const ambiguous = new Set<string>()
  for (const person of ctx.msg.mentions) {
    const clash = namesOf(person).find((n) => ctx.msg.mentions.some((other) => other.puppetId !== person.puppetId && namesOf(other).includes(n)))
    for (const n of namesOf(person)) coveredNames.add(n)
    if (clash) {
      ambiguous.add(clash)
      continue
    }
    found.push(await resolveRoomMember(ctx.services.db, room.id, person, ctx.memberOptions(person)))
    ctx.services.session.seeContact(person.puppetId)
  }
  const unknown: string[] = []
  const words = args.split(/[\s、，,]+/).map((w) => w.replace(/^@/, '').trim()).filter(Boolean)
  for (const word of words) {
    if (coveredNames.has(word)) continue
    const hit = await findRoomMemberByName(ctx.services.db, room.id, word)
    if (hit === 'ambiguous') ambiguous.add(word)
    else if (hit) found.push(hit)
    else unknown.push(word)
  }
  const unique = new Map(found.map((f) => [f.membership.id, f]))
  return { found: [...unique.values()], unknown, ambiguous: [...ambiguous] }
}

function roleCommand(name: string, role: RoleName, summary: string): Command {
  const usage = `#${name} @某人`
  return {
    name,
    summary,
    usage,
    help: [
      `在本群 @ 要设置的人，可以一次 @ 几位；也可以直接写名字（登记的姓名、微信名或群昵称）：#${name} 张三`,
      '名字只用来找人，不授予权限；群里有两个人同名时不设置，请改用登记的姓名。',
      role === 'member' ? '改回普通委员后，原来的秘书、牵头委员权限随即失效。' : '设置后请对方私聊机器人发送 #认证：认证后机器人换号重新登录也认得，私聊才能用汇总、#导出 和推送。',
    ].join('\n'),
    needsRoom: true,
    async run(ctx, args) {
      if (!ctx.isManager) return ctx.refuse(replies.managersOnly('设置角色'))
      const { found, unknown, ambiguous } = await namedMembers(ctx, args)
      if (found.length === 0 && unknown.length === 0 && ambiguous.length === 0) {
        return ctx.reply(`请 @ 要设置的人：\n${usage}`)
      }
      const lines: string[] = []
      for (const target of found) {
        await setRole(ctx.services.db, target.membership.id, role)
        ctx.services.log.info({ room: ctx.room!.id, member: target.member.id, role, by: ctx.actorKey }, 'role set')
        const unverified = role !== 'member' && target.member.key === null ? `\n请 ${displayName(target.member)} 私聊机器人发送 #认证：认证后换号登录也认得，私聊才能用${role === 'secretary' ? '汇总、导出并收到推送' : ' #我的'}。` : ''
        lines.push(`已设置 ${displayName(target.member)} 为本群${ROLE_LABELS[role]}。${unverified}`)
      }
      if (ambiguous.length > 0) {
        lines.push(`群里不止一位叫${ambiguous.map((n) => `「${echo(n, 12)}」`).join('、')}的人，没有设置。请改用对方 #登记 的真实姓名（不加 @），或请对方先把群昵称改得能区分。`)
      }
      if (unknown.length > 0) {
        const named = unknown.slice(0, 5).map((n) => echo(n, 12)).join('、') + (unknown.length > 5 ? ` 等 ${unknown.length} 个` : '')
        lines.push(`群里找不到：${named}。请用 @ 选人，或让对方先在群里说一句话。`)
      }
      await ctx.reply(lines.join('\n'))
    },
  }
}

export const roleCommands: Command[] = [
  roleCommand('秘书', 'secretary', '（秘书或管理员）设置本群秘书'),
  roleCommand('牵头', 'lead', '（秘书或管理员）设置本群牵头委员'),
  roleCommand('委员', 'member', '（秘书或管理员）把某人的角色改回普通委员'),
]
