import { parseActivity, parseOpinion } from '../../parsing/mod.js'
import { createActivity, type RecordSource } from '../../services/activities.js'
import { resolveOpenDrafts, saveDraft } from '../../services/drafts.js'
import { createOpinion } from '../../services/opinions.js'
import type { ChatContext } from '../../router/context.js'
import type { Command } from '../command.js'
import {
  ACTIVITY_TEMPLATE,
  OPINION_TEMPLATE,
  activityLines,
  missingFigureHint,
  opinionLines,
  problemReply,
} from './format.js'

function sourceOf(ctx: ChatContext, rawText: string): RecordSource {
  return {
    roomId: ctx.room!.id,
    reporterId: ctx.member?.id,
    reporterName: ctx.speakerName,
    messageId: ctx.msg.puppetMessageId,
    rawText,
    sentAt: ctx.msg.time,
  }
}

function draftSourceOf(ctx: ChatContext, kind: 'activity' | 'opinion', text: string) {
  return {
    kind,
    roomId: ctx.room!.id,
    memberId: ctx.member?.id,
    senderName: ctx.msg.sender.name,
    text,
    messageId: ctx.msg.puppetMessageId,
    messageTime: ctx.msg.time,
  }
}

export type Parsed<F extends (...args: never[]) => unknown> = Extract<ReturnType<F>, { ok: true }>

/** Stores a parsed activity and confirms it; also completes the sender's open drafts. */
export async function storeActivity(
  ctx: ChatContext,
  source: RecordSource,
  draft: Parsed<typeof parseActivity>,
  senderName = ctx.msg.sender.name,
) {
  const warnings = draft.warnings
  const activity = await createActivity(ctx.services.db, source, draft.value)
  const completed = await resolveOpenDrafts(
    ctx.services.db,
    { roomId: source.roomId, senderName, kind: 'activity' },
    activity.code,
    ctx.msg.time,
  )
  const lines = [
    `已记录活动 ${activity.code}`,
    ...activityLines(activity, { participants: draft.value.participantsApprox, reach: draft.value.reachApprox }),
    ...warnings.map((w) => `提示：${w}`),
    missingFigureHint(activity),
    completed.length > 0 ? `（草稿 ${completed.join('、')} 已由这条补全）` : undefined,
    `有误可发送 #修改 ${activity.code} 字段=值，或 #撤销 ${activity.code}`,
  ]
  await ctx.reply(lines.filter(Boolean).join('\n'))
  return activity
}

export async function storeOpinion(
  ctx: ChatContext,
  source: RecordSource,
  draft: Parsed<typeof parseOpinion>,
  senderName = ctx.msg.sender.name,
) {
  const warnings = draft.warnings
  const report = await createOpinion(ctx.services.db, source, draft.value)
  const completed = await resolveOpenDrafts(
    ctx.services.db,
    { roomId: source.roomId, senderName, kind: 'opinion' },
    report.code,
    ctx.msg.time,
  )
  const lines = [
    `已记录社情民意 ${report.code}`,
    ...opinionLines(report),
    ...warnings.map((w) => `提示：${w}`),
    completed.length > 0 ? `（草稿 ${completed.join('、')} 已由这条补全）` : undefined,
    `采纳、批示、办结由秘书发送：#采纳 ${report.code} 市级 嘉兴市政协 / #批示 ${report.code} / #办结 ${report.code}`,
  ]
  await ctx.reply(lines.filter(Boolean).join('\n'))
  return report
}

export const activityCommand: Command = {
  name: '活动',
  aliases: ['活动记录', '履职活动'],
  summary: '记录一次活动（可以写成一句话，也可以按字段写）',
  usage: '#活动 9月19日在市爱卫中心开展健康义诊，委员8人参加，服务群众200余人次',
  needsRoom: true,
  async run(ctx, body) {
    if (!body.trim()) return ctx.reply(`请在 #活动 后面写上活动内容。可以一句话，也可以按字段写：\n${ACTIVITY_TEMPLATE}`)
    const parsed = parseActivity(body, ctx.parseClock)
    if (!parsed.ok) {
      const draft = await saveDraft(ctx.services.db, draftSourceOf(ctx, 'activity', body), parsed.errors)
      ctx.outcome = `draft:${draft.code}`
      return ctx.reply(problemReply('活动', parsed.errors, draft.code, ACTIVITY_TEMPLATE))
    }
    const activity = await storeActivity(ctx, sourceOf(ctx, ctx.msg.text), parsed)
    ctx.outcome = `recorded:${activity.code}`
  },
}

export const opinionCommand: Command = {
  name: '民意',
  aliases: ['社情民意', '民情'],
  summary: '记录一条社情民意信息',
  usage: '#民意 标题：关于…的建议 领域：养老 内容：…',
  needsRoom: true,
  async run(ctx, body) {
    if (!body.trim()) return ctx.reply(`请在 #民意 后面写上标题和内容，例如：\n${OPINION_TEMPLATE}`)
    const parsed = parseOpinion(body, ctx.parseClock)
    if (!parsed.ok) {
      const draft = await saveDraft(ctx.services.db, draftSourceOf(ctx, 'opinion', body), parsed.errors)
      ctx.outcome = `draft:${draft.code}`
      return ctx.reply(problemReply('社情民意', parsed.errors, draft.code, OPINION_TEMPLATE))
    }
    const report = await storeOpinion(ctx, sourceOf(ctx, ctx.msg.text), parsed)
    ctx.outcome = `recorded:${report.code}`
  },
}
