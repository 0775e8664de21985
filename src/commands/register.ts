import { realNameTakenBy, registerMember } from '../services/members.js'
import type { Command } from '../router/command.js'
import { echo } from '../parsing/mod.js'

const usage = '#登记 <姓名> [界别]'

/** `张三 医药卫生界` → name and sector; the sector is optional and kept as written (minus 界). */
export function parseRegisterArgs(args: string): { realName: string; sector?: string } | { error: string } {
  const words = args.replace(/[，,；;]/g, ' ').split(/\s+/).filter(Boolean)
  const [realName, ...rest] = words
  if (!realName) return { error: `请写上您的姓名：\n${usage}\n例如：#登记 张三 医药卫生` }
  if (realName.length > 10 || /\d/.test(realName)) {
    return { error: `「${realName}」不像姓名，请按格式发送：\n${usage}\n例如：#登记 张三 医药卫生` }
  }
  const sector = rest.join('').replace(/界(别)?$/, '').replace(/^界别[:：]?/, '')
  if ([...sector].length > 20) return { error: `界别「${echo(sector)}」太长了，请写界别名称，例如 医药卫生、教育、经济` }
  return sector ? { realName, sector } : { realName }
}

export const registerCommand: Command = {
  name: '登记',
  summary: '委员登记自己的真实姓名和界别',
  usage,
  help: [
    '在本群发送，例如：#登记 张三 医药卫生（界别可以不写，以后再发一次补上）。',
    '登记后，记录里写到您（用真名、微信名或群昵称都行）都按登记的姓名显示，#我的 和积分榜也按它统计。',
    '不能登记成本群另一位委员已登记的姓名；重名请在姓名后加以区分，如 张三（教育）。',
  ].join('\n'),
  needsRoom: true,
  async run(ctx, args) {
    const parsed = parseRegisterArgs(args)
    if ('error' in parsed) return ctx.reply(parsed.error)
    const taken = await realNameTakenBy(ctx.services.db, ctx.room!.id, parsed.realName, ctx.member!.id)
    if (taken) {
      return ctx.reply(`本群已有委员登记为「${parsed.realName}」（微信名 ${taken.member.name}）。如果重名，请在姓名后加以区分，例如 ${parsed.realName}（教育）；登记有误请联系秘书。`)
    }
    const member = await registerMember(ctx.services.db, ctx.member!.id, parsed.realName, parsed.sector)
    const sector = member.sector ? `，界别：${member.sector}` : '（未填界别，可再发 #登记 姓名 界别 补上）'
    await ctx.reply(`已登记：${member.realName}${sector}。`)
  },
}
