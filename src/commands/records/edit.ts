import { bodyTooLong, parseEditPairs, type FieldEdit, type FieldProblem } from '../../parsing/mod.js'
import type { ChatContext } from '../../router/context.js'
import { resolveDraft, updateDraft } from '../../services/drafts.js'
import { displayName, findMember } from '../../services/members.js'
import { latestRevision, recordRevision } from '../../services/revisions.js'
import type { Command } from '../../router/command.js'
import { plannedDraft, storeOf } from './create.js'
import { changedFields, revisionLine } from '../../texts/records.js'
import { KINDS } from '../../records/kinds.js'
import type { AnyKind, StoredRecord } from '../../records/kind.js'
import type { RecordKind } from '../../domain/kinds.js'
import { editableNames } from '../../parsing/field-table.js'
import { findRecordInRoom, mayChange, onlyOwners, setWithdrawnWithRevision } from './lookup.js'
import { undoStep } from './steps.js'
import { fieldNotStep } from './not-a-step.js'
import type { Draft } from '../../generated/prisma/client.js'

const editUsage = '#修改 <编号> 字段=值 …，例如：#修改 A12 参与人次=… 服务人次=…'
/** The kind a draft waits to become (drafts of kinds since removed are read as activities). */
const draftKind = (draft: Draft): RecordKind => (draft.kind in KINDS ? (draft.kind as RecordKind) : 'activity')

const problemsText = (problems: FieldProblem[]) => problems.map((p) => `· ${p.field}：${p.problem}`).join('\n')

export const editCommand: Command = {
  name: '修改',
  aliases: ['更正', '补充'],
  summary: '修改一条记录或补全草稿（记录人、秘书或管理员）',
  usage: '#修改 <编号> 字段=值',
  help: [
    '例如：#修改 A1 参与人次=… 服务人次=…（省略号换成实际的数）；一次可改几项，字段名和确认消息里的一样。',
    '也用来补全草稿（D 编号）：#修改 D1 日期=9月22日。',
    '记录人本人、本群秘书和管理员可以改；每次修改都留痕，#查 <编号> 可见。新值和原来一样时不留修订。',
  ].join('\n'),
  needsRoom: true,
  async run(ctx, args) {
    const lookup = await findRecordInRoom(ctx, args, editUsage)
    if ('error' in lookup) return ctx.reply(lookup.error)
    const { found, rest } = lookup
    // Nobody edits a plan, so the refusal says how to reschedule rather than who may.
    if (found.kind === 'plan') {
      return ctx.reply(`预告 ${found.code} 不能修改。时间、主题或地点变了，请发送 #取消预告 ${found.code}，再重新 #预告。`)
    }
    if (!mayChange(ctx, found)) return ctx.refuse(onlyOwners(found, '修改'))
    // The limit of one record, on what this edit writes (the record written back with it is longer).
    const tooLong = bodyTooLong(rest)
    if (tooLong) return ctx.reply(`${found.code} 没有修改：\n${problemsText([tooLong])}`)
    const edits = parseEditPairs(rest)
    const kind = KINDS[found.kind === 'draft' ? draftKind(found.record) : found.kind]
    if (edits.length === 0) return ctx.reply(`请写上要改的字段和新值：\n${editUsage}\n可改的字段：${editableNames(kind.fields)}\n要清空一项不必填的，写成 字段=无。`)
    if (found.kind === 'draft') return completeDraft(ctx, found.record, edits)
    return editRecord(ctx, found.code, found.record, found.spec, edits)
  },
}

/** Edits go through the same parser as a new record, so an edit can never store what a new message could not. */
async function editRecord(ctx: ChatContext, code: string, record: StoredRecord, kind: AnyKind, edits: FieldEdit[]) {
  const before = kind.asFields(record)
  const text = kind.editText(kind.toText(before), edits, ctx.parseClock)
  if (!text.ok) return ctx.reply(`不认识的字段：${text.unknownLabels.join('、')}。可改的字段：${editableNames(kind.fields)}`)
  const parsed = kind.parse(text.text, ctx.parseClock)
  if (!parsed.ok) return ctx.reply(`${code} 没有修改：\n${problemsText(parsed.errors)}`)
  // The revision commits with the change; an edit that changes nothing would only clutter the history.
  let revised = false
  const updated = await kind.update(ctx.services.db, record, parsed.value, async (tx, changed) => {
    const after = kind.asFields(changed)
    if (changedFields(before as object, after as object).length === 0) return
    await recordRevision(tx, { recordCode: code, action: 'edit', actorName: ctx.speakerName, actorKey: ctx.actorKey, at: ctx.msg.time, before, after })
    revised = true
  })
  if (!revised) {
    ctx.outcome = `unchanged:${code}`
    return ctx.reply(`${code} 没有变化：写的新值和原来一样。发送 #查 ${code} 可查看当前内容。`)
  }
  ctx.outcome = `edited:${code}`
  const revision = await latestRevision(ctx.services.db, code)
  const change = revisionLine(revision, ctx.services.config.BOT_TIMEZONE).replace(/^.*? 修改：/, '改动：')
  // Only what this edit brought: the record as it was would give the rest (its sub-headings kept in the content) again.
  const standing = kind.parse(kind.toText(before), ctx.parseClock)
  const fresh = parsed.warnings.filter((w) => !(standing.ok && standing.warnings.includes(w)))
  await ctx.reply([`已修改 ${code}`, change, ...kind.lines(updated), ...fresh.map((w) => `提示：${w}`)].join('\n'))
}

/** Applies the edits to the draft's text; once it parses, the draft becomes its record. */
async function completeDraft(ctx: ChatContext, draft: Draft, edits: FieldEdit[]) {
  if (draft.resolvedAt) {
    return ctx.reply(draft.resolvedCode ? `草稿 ${draft.code} 已经补全为 ${draft.resolvedCode}，请改 ${draft.resolvedCode}。` : `草稿 ${draft.code} 已撤销。`)
  }
  const kind = KINDS[draftKind(draft)]
  // Relative words in the draft meant the day it was sent.
  const clock = { now: draft.messageTime, timeZone: ctx.services.config.BOT_TIMEZONE }
  // A draft of `#活动 P3 …` is read with its plan, and fulfils it.
  const planned = await plannedDraft(ctx, draft, edits, clock)
  if (typeof planned === 'string') return ctx.reply(planned)
  const text = planned ? planned.text : kind.editText(draft.text, edits, clock)
  if (!text.ok) return ctx.reply(`不认识的字段：${text.unknownLabels.join('、')}。可改的字段：${editableNames(kind.fields)}`)
  // The record is the sender's, under their registered name, whoever completes the draft.
  const sender = draft.memberId === null ? null : await findMember(ctx.services.db, draft.memberId)
  const source = {
    roomId: draft.roomId,
    reporterId: draft.memberId ?? undefined,
    reporterName: sender ? displayName(sender) : draft.senderName,
    messageId: draft.sourceMessageId,
    rawText: text.text,
    sentAt: draft.messageTime,
  }
  const kept = planned ? planned.kept : text.text
  // Too long only if the draft was and the edit did not bring it under: the labels an edit adds do not count.
  const tooLong = bodyTooLong(draft.text) && bodyTooLong(kept)
  const parsed = tooLong ? { ok: false as const, errors: [tooLong] } : kind.parse(text.text, clock)
  if (!parsed.ok) {
    await updateDraft(ctx.services.db, draft, kept, parsed.errors)
    return ctx.reply(`草稿 ${draft.code} 还差一点：\n${problemsText(parsed.errors)}\n请再发送 #修改 ${draft.code} ${parsed.errors[0]!.field}=正确的值`)
  }
  await storeOf(kind.kind)(ctx, source, parsed, { completing: draft, plan: planned?.plan })
}

function withdrawCommand(name: string, withdraw: boolean): Command {
  const usage = `#${name} <编号>`
  return {
    name,
    summary: withdraw ? '撤销一条记录（不再计入统计）、丢弃草稿、取消预告，或撤销一步进展（如 #撤销 M7 市级采纳）' : '恢复一条已撤销的记录或取消了的预告',
    usage: withdraw ? `${usage} [进展]` : usage,
    help: withdraw
      ? [
          '#撤销 <编号>：整条撤销，不再计入任何统计和积分，随时可 #恢复；对草稿（D 编号）是丢弃，对预告（P 编号）是取消、不再提醒。',
          '#撤销 <编号> <进展>：只撤销登记错的一步，记录保留，如 #撤销 M1 市级采纳、#撤销 T1 办复（秘书或管理员）。',
          '记录人本人、本群秘书和管理员可以撤销。',
        ].join('\n')
      : '把撤销了的记录恢复，重新计入统计和积分；取消了的预告也可恢复，还没到的提醒照常发送。记录人本人、本群秘书和管理员可以恢复。',
    needsRoom: true,
    async run(ctx, args) {
      const lookup = await findRecordInRoom(ctx, args, usage)
      if ('error' in lookup) return ctx.reply(lookup.error)
      const { found } = lookup
      if (withdraw && lookup.rest) {
        if (await undoStep(ctx, found, lookup.rest)) return
        // #撤销 R1 采纳: a field, not a step; withdrawing the whole report is not what was asked.
        const field = fieldNotStep(found, lookup.rest)
        if (field) return ctx.reply(`${field}\n要撤销整条记录，只发送 #撤销 ${found.code}`)
      }
      if (!mayChange(ctx, found)) return ctx.refuse(onlyOwners(found, name))
      if (found.kind === 'draft') {
        if (!withdraw || found.record.resolvedAt) return ctx.reply(`草稿 ${found.code} 无需${name}。`)
        await resolveDraft(ctx.services.db, found.record.id, null, ctx.msg.time)
        return ctx.reply(`已丢弃草稿 ${found.code}。`)
      }
      const result = await setWithdrawnWithRevision(ctx, found, withdraw)
      if ('fixed' in result) return ctx.reply(result.fixed)
      const { state } = found.spec.withdrawal
      if (!result.changed) return ctx.reply(withdraw ? `${found.code} 已经是${state}状态。` : `${found.code} 没有被${state}，无需恢复。`)
      ctx.outcome = `${withdraw ? 'withdrawn' : 'restored'}:${found.code}`
      await ctx.reply(
        withdraw
          ? `已${found.spec.withdrawal.state} ${found.code}（${found.record.title}），${found.spec.withdrawal.done}。需要时可发送 #恢复 ${found.code}`
          : `已恢复 ${found.code}（${found.record.title}），${found.spec.withdrawal.undone}。`,
      )
    },
  }
}

export const withdrawCommands: Command[] = [withdrawCommand('撤销', true), withdrawCommand('恢复', false)]
