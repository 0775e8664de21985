import { bodyTooLong, parseActivity, planCodeAt, plannedActivityText, rosterNamesTakingPart, unknownEditLabels, withLaterEdits, type FieldEdit, type ParseClock, type ParseOutcome } from '../../parsing/mod.js'
import type { RecordKind } from '../../domain/kinds.js'
import { normaliseCode } from '../../services/codes.js'
import { findPlan, markPlanDoneSql } from '../../services/plans.js'
import { createActivity, type ActivityPreview, type NewActivity, type RecordSource } from '../../services/activities.js'
import { findMember, rosterNames } from '../../services/members.js'
import { sameTitleInRoom } from '../../services/same-title.js'
import { completes, latestOpenDraft, openDraftsOf, resolveDraftSql, saveDraft, type DraftKind, type OpenDraft } from '../../services/drafts.js'
import type { Draft, PlannedActivity, Prisma } from '../../generated/prisma/client.js'
import type { ChatContext } from '../../router/context.js'
import { commandBody } from '../../router/command-text.js'
import type { Queryable } from '../../db/client.js'
import type { Command } from '../../router/command.js'
import { KINDS, STORED_KINDS } from '../../records/kinds.js'
import type { StoredKind, StoredRecord } from '../../records/kind.js'
import { CONFIRMATION_HEAD, activityLines, clip, missingFigureHint, problemReply } from '../../texts/records.js'

/** Where a record comes from; its text is the message as the member wrote it, without the message a quote reply quoted. */
function sourceOf(ctx: ChatContext): RecordSource {
  const rawText = commandBody(ctx.msg.text)
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

/** A draft a new record completes: its code for the reply, the write that commits with the record; or the sender's open draft it does not complete. */
interface Completion {
  code: string | undefined
  statements: Prisma.Sql[]
  stillOpen?: string
}

/**
 * The draft being completed by #修改; else the reporter's latest open draft of that kind when
 * the record is what it was about (`completes`): `open` when the record's own read already
 * found it (activities), else read here on `on`.
 */
async function completeDraftWith(
  on: Queryable,
  ctx: ChatContext,
  source: RecordSource,
  kind: DraftKind,
  record: { code: string; title: string },
  options: StoreOptions & { open?: { openDraft: OpenDraft | undefined } } = {},
): Promise<Completion> {
  const resolved = (draft: Pick<Draft, 'id' | 'code'>) => ({ code: draft.code, statements: [resolveDraftSql(draft.id, record.code, ctx.msg.time)] })
  if (options.completing) return resolved(options.completing)
  if (source.reporterId === undefined) return { code: undefined, statements: [] }
  const owner = { roomId: source.roomId, memberId: source.reporterId, kind }
  const open = options.open ? options.open.openDraft : await latestOpenDraft(on, owner)
  if (!open) return { code: undefined, statements: [] }
  const about = (draft: OpenDraft) => completes(draft, record, options.plan && normaliseCode(options.plan.code))
  if (about(open)) return resolved(open)
  // Held messages sent again in their order complete older drafts than the newest.
  const older = (await openDraftsOf(on, owner)).find((draft) => draft.id !== open.id && about(draft))
  return older ? resolved(older) : { code: undefined, statements: [], stillOpen: open.code }
}

/** The confirmation's line about the sender's drafts: the one this record completed, or the one still open. */
const draftLine = (completed: Completion) =>
  completed.code
    ? `（草稿 ${completed.code} 已由这条补全）`
    : completed.stillOpen
      ? `提示：您还有草稿 ${completed.stillOpen} 没有补全（#查 ${completed.stillOpen} 可看）；如果这条就是它，请发送 #撤销 ${completed.stillOpen} 丢弃草稿`
      : undefined

export type Parsed<F extends (...args: never[]) => unknown> = Extract<ReturnType<F>, { ok: true }>

/** What else a record's commit carries: the draft #修改 completes with it, the plan it fulfils. */
export interface StoreOptions {
  completing?: Draft
  plan?: PlannedActivity
}

/** The outcome logged for a stored record: recorded, or a draft completed by #修改. */
const outcomeOf = (code: string, completing?: Draft) => (completing ? `completed:${completing.code}:${code}` : `recorded:${code}`)

/**
 * Stores a parsed activity and confirms it, in one commit with the drafts it completes and
 * the plan it fulfils.
 */
export async function storeActivity(ctx: ChatContext, source: RecordSource, parsed: Parsed<typeof parseActivity>, options: StoreOptions = {}) {
  // Names run together ("王芳李明参加", a voice message) are found by the room's roster; a
  // registered member reporting an activity and naming nobody took part in it themselves.
  const named = parsed.value.memberNames.length > 0 ? [] : rosterNamesTakingPart(source.rawText, await rosterNames(ctx.services.db, source.roomId))
  // The reporter, not whoever completes their draft (a secretary's #修改 D3).
  const reporter = source.reporterId === undefined ? undefined : source.reporterId === ctx.member?.id ? ctx.member : await findMember(ctx.services.db, source.reporterId)
  const poster = parsed.value.memberNames.length === 0 && named.length === 0 ? (reporter?.realName ?? undefined) : undefined
  const memberNames = named.length > 0 ? named : poster ? [poster] : undefined
  const withNames = memberNames ? { ...parsed, value: { ...parsed.value, memberNames } } : parsed
  return ctx.commitRecord<NewActivity, ActivityPreview>(
    (within) => createActivity(ctx.services.db, source, withNames.value, within),
    async (on, activity) => {
      const warnings = poster ? [...withNames.warnings, `未写参与委员，按发送人记录（${poster}），不对请 #修改 ${activity.code} 参与委员=…`] : withNames.warnings
      const completed = await completeDraftWith(on, ctx, source, 'activity', activity, { ...options, open: activity.neighbours })
      // Two members often report the same event: say so, so one of them can be withdrawn.
      const { twin } = activity.neighbours
      const lines = [
        `已记录活动 ${activity.code}`,
        ...activityLines(activity, { participants: withNames.value.participantsApprox, reach: withNames.value.reachApprox, memberCount: withNames.value.memberCountApprox }),
        ...warnings.map((w) => `提示：${w}`),
        missingFigureHint(activity),
        twin
          ? `提示：同一天已有同类活动 ${twin.code}（${clip(twin.title, 30)}，记录人 ${twin.reporterName}）。如果是同一场，请撤销其中一条：#撤销 ${activity.code}`
          : undefined,
        draftLine(completed),
        `有误可发送 #修改 ${activity.code} 字段=值，或 #撤销 ${activity.code}`,
      ]
      const statements = [...completed.statements, ...(options.plan ? [markPlanDoneSql(options.plan, activity.code)] : [])]
      return { outcome: outcomeOf(activity.code, options.completing), reply: lines.filter(Boolean).join('\n'), statements }
    },
  )
}

/** Stores a parsed record of any other kind and confirms it, in one commit with the drafts it completes. */
export async function storeRecord(ctx: ChatContext, kind: StoredKind, source: RecordSource, parsed: Extract<ParseOutcome<unknown>, { ok: true }>, completing?: Draft) {
  return ctx.commitRecord<StoredRecord>(
    (within) => kind.create(ctx.services.db, source, parsed.value, within),
    async (on, record) => {
      const completed = await completeDraftWith(on, ctx, source, kind.kind, record, { completing })
      const twin = await sameTitleInRoom(on, kind.kind, record)
      const lines = [
        `已记录${kind.label} ${record.code}`,
        ...kind.lines(record),
        ...parsed.warnings.map((w) => `提示：${w}`),
        twin ? `提示：本群已有同题的${kind.label} ${twin.code}（记录人 ${twin.reporterName}）。如果是同一份，请撤销其中一条：#撤销 ${record.code}` : undefined,
        draftLine(completed),
        kind.nextSteps(record, ctx.services.config),
      ]
      return { outcome: outcomeOf(record.code, completing), reply: lines.filter(Boolean).join('\n'), statements: completed.statements }
    },
  )
}

/** How a parsed record of a kind is stored and confirmed: activities find names by the roster and may fulfil a plan. */
export function storeOf(kind: RecordKind): (ctx: ChatContext, source: RecordSource, parsed: Extract<ParseOutcome<unknown>, { ok: true }>, options: StoreOptions) => Promise<StoredRecord> {
  if (kind === 'activity') return (ctx, source, parsed, options) => storeActivity(ctx, source, parsed as Parsed<typeof parseActivity>, options)
  return (ctx, source, parsed, options) => storeRecord(ctx, STORED_KINDS[kind], source, parsed, options.completing)
}

/**
 * Parses a record; what cannot be read is kept as the sender's draft (`draftText`, what they
 * wrote) and answered with the problems and a template. Returns the stored record, or undefined for a draft.
 */
async function recordOrDraft<D, R extends { code: string }>(
  ctx: ChatContext,
  kind: DraftKind,
  draftText: string,
  parse: () => ParseOutcome<D>,
  store: (parsed: Extract<ParseOutcome<D>, { ok: true }>) => Promise<R>,
): Promise<R | undefined> {
  const echoed = CONFIRMATION_HEAD.exec(draftText)
  if (echoed) {
    ctx.outcome = 'refused:confirmation'
    await ctx.reply(`这是机器人发过的确认（${echoed[0].trim()}），不会再记一次。要记新的${KINDS[kind].label}，请用自己的话写，开头加 #${KINDS[kind].command.name}。`)
    return undefined
  }
  // What one record may be is checked on what the member sent (a record written back for #修改 is longer).
  const tooLong = bodyTooLong(draftText)
  const parsed: ParseOutcome<D> = tooLong ? { ok: false, errors: [tooLong], partial: {} } : parse()
  if (!parsed.ok) {
    const draft = await saveDraft(ctx.services.db, draftSourceOf(ctx, kind, draftText), parsed.errors)
    ctx.outcome = `draft:${draft.code}`
    await ctx.reply(problemReply(KINDS[kind].label, parsed.errors, draft.code, KINDS[kind].command.template))
    return undefined
  }
  return store(parsed)
}

const { template: activityTemplate, notes: activityNotes, ...activityNames } = KINDS.activity.command

export const activityCommand: Command = {
  ...activityNames,
  help: [
    '一句话写：#活动 <日期><地点><做了什么>，委员<姓名>参加，服务群众<人数>人次',
    '按字段写（字段顺序随意，写错一个字也认得）：',
    activityTemplate,
    ...activityNotes,
  ].join('\n'),
  needsRoom: true,
  records: 'activity',
  async run(ctx, body) {
    if (!body.trim()) return ctx.reply(`请在 #活动 后面写上活动内容。可以一句话，也可以按字段写：\n${activityTemplate}`)
    const plan = planCodeAt(body)
    if (plan) return recordPlannedActivity(ctx, normaliseCode(plan.code)!, plan.rest)
    await recordOrDraft(ctx, 'activity', body, () => parseActivity(body, ctx.parseClock), (p) => storeActivity(ctx, sourceOf(ctx), p))
  },
}

/** A plan that can become an activity, or why not; `draft` is the draft of it being completed. */
async function openPlan(ctx: ChatContext, code: string, draft?: Draft): Promise<PlannedActivity | string> {
  const plan = await findPlan(ctx.services.db, code)
  const drop = draft ? `草稿 ${draft.code} 不再需要，可发送 #撤销 ${draft.code} 丢弃。` : ''
  if (!plan || plan.roomId !== ctx.room!.id) return `本群没有预告 ${code}。发送 #最近 查看记录，或直接写活动内容。${drop}`
  if (plan.activityCode) return `预告 ${code} 已记录为活动 ${plan.activityCode}。要改请发送 #修改 ${plan.activityCode} 字段=值。${drop}`
  if (plan.cancelledAt) return `预告 ${code} 已取消。活动照常举行的话，先发送 #恢复 ${code} 再记录，或直接用 #活动 写全内容。`
  return plan
}

/** `#活动 P3 参与人次=30 服务人次=200`: the plan's date, time, title and place, plus what is added. */
async function recordPlannedActivity(ctx: ChatContext, code: string, rest: string) {
  const plan = await openPlan(ctx, code)
  if (typeof plan === 'string') return ctx.reply(plan)
  const text = plannedActivityText(plan, rest, ctx.parseClock)
  const written = [code, rest].filter(Boolean).join(' ')
  await recordOrDraft(ctx, 'activity', written, () => parseActivity(text, ctx.parseClock), (p) => storeActivity(ctx, sourceOf(ctx), p, { plan }))
}

/**
 * A draft of `#活动 P3 …` (kept when unreadable or sent too fast) completed by #修改: the
 * text to parse, the plan it fulfils, and the draft's text if it still does not parse.
 * Undefined for any other draft; a string when the plan can no longer be recorded.
 */
export async function plannedDraft(ctx: ChatContext, draft: Draft, edits: readonly FieldEdit[], clock: ParseClock) {
  const written = draft.kind === 'activity' ? planCodeAt(draft.text) : undefined
  if (!written) return undefined
  const code = normaliseCode(written.code)!
  const unknown = unknownEditLabels(edits)
  if (unknown.length > 0) return `不认识的字段：${unknown.join('、')}。例如：#修改 ${draft.code} 参与人次=… 服务人次=…`
  const plan = await openPlan(ctx, code, draft)
  if (typeof plan === 'string') return plan
  const rest = withLaterEdits(written.rest, edits)
  return { plan, text: { ok: true as const, text: plannedActivityText(plan, rest, clock) }, kept: `${code} ${rest}` }
}

/** `#民意`, `#提案`, `#调研报告`, `#大会发言`: every kind but activities, from its registry entry. */
export function recordCommand(kind: StoredKind): Command {
  const { template, notes, ...command } = kind.command
  return {
    ...command,
    help: ['按字段写：', template, ...notes].join('\n'),
    needsRoom: true,
    records: kind.kind,
    async run(ctx, body) {
      if (!body.trim()) return ctx.reply(`请在 #${kind.command.name} 后面写上内容，例如：\n${template}`)
      await recordOrDraft(ctx, kind.kind, body, () => kind.parse(body, ctx.parseClock), (p) => storeRecord(ctx, kind, sourceOf(ctx), p))
    },
  }
}
