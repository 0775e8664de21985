import { parsePeriod } from '../parsing/mod.js'
import type { ChatContext } from '../router/context.js'
import { roomsVisibleTo } from '../services/digest.js'
import { RULE_LABELS, rankMembers, scoreMemberYear, type MemberYear, type RuleName } from '../scoring/score.js'
import type { Command } from '../router/command.js'
import type { ScoringRules } from '../scoring/rules.js'
import { fitOneMessage } from '../outbox/chunk.js'
import { clip } from '../texts/records.js'
import { ALL_KINDS } from '../records/kinds.js'

function yearOf(ctx: ChatContext, args: string): number | string {
  const parsed = parsePeriod(args, 'year', ctx.parseClock)
  return parsed.ok ? parsed.period.year : parsed.problem
}

/** Sent privately; in a group only a short notice, so scores are not read out to everyone. */
async function sendPrivately(ctx: ChatContext, text: string, what: string): Promise<void> {
  await ctx.replyPrivately(text)
  // Never begin a bot text with what someone chose (a nickname such as "#绑定 …").
  if (ctx.inRoom) await ctx.reply(`${what}已私信发给 ${ctx.msg.sender.name}。`)
}

export function formatMemberYear(s: MemberYear, rules: ScoringRules): string {
  const tick = (ok: boolean) => (ok ? '✓' : '✗')
  const byRule = (Object.keys(RULE_LABELS) as RuleName[])
    .filter((r) => s.byRule[r] > 0 || s.entries.some((e) => e.rule === r))
    .map((r) => `${RULE_LABELS[r]} ${s.byRule[r]}`)
  const head = [
    `【${s.name} ${s.year}年履职情况】`,
    `${ALL_KINDS.filter((k) => k.yearCount.alwaysShown || s.counts[k.kind] > 0).map((k) => `${k.yearCount.label} ${s.counts[k.kind]} ${k.yearCount.unit}`).join('，')}。`,
    `履职积分 ${s.total} 分（${s.band}）${byRule.length ? `：${byRule.join('，')}` : ''}`,
    `“三个一”：活动 ${s.counts.activity}/${rules.minimum.activities} ${tick(s.minimumMet.activities)}，提案 ${s.counts.proposal}/${rules.minimum.proposals} ${tick(s.minimumMet.proposals)}，社情民意 ${s.counts.opinion}/${rules.minimum.opinions} ${tick(s.minimumMet.opinions)}`,
  ]
  const details = s.entries.map(
    (e) => `${e.date} ${e.recordCode} ${e.title.slice(0, 20)}｜${e.why} +${e.points}${e.points < e.rawPoints ? `（已达全年上限，原 ${e.rawPoints}）` : ''}`,
  )
  if (details.length === 0) return head.join('\n')
  return fitOneMessage([...head, '明细：'], details, (n) => `……另有 ${n} 条未列出，全部记录在台账里（秘书可发送 #导出）`)
}

export const myYearCommand: Command = {
  name: '我的',
  aliases: ['我的积分', '履职'],
  summary: '查看自己一年的履职情况和积分（私信发送）',
  usage: '#我的 [年份]',
  help: ({ rules: { minimum } }) =>
    [
      '不写年份看今年，例如 #我的 2022。结果私信发给您（在群里问，群里只回一句“已私信”）；私聊要先 #认证。',
      `内容：一年的${ALL_KINDS.map((kind) => kind.label).join('、')}，各项积分和明细，以及“三个一”（至少 ${minimum.activities} 次活动、${minimum.proposals} 件提案、${minimum.opinions} 篇社情民意）是否完成。`,
      '积分按记录现算：记录修改、撤销后立即跟着变。',
    ].join('\n'),
  needsRoom: false,
  privateNeedsKey: '查看 #我的',
  async run(ctx, args) {
    const year = yearOf(ctx, args)
    if (typeof year === 'string') return ctx.reply(`${year}\n例如：#我的 2022`)
    if (!ctx.member) return ctx.reply('还找不到您的委员档案。请先在所在的委员会客厅群里发送 #登记 <姓名> <界别>。')
    const score = await scoreMemberYear(ctx.services.db, ctx.services.rules, ctx.member, year)
    await sendPrivately(ctx, formatMemberYear(score, ctx.services.rules), `${year}年履职情况`)
  },
}

export const rankingCommand: Command = {
  name: '积分榜',
  aliases: ['履职积分'],
  summary: '（秘书或管理员）委员履职积分排名（私信发送）',
  usage: '#积分榜 [年份]',
  help: ({ rules: { bands } }) =>
    [
      '秘书看本群、管理员看所有群；结果私信发送（私聊要先 #认证）。不写年份看今年，例如 #积分榜 2022。',
      `等次：优秀 ${bands.excellent} 分及以上，称职 ${bands.competent} 分及以上、不到 ${bands.excellent} 分，低于 ${bands.competent} 分提示谈心谈话。只排在册的委员：#登记 过的，或在记录里写作参与人、作者的。`,
      '人多时列出一条消息放得下的，完整名单见 #导出 的“委员履职”表。',
    ].join('\n'),
  needsRoom: false,
  privateNeedsKey: '查看积分榜',
  async run(ctx, args) {
    const year = yearOf(ctx, args)
    if (typeof year === 'string') return ctx.reply(`${year}\n例如：#积分榜 2022`)
    const rooms = ctx.room && !ctx.isAdmin
      ? ctx.isManager ? [ctx.room] : []
      : await roomsVisibleTo(ctx.services.db, { isAdmin: ctx.isAdmin, memberId: ctx.member?.id })
    if (rooms.length === 0) return ctx.refuse('积分榜只对秘书和管理员开放。查看自己的情况请发送 #我的')
    const ranked = await rankMembers(ctx.services.db, ctx.services.rules, rooms.map((r) => r.id), year)
    const { bands } = ctx.services.rules
    const text = fitOneMessage(
      [`【${year}年委员履职积分榜】（${clip(rooms.map((r) => r.name).join('、'), 200)}）`, `优秀 ≥${bands.excellent}，称职 ${bands.competent}–${bands.excellent - 1}。明细请委员本人发送 #我的 ${year}`],
      ranked.map((s, i) => `${i + 1}. ${s.name} ${s.total} 分 ${s.band}${s.band === '待改进' ? '（低于 ' + bands.competent + ' 分，建议谈心谈话）' : ''}`),
      (n) => `……另有 ${n} 位未列出，完整名单见台账的“委员履职”表（#导出）`,
    )
    await sendPrivately(ctx, text, `${year}年积分榜`)
  },
}
