import { parsePeriod, type PeriodKind } from '../../parsing/mod.js'
import { buildCrossRoomDigest, buildDigest, roomsVisibleTo } from '../../services/digest.js'
import type { Command } from '../../router/command.js'
import { formatCrossRoomDigest, formatRoomDigest } from '../../texts/digest.js'
import { TABLE_FIGURES } from '../../domain/kinds.js'

const NAMES: Record<PeriodKind, { tag: string; aliases: string[]; example: string }> = {
  month: { tag: '月报', aliases: ['月度总结'], example: '#月报 2022-09 或 #月报 上月' },
  quarter: { tag: '季报', aliases: ['季度总结'], example: '#季报 2022Q3 或 #季报 上季度' },
  year: { tag: '年报', aliases: ['年度总结', '年终总结'], example: '#年报 2022 或 #年报 去年' },
}

/**
 * In a group: that room's digest. In a private chat with a secretary or admin: every room
 * they may see, a line each, and the totals.
 */
function digestCommand(kind: PeriodKind): Command {
  const { tag, aliases, example } = NAMES[kind]
  return {
    name: tag,
    aliases,
    summary: `本群${tag}（默认本期；私聊机器人时秘书、管理员看所有会客厅的汇总）`,
    usage: `#${tag} [${kind === 'month' ? '月份' : kind === 'quarter' ? '季度' : '年份'}]，例如 ${example}`,
    help: [
      `不写${kind === 'month' ? '月份看本月' : kind === 'quarter' ? '季度看本季度' : '年份看今年'}。在群里发送得到本群的数字；私聊机器人（先 #认证），秘书得到自己担任秘书的各群、管理员得到所有群的汇总。`,
      `内容：活动场次和类型、参与人次、参与委员、服务群众人次、社情民意和提案的进展、${TABLE_FIGURES.map((figures) => figures.rows[0].name).join('和')}（有就列出）、参与最多的委员，以及与上期、去年同期的比较。`,
      // The push times are settings (SCHEDULE_*): say the default, not a promise.
      kind === 'month' ? '默认每月 1 日 09:00 自动推送上月月报（#设置 推送 关 可关闭）。' : `默认${kind === 'quarter' ? '每季度第一天' : '每年 1 月 1 日'} 09:00 自动推送；还列出没有活动的月份（“月月有活动”检查）。`,
    ].join('\n'),
    needsRoom: false,
    privateNeedsKey: `查看各群${tag}`,
    async run(ctx, args) {
      const parsed = parsePeriod(args, kind, ctx.parseClock)
      if (!parsed.ok) return ctx.reply(`${parsed.problem}\n例如：${example}`)
      if (parsed.period.from > ctx.localDate) return ctx.reply(`${parsed.period.label}还没有开始，暂时没有数字。`)
      const { db } = ctx.services
      if (ctx.inRoom) {
        if (!ctx.room) return ctx.reply('本群还没有绑定会客厅或工作室，暂时没有数字。请管理员先发送 #绑定 <名称>')
        return ctx.reply(formatRoomDigest(ctx.room.name, await buildDigest(db, [ctx.room.id], parsed.period, ctx.localDate)))
      }
      const rooms = await roomsVisibleTo(db, { isAdmin: ctx.isAdmin, memberId: ctx.member?.id })
      if (rooms.length === 0) {
        return ctx.reply(`私聊查询汇总只对秘书和管理员开放。请在您所在的群里发送 #${tag} 查看本群的数字。`)
      }
      const cross = await buildCrossRoomDigest(db, rooms, parsed.period, ctx.localDate)
      await ctx.reply(formatCrossRoomDigest(cross.rooms, cross.total))
    },
  }
}

export const digestCommands: Command[] = [digestCommand('month'), digestCommand('quarter'), digestCommand('year')]
