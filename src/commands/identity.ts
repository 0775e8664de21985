import { remarkWithToken, newToken, tokenInRemark, type PersonKey } from '../identity/keys.js'
import { claimInvite, claimableInvite, markVerified, mergeMember, revokeAdminGrant, type InviteProblem } from '../services/identity.js'
import { ROLE_LABELS, displayName, findMember, type RoleName } from '../services/members.js'
import { tellAdmins } from '../services/recipients.js'
import type { Member } from '../generated/prisma/client.js'
import type { ChatContext } from '../router/context.js'
import type { Command } from '../router/command.js'

const HOW = '认证分两步：先私聊机器人发送 #认证，领取 6 位认证码；再在 10 分钟内把「#认证 认证码」发到您所在的委员会客厅群里。'

/** Gives the sender's contact the bot's remark with `token`, keeping what the operator wrote; undefined when WeChat refused. */
async function setTokenRemark(ctx: ChatContext, token: string, fallbackName: string): Promise<string | undefined> {
  const { sender } = ctx.msg
  const remark = remarkWithToken(sender.remark, fallbackName, token)
  const directory = ctx.services.session.directory
  if (!directory) return undefined
  try {
    await directory.setRemark(sender.puppetId, remark)
    return remark
  } catch (error) {
    ctx.services.log.warn({ err: error }, 'could not set a remark')
    return undefined
  }
}

const REMARK_REFUSED =
  '没有完成：机器人没能给您的微信设置备注（只能给机器人的微信好友设置）。请先加机器人的微信为好友，再重新发送。'

/**
 * `#认证`: ties a private contact to a group membership inside one login, where ids agree.
 * Privately it hands out a code bound to this contact id; posted in a bound group by the same
 * contact, it makes the sender's member keyed: the bot writes a token into their remark.
 */
export const verifyCommand: Command = {
  name: '认证',
  summary: '认证身份：私聊领取认证码，再发到所在的群里；认证后私聊可用 #我的、汇总、导出，换号登录也认得',
  usage: '#认证（私聊）→ #认证 <认证码>（在群里）',
  help: [
    '为什么：昵称谁都能改，机器人私聊时要确认“您就是群里的那位委员”。',
    '1. 先加机器人的微信为好友，私聊它发送 #认证，收到一个 6 位认证码；',
    '2. 10 分钟内在您所在的委员会客厅群里发送「#认证 认证码」。',
    '认证后私聊可用 #我的、各群汇总、#导出（按角色），机器人换号重新登录也认得您。认证码只对领取它的微信有效。',
  ].join('\n'),
  needsRoom: false,
  async run(ctx, args) {
    const code = args.trim().replace(/\s+/g, '')
    const { session, clock, keys, db } = ctx.services
    const now = clock.now().getTime()
    if (!ctx.inRoom) {
      if (code) return ctx.reply(`认证码要发到您所在的委员会客厅群里，不是发给我。\n${HOW}`)
      if (ctx.member) return ctx.reply(`您已认证为「${displayName(ctx.member)}」，私聊可以直接使用 #我的 等命令。`)
      if (keys.stableIds) return ctx.reply('机器人认得您的微信号。请先在您所在的委员会客厅群里发一条消息（例如 #登记 姓名 界别），之后私聊就能使用。')
      const issued = session.issueCode(ctx.msg.sender.puppetId, now)
      return ctx.reply(`您的认证码：${issued}\n请在 10 分钟内到您所在的委员会客厅群里发送：\n#认证 ${issued}\n（认证码只对您本人的微信有效，别人看到也用不了。）`)
    }
    if (!ctx.room || !ctx.member) return ctx.reply(`本群还没有绑定会客厅或工作室，不能在这里认证。\n${HOW}`)
    if (!code) return ctx.reply(`${ctx.key ? '您已认证。' : ''}${HOW}`)
    if (!/^\d{6}$/.test(code) || !session.takeCode(code, ctx.msg.sender.puppetId, now)) {
      return ctx.reply('认证码不对、已过期（10 分钟内有效），或不是您本人领取的。请私聊机器人重新发送 #认证。')
    }
    if (ctx.key && ctx.member.key === ctx.key) return ctx.reply(`您已认证为「${displayName(ctx.member)}」，不用再认证。`)
    const token = newToken()
    const remark = await setTokenRemark(ctx, token, displayName(ctx.member))
    if (!remark) return ctx.reply(`认证${REMARK_REFUSED}`)
    const key: PersonKey = `t:${token}`
    const member = await markVerified(db, ctx.member.id, key, remark, clock.now())
    // Members created for this contact id in other rooms this login are the same person: one member.
    for (const other of session.createdMembers(ctx.msg.sender.puppetId)) {
      const row = other !== member.id ? await findMember(db, other) : null
      if (row && row.key === null) await mergeMember(db, other, member.id)
    }
    ctx.key = key
    ctx.member = member
    // A record found by name this login now has a key for good: the admins see who took it.
    if (ctx.tiedBy === 'name' && ctx.membership && ctx.membership.role !== 'member') await tellAdminsVerified(ctx, member, remark)
    await ctx.reply(`已认证：${displayName(member)}。以后机器人重新登录、群改名，都认得您；私聊可以使用 #我的、汇总和导出（按您的角色）。`)
  },
}

/** A role holder recognised only by name was verified: every admin is told, so a taken name is noticed. */
async function tellAdminsVerified(ctx: ChatContext, member: Member, remark: string): Promise<void> {
  const role = ROLE_LABELS[ctx.membership!.role as RoleName] ?? ctx.membership!.role
  const text =
    `【认证提醒】${ctx.room!.name}的${role}「${displayName(member)}」刚刚完成认证（这次登录按名字认出，备注已设为「${remark}」）。` +
    `如果不是本人，请在该群发送 #委员 @${displayName(member)} 收回角色，并在机器人的微信里删掉这个备注。`
  await tellAdmins(ctx.services, text, `verified:${member.id}:${member.key}`)
}

const INVITE_PROBLEMS: Record<InviteProblem, string> = {
  unknown: '这个认领码不对。',
  expired: '这个认领码已过期（有效 24 小时）。',
  used: '这个认领码已经用过了（只能用一次）。',
  revoked: '这个认领码已作废。',
}

/** `#认领 <code>`: claims an admin invite the operator printed with `npm run admin -- invite`. */
export const claimCommand: Command = {
  name: '认领',
  summary: '（私聊）用运维给的认领码成为管理员',
  usage: '#认领 <认领码>',
  help: [
    '运维在服务器上运行 npm run admin -- invite 姓名 生成认领码，当面或电话告诉您；您私聊机器人发送「#认领 认领码」即成为管理员。',
    '认领码 24 小时内有效、只能用一次；发在群里的认领码立即作废（群里人人都看得到）。',
  ].join('\n'),
  needsRoom: false,
  whileHeld: true,
  async run(ctx, args) {
    const code = args.trim().replace(/\s+/g, '').toUpperCase()
    const { db, clock, keys } = ctx.services
    if (!code) return ctx.reply('请写上运维给您的认领码：#认领 <认领码>（私聊机器人发送）')
    const found = await claimableInvite(db, code, clock.now())
    if (ctx.inRoom) {
      // A code read out in a group could be claimed by anyone who saw it.
      if ('grant' in found) await revokeAdminGrant(db, found.grant.id, clock.now())
      return ctx.reply(`认领码要私聊机器人发送。${'grant' in found ? '这个认领码在群里出现过，已作废，' : ''}请向运维要一个新的（npm run admin -- invite），私聊发给机器人。`)
    }
    if ('problem' in found) return ctx.reply(`${INVITE_PROBLEMS[found.problem]}请向运维要一个新的认领码（npm run admin -- invite）。`)
    let key: PersonKey
    let remark: string | null = null
    const existing = tokenInRemark(ctx.msg.sender.remark)
    if (keys.stableIds) key = `w:${ctx.msg.sender.puppetId}`
    else if (existing) {
      key = `t:${existing}`
      remark = ctx.msg.sender.remark!
    } else {
      const token = newToken()
      remark = (await setTokenRemark(ctx, token, found.grant.label ?? ctx.msg.sender.name)) ?? null
      if (!remark) return ctx.reply(`认领${REMARK_REFUSED}`)
      key = `t:${token}`
    }
    if (!(await claimInvite(db, found.grant.id, { key, remark, name: ctx.msg.sender.name, at: clock.now() }))) {
      return ctx.reply(`${INVITE_PROBLEMS.used}请向运维要一个新的认领码。`)
    }
    ctx.key = key
    ctx.services.log.info({ grant: found.grant.id, key, name: ctx.msg.sender.name }, 'admin invite claimed')
    await ctx.reply(
      `已认领管理员权限${remark ? `（机器人已把您的备注设为「${remark}」，请不要改动）` : ''}。` +
        '现在您可以在群里 #绑定、#确认绑定、设置秘书，私聊查看各群汇总、#导出、#积分榜。',
    )
  },
}
