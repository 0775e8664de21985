import { editActivityText, parseActivity, parseEditPairs, parseOpinion, parseProposal, rosterNamesTakingPart, type ParseOutcome } from '../../parsing/mod.js'
import { normaliseCode } from '../../services/codes.js'
import { findPlan, markPlanDone } from '../../services/plans.js'
import { createActivity, findTwinActivity, type RecordSource } from '../../services/activities.js'
import { rosterNames } from '../../services/members.js'
import { resolveDraft, resolveLatestDraft, saveDraft, type DraftKind } from '../../services/drafts.js'
import { createProposal } from '../../services/proposals.js'
import type { Draft } from '../../generated/prisma/client.js'
import { createOpinion } from '../../services/opinions.js'
import type { ChatContext } from '../../router/context.js'
import type { Command } from '../../router/command.js'
import {
  ACTIVITY_TEMPLATE,
  CONFIRMATION_HEAD,
  OPINION_TEMPLATE,
  PROPOSAL_TEMPLATE,
  activityLines,
  clip,
  missingFigureHint,
  opinionLines,
  problemReply,
  proposalLines,
} from '../../texts/records.js'

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

function draftSourceOf(ctx: ChatContext, kind: DraftKind, text: string) {
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

/** The draft being completed by #修改, or else the reporter's latest open draft of that kind. */
async function completeDraftWith(ctx: ChatContext, source: RecordSource, kind: DraftKind, code: string, completing?: Draft) {
  if (completing) {
    await resolveDraft(ctx.services.db, completing.id, code, ctx.msg.time)
    return completing.code
  }
  if (source.reporterId === undefined) return undefined
  return resolveLatestDraft(ctx.services.db, { roomId: source.roomId, memberId: source.reporterId, kind }, code, ctx.msg.time)
}

export type Parsed<F extends (...args: never[]) => unknown> = Extract<ReturnType<F>, { ok: true }>

/** Stores a parsed activity and confirms it; also completes the sender's open drafts. */
export async function storeActivity(ctx: ChatContext, source: RecordSource, parsed: Parsed<typeof parseActivity>, completing?: Draft) {
  // Names run together ("王芳李明参加", a voice message) are found by the room's roster; a
  // registered member reporting an activity and naming nobody took part in it themselves.
  const named = parsed.value.memberNames.length > 0 ? [] : rosterNamesTakingPart(source.rawText, await rosterNames(ctx.services.db, source.roomId))
  const poster = parsed.value.memberNames.length === 0 && named.length === 0 ? ctx.member?.realName : undefined
  const memberNames = named.length > 0 ? named : poster ? [poster] : undefined
  const draft = memberNames ? { ...parsed, value: { ...parsed.value, memberNames } } : parsed
  const activity = await createActivity(ctx.services.db, source, draft.value)
  const warnings = poster ? [...draft.warnings, `未写参与委员，按发送人记录（${poster}），不对请 #修改 ${activity.code} 参与委员=…`] : draft.warnings
  const completed = await completeDraftWith(ctx, source, 'activity', activity.code, completing)
  // Two members often report the same event: say so, so one of them can be withdrawn.
  const twin = await findTwinActivity(ctx.services.db, activity)
  const lines = [
    `已记录活动 ${activity.code}`,
    ...activityLines(activity, { participants: draft.value.participantsApprox, reach: draft.value.reachApprox, memberCount: draft.value.memberCountApprox }),
    ...warnings.map((w) => `提示：${w}`),
    missingFigureHint(activity),
    twin
      ? `提示：同一天已有同类活动 ${twin.code}（${clip(twin.title, 30)}，记录人 ${twin.reporterName}）。如果是同一场，请撤销其中一条：#撤销 ${activity.code}`
      : undefined,
    completed ? `（草稿 ${completed} 已由这条补全）` : undefined,
    `有误可发送 #修改 ${activity.code} 字段=值，或 #撤销 ${activity.code}`,
  ]
  await ctx.reply(lines.filter(Boolean).join('\n'))
  return activity
}

export async function storeProposal(ctx: ChatContext, source: RecordSource, draft: Parsed<typeof parseProposal>, completing?: Draft) {
  const proposal = await createProposal(ctx.services.db, source, draft.value)
  const completed = await completeDraftWith(ctx, source, 'proposal', proposal.code, completing)
  const lines = [
    `已记录提案 ${proposal.code}`,
    ...proposalLines(proposal),
    ...draft.warnings.map((w) => `提示：${w}`),
    completed ? `（草稿 ${completed} 已由这条补全）` : undefined,
    `立案、并案、办复由秘书发送：#立案 ${proposal.code} / #办复 ${proposal.code} 满意`,
  ]
  await ctx.reply(lines.filter(Boolean).join('\n'))
  return proposal
}

export async function storeOpinion(ctx: ChatContext, source: RecordSource, draft: Parsed<typeof parseOpinion>, completing?: Draft) {
  const warnings = draft.warnings
  const report = await createOpinion(ctx.services.db, source, draft.value)
  const completed = await completeDraftWith(ctx, source, 'opinion', report.code, completing)
  const lines = [
    `已记录社情民意 ${report.code}`,
    ...opinionLines(report),
    ...warnings.map((w) => `提示：${w}`),
    completed ? `（草稿 ${completed} 已由这条补全）` : undefined,
    `采纳、批示、办结由秘书发送：#采纳 ${report.code} 市级 嘉兴市政协 / #批示 ${report.code} / #办结 ${report.code}`,
  ]
  await ctx.reply(lines.filter(Boolean).join('\n'))
  return report
}

/**
 * Parses a record; what cannot be read is kept as the sender's draft and answered with the
 * problems and a template. Returns the stored record, or undefined for a draft.
 */
async function recordOrDraft<D, R extends { code: string }>(
  ctx: ChatContext,
  kind: DraftKind,
  text: string,
  parsed: ParseOutcome<D>,
  store: (parsed: Extract<ParseOutcome<D>, { ok: true }>) => Promise<R>,
): Promise<R | undefined> {
  const echoed = CONFIRMATION_HEAD.exec(text)
  if (echoed) {
    ctx.outcome = 'refused:confirmation'
    await ctx.reply(`这是机器人发过的确认（${echoed[0].trim()}），不会再记一次。要记新的${LABELS[kind]}，请用自己的话写，开头加 #${LABELS[kind]}。`)
    return undefined
  }
  if (!parsed.ok) {
    const draft = await saveDraft(ctx.services.db, draftSourceOf(ctx, kind, text), parsed.errors)
    ctx.outcome = `draft:${draft.code}`
    await ctx.reply(problemReply(LABELS[kind], parsed.errors, draft.code, TEMPLATES[kind]))
    return undefined
  }
  const record = await store(parsed)
  ctx.outcome = `recorded:${record.code}`
  return record
}

const LABELS = { activity: '活动', opinion: '社情民意', proposal: '提案' } as const
const TEMPLATES = { activity: ACTIVITY_TEMPLATE, opinion: OPINION_TEMPLATE, proposal: PROPOSAL_TEMPLATE } as const

export const activityCommand: Command = {
  name: '活动',
  aliases: ['活动记录', '履职活动'],
  summary: '记录一次活动（可以写成一句话，也可以按字段写）',
  usage: '#活动 9月19日在市爱卫中心开展健康义诊，委员8人参加，服务群众200余人次',
  needsRoom: true,
  async run(ctx, body) {
    if (!body.trim()) return ctx.reply(`请在 #活动 后面写上活动内容。可以一句话，也可以按字段写：\n${ACTIVITY_TEMPLATE}`)
    const plan = /^\s*([PpＰｐ]\s*[0-9０-９]+)(?![0-9０-９])/.exec(body)
    if (plan) return recordPlannedActivity(ctx, normaliseCode(plan[1]!)!, body.slice(plan[0].length).trim())
    await recordOrDraft(ctx, 'activity', body, parseActivity(body, ctx.parseClock), (p) => storeActivity(ctx, sourceOf(ctx, ctx.msg.text), p))
  },
}

/** `#活动 P3 参与人次=30 服务人次=200`: the plan's date, time, title and place, plus what is added. */
async function recordPlannedActivity(ctx: ChatContext, code: string, rest: string) {
  const plan = await findPlan(ctx.services.db, code)
  if (!plan || plan.roomId !== ctx.room!.id) return ctx.reply(`本群没有预告 ${code}。发送 #最近 查看记录，或直接写活动内容。`)
  if (plan.activityCode) return ctx.reply(`预告 ${code} 已记录为活动 ${plan.activityCode}。要改请发送 #修改 ${plan.activityCode} 字段=值`)
  if (plan.cancelledAt) return ctx.reply(`预告 ${code} 已取消。如活动照常举行，请直接用 #活动 记录。`)
  const base = [`时间：${plan.date} ${plan.time}`, `主题：${plan.title}`, plan.place ? `地点：${plan.place}` : ''].filter(Boolean).join('\n')
  const edits = parseEditPairs(rest)
  const edited = edits.length > 0 ? editActivityText(base, edits) : { ok: true as const, text: rest ? `${base}\n${rest}` : base }
  if (!edited.ok) return ctx.reply(`不认识的字段：${edited.unknownLabels.join('、')}。例如：#活动 ${code} 参与人次=30 服务人次=200`)
  const activity = await recordOrDraft(ctx, 'activity', edited.text, parseActivity(edited.text, ctx.parseClock), (p) =>
    storeActivity(ctx, sourceOf(ctx, ctx.msg.text), p),
  )
  if (activity) await markPlanDone(ctx.services.db, plan, activity.code)
}

export const opinionCommand: Command = {
  name: '民意',
  aliases: ['社情民意', '民情'],
  summary: '记录一条社情民意信息',
  usage: '#民意 标题：关于…的建议 领域：养老 内容：…',
  needsRoom: true,
  async run(ctx, body) {
    if (!body.trim()) return ctx.reply(`请在 #民意 后面写上标题和内容，例如：\n${OPINION_TEMPLATE}`)
    await recordOrDraft(ctx, 'opinion', body, parseOpinion(body, ctx.parseClock), (p) => storeOpinion(ctx, sourceOf(ctx, ctx.msg.text), p))
  },
}

export const proposalCommand: Command = {
  name: '提案',
  aliases: ['提案记录'],
  summary: '记录一件提案（个人、联名或集体）',
  usage: '#提案 案由：关于…的建议 类型：联名 提案人：张三、李四',
  needsRoom: true,
  async run(ctx, body) {
    if (!body.trim()) return ctx.reply(`请在 #提案 后面写上案由等内容，例如：\n${PROPOSAL_TEMPLATE}`)
    await recordOrDraft(ctx, 'proposal', body, parseProposal(body, ctx.parseClock), (p) => storeProposal(ctx, sourceOf(ctx, ctx.msg.text), p))
  },
}
