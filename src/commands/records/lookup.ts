import type { Draft } from '../../generated/prisma/client.js'
import type { ChatContext } from '../../router/context.js'
import { codedKindOfCode, DRAFT_LETTER, type RecordKind } from '../../domain/kinds.js'
import { CODED, type CodedRecordOf } from '../../records/kinds.js'
import type { AnyCoded, AnyKind } from '../../records/kind.js'
import { findDraft } from '../../services/drafts.js'
import { recordRevision } from '../../services/revisions.js'
import { normaliseCode } from '../../services/codes.js'
import { echo, findDateInText } from '../../parsing/mod.js'

export type FoundRecord =
  | { [K in RecordKind]: { kind: K; spec: AnyKind; code: string; record: CodedRecordOf<K> } }[RecordKind]
  | { kind: 'plan'; spec: AnyCoded; code: string; record: CodedRecordOf<'plan'> }
  | { kind: 'draft'; code: string; record: Draft }

/** A code of every coded kind and of drafts, in registry order: A12、M12 … D12. */
const CODE_EXAMPLES = [...Object.values(CODED).map((k) => k.letter), DRAFT_LETTER].map((letter) => `${letter}12`).join('、')

/** `A12 其余参数` → the record of this room, or a Chinese reason why not. */
export async function findRecordInRoom(
  ctx: ChatContext,
  args: string,
  usage: string,
): Promise<{ found: FoundRecord; rest: string } | { error: string }> {
  const [first = '', ...rest] = args.trim().split(/\s+/)
  const code = normaliseCode(first)
  if (!code) return { error: first ? `「${echo(first)}」不是记录编号。编号像 ${CODE_EXAMPLES}，见机器人的确认消息。\n${usage}` : `请写上记录编号：\n${usage}` }
  const { db } = ctx.services
  let found: FoundRecord | undefined
  const kind = codedKindOfCode(code)
  if (kind) {
    const spec: AnyCoded = CODED[kind]
    const record = await spec.find(db, code)
    // The record's type is the kind's, and a record kind's entry is a KindSpec: CODED is KINDS plus plans.
    if (record) found = { kind, spec, code, record } as FoundRecord
  } else if (code.startsWith(DRAFT_LETTER)) {
    const record = await findDraft(db, code)
    if (record) found = { kind: 'draft', code, record }
  }
  // Another room's record answers like a missing one: a code must not reveal that it exists.
  if (!found || found.record.roomId !== ctx.room!.id) return { error: `找不到记录 ${code}。发送 #最近 可以查看本群最近的记录和编号。` }
  return { found, rest: args.trim().slice(first.length).trim() }
}

/**
 * The reporter (or draft sender) may change a record; so may the room's secretaries and
 * admins. Decided by member id, never by a name someone could register or take.
 */
export function mayChange(ctx: ChatContext, found: FoundRecord): boolean {
  if (ctx.isManager) return true
  if (ctx.member === undefined) return false
  const owner = found.kind === 'draft' ? found.record.memberId : found.record.reporterId
  return owner === ctx.member.id
}

/** The refusal for someone else: 只有 A12 的记录人（预告人）、本群秘书或管理员可以撤销它。 */
export const onlyOwners = (found: FoundRecord, verb: string): string =>
  `只有 ${found.code} 的${found.kind === 'draft' ? '记录人' : found.spec.owner}、本群秘书或管理员可以${verb}它。`

/**
 * Withdraws or restores a record or plan (#撤销, #恢复, #取消预告), leaving a revision when it
 * changed: what stands in its way (a plan that became an activity), or whether it changed.
 */
export async function setWithdrawnWithRevision(ctx: ChatContext, found: Exclude<FoundRecord, { kind: 'draft' }>, withdraw: boolean): Promise<{ fixed: string } | { changed: boolean }> {
  const fixed = found.spec.fixed(found.record)
  if (fixed) return { fixed }
  const { db } = ctx.services
  const action = withdraw ? 'withdraw' : 'restore'
  // The revision commits with the change, or neither does.
  const changed = await found.spec.setWithdrawn(db, found.record, withdraw, ctx.msg.time, (tx) =>
    recordRevision(tx, { recordCode: found.code, action, actorName: ctx.speakerName, actorKey: ctx.actorKey, at: ctx.msg.time, before: { withdrawn: !withdraw }, after: { withdrawn: withdraw } }),
  )
  return { changed }
}

/** "#办结 M7 9月30日": a step may carry a date anywhere in its arguments; otherwise it happened today. */
export function stepDate(ctx: ChatContext, rest: string): { date: string; rest: string } | { error: string } {
  const found = findDateInText(rest, ctx.parseClock)
  if (!found || (found.ok && found.timeOnly)) return { date: ctx.localDate, rest }
  if (!found.ok) return { error: found.problem }
  return { date: found.date, rest: (rest.slice(0, found.index) + rest.slice(found.index + found.matched.length)).trim() }
}
