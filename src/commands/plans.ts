import { findDateInText, formatYmd, localParts, zonedInstant } from '../parsing/mod.js'
import type { ChatContext } from '../router/context.js'
import { normaliseCode } from '../services/codes.js'
import { planKind } from '../records/plan.js'
import { createPlan, PLAN_LETTER } from '../services/plans.js'
import { mayChange, onlyOwners, setWithdrawnWithRevision } from './records/lookup.js'
import { setPushEnabled } from '../services/rooms.js'
import { planLine } from '../texts/records.js'
import type { Command } from '../router/command.js'
import { replies } from '../texts/replies.js'

const planUsage = '#预告 <时间> <主题> [地点]，例如：#预告 9月25日下午3点 健康讲座 市民中心'

/** `9月25日下午3点 健康讲座 市民中心` → when, title and (last word, if more than one) place. Pure. */
export function parsePlanArgs(args: string, clock: { now: Date; timeZone: string }) {
  const found = findDateInText(args, clock)
  if (!found) return { error: `请写上活动的日期和时间：\n${planUsage}` } as const
  if (!found.ok) return { error: `${found.problem}\n${planUsage}` } as const
  if (found.timeOnly) return { error: `请写上活动的日期：\n${planUsage}` } as const
  const rest = (args.slice(0, found.index) + ' ' + args.slice(found.index + found.matched.length)).trim()
  const words = rest.split(/\s+/).filter(Boolean)
  const place = words.length > 1 ? words.pop()!.replace(/^(在|于|地点[:：]?)/, '') : undefined
  const title = words.join(' ').replace(/^[，,、]+|[，,、。]+$/g, '')
  if (!title) return { error: `请写上活动主题：\n${planUsage}` } as const
  if ([...title].length > 60 || (place && [...place].length > 40)) return { error: `主题或地点太长了，请精简（主题 60 字、地点 40 字以内）：\n${planUsage}` } as const
  return { date: found.date, time: found.time, title, place } as const
}

export const planCommand: Command = {
  name: '预告',
  aliases: ['活动预告'],
  summary: '预告一次活动：前一天傍晚和开始前提醒全群，活动后可直接转为记录',
  usage: planUsage,
  help: ({ config }) =>
    [
      '时间写日期和钟点（9月25日下午3点、下周五14:30）；不写钟点按 09:00。主题之后最后一个词是地点（可不写）。',
      `机器人给一个编号 P1、P2……，在前一天 ${config.PLAN_EVE_TIME} 和开始前 ${config.PLAN_LEAD_MINUTES} 分钟在群里提醒。`,
      '活动办完后发送 #活动 <预告编号> 参与人次=… 服务人次=…（省略号换成实际人数），时间、主题、地点不用重写。',
      '取消：#取消预告 <编号>。',
    ].join('\n'),
  needsRoom: true,
  async run(ctx, args) {
    const parsed = parsePlanArgs(args, ctx.parseClock)
    if ('error' in parsed) return ctx.reply(parsed.error!)
    const tz = ctx.services.config.BOT_TIMEZONE
    const time = parsed.time ?? '09:00'
    const [y, m, d] = parsed.date.split('-').map(Number)
    const [hh, mm] = time.split(':').map(Number)
    const startsAt = zonedInstant({ year: y!, month: m!, day: d! }, hh!, mm!, tz)
    if (startsAt <= ctx.msg.time) return ctx.reply(`${parsed.date} ${time} 已经过去了。已办的活动请用 #活动 记录。`)
    const plan = await createPlan(ctx.services.db, {
      roomId: ctx.room!.id,
      startsAt,
      date: parsed.date,
      time,
      title: parsed.title,
      place: parsed.place,
      createdById: ctx.member?.id,
      createdByName: ctx.speakerName,
      messageId: ctx.msg.puppetMessageId,
      createdAt: ctx.msg.time,
    })
    ctx.outcome = `planned:${plan.code}`
    const c = ctx.services.config
    await ctx.reply(
      [
        `已预告 ${plan.code}：${planLine(plan)}`,
        parsed.time ? undefined : '（没写具体时间，按 09:00 计；要改请 #取消预告 后重发）',
        `前一天 ${c.PLAN_EVE_TIME} 和开始前 ${c.PLAN_LEAD_MINUTES} 分钟会在群里提醒。`,
        `活动后发送 #活动 ${plan.code} 参与人次=… 服务人次=… 即可记录；取消请发送 #取消预告 ${plan.code}`,
      ]
        .filter(Boolean)
        .join('\n'),
    )
  },
}

export const cancelPlanCommand: Command = {
  name: '取消预告',
  summary: '取消一次预告的活动（预告人、秘书或管理员）',
  usage: '#取消预告 <编号>',
  help: '编号见预告时机器人的回复（P 开头），也可发送 #撤销 <编号>。取消后不再提醒，#恢复 <编号> 可恢复；已经转成活动记录的预告不能取消，要撤销请 #撤销 <活动编号>。',
  needsRoom: true,
  async run(ctx, args) {
    const code = normaliseCode(args.trim().split(/\s+/)[0] ?? '')
    if (!code?.startsWith(PLAN_LETTER)) return ctx.reply('请写上预告编号，例如：#取消预告 P3')
    const plan = await planKind.find(ctx.services.db, code)
    if (!plan || plan.roomId !== ctx.room!.id) return ctx.reply(`本群没有预告 ${code}。`)
    const found = { kind: 'plan', spec: planKind, code, record: plan } as const
    if (!mayChange(ctx, found)) return ctx.reply(onlyOwners(found, '取消'))
    // The same change as #撤销 P3, with its revision: #查 P3 shows who cancelled it.
    const result = await setWithdrawnWithRevision(ctx, found, true)
    if ('fixed' in result) return ctx.reply(result.fixed)
    if (!result.changed) return ctx.reply(`${code} 已经取消了。需要时可发送 #恢复 ${code}`)
    ctx.outcome = `plan-cancelled:${code}`
    await ctx.reply(`已取消预告 ${code}（${plan.title}），不会再提醒。需要时可发送 #恢复 ${code}`)
  },
}

const SETTINGS_USAGE = '#设置 推送 开|关'

/** `#设置 推送 关`: the room opts out of scheduled digests and reminders (secretary or admin). */
export const settingsCommand: Command = {
  name: '设置',
  summary: '（秘书或管理员）本群是否接收定时推送：月报、季报、年报和“月月有活动”提醒',
  usage: SETTINGS_USAGE,
  help: [
    '#设置 推送：查看本群是否接收定时推送；#设置 推送 开 / #设置 推送 关：修改（秘书或管理员）。',
    '定时推送指上月月报（默认每月 1 日）、季度和年度总结，以及“月月有活动”提醒（默认每月 20 日）。活动预告的提醒不受影响；关了也随时可以发 #月报 查询。',
  ].join('\n'),
  needsRoom: true,
  async run(ctx: ChatContext, args) {
    const m = /^推送\s*(开|关|打开|关闭|on|off)?$/i.exec(args.trim())
    if (!m) return ctx.reply(`可以设置的项目：\n${SETTINGS_USAGE}`)
    if (!m[1]) return ctx.reply(`本群定时推送现在是${ctx.room!.pushEnabled ? '开' : '关'}的。修改：${SETTINGS_USAGE}`)
    if (!ctx.isManager) return ctx.refuse(replies.managersOnly('修改设置'))
    const on = /^(开|打开|on)$/i.test(m[1])
    ctx.room = await setPushEnabled(ctx.services.db, ctx.room!.id, on)
    const today = formatYmd(localParts(ctx.msg.time, ctx.services.config.BOT_TIMEZONE))
    await ctx.reply(
      on
        ? `已打开本群定时推送（${today} 起）：每月 1 日推送上月月报，季度、年度同理；每月 20 日若本月还没有活动会提醒。`
        : '已关闭本群定时推送：不再自动发月报、季报、年报和活动提醒（活动预告的提醒照常）。随时可用 #月报 等查询。',
    )
  },
}
