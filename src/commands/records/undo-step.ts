import type { ChatContext } from '../../router/context.js'
import { ADOPTION_LEVELS, removeStatus, type AdoptionLevel } from '../../services/opinions.js'
import { PROPOSAL_STEPS, removeProposalStep, type ProposalStep } from '../../services/proposals.js'
import { recordRevision } from '../../services/revisions.js'
import type { Queryable } from '../../db/client.js'
import { replies } from '../../texts/replies.js'
import { proposalStepLabel, statusLabel } from '../../texts/records.js'
import type { FoundRecord } from './lookup.js'

const OPINION_STEPS: Record<string, string> = { 采纳: 'adopted', 批示: 'instructed', 办结: 'resolved' }
const PROPOSAL_WORDS = Object.fromEntries(Object.entries(PROPOSAL_STEPS).map(([kind, word]) => [word.replace(/提案$/, ''), kind])) as Record<string, ProposalStep>

/**
 * `#撤销 M7 市级采纳`, `#撤销 T3 办复`: takes back one mistaken step (secretary or admin); the
 * record stays, the step leaves every figure, and a revision keeps what was removed.
 */
export async function undoStep(ctx: ChatContext, found: Extract<FoundRecord, { kind: 'opinion' | 'proposal' }>, words: string) {
  if (!ctx.isManager) return ctx.refuse(replies.managersOnly('撤销进展'))
  const { db } = ctx.services
  const step = words.replace(/\s+/g, '')
  // The revision keeps what was removed, in the removal's own transaction.
  const revise = (removed: { label: string; date: string }) => (tx: Queryable) =>
    recordRevision(tx, { recordCode: found.code, action: 'undo-step', actorName: ctx.speakerName, actorKey: ctx.actorKey, at: ctx.msg.time, before: removed, after: null })
  let removed: { label: string; date: string } | undefined
  if (found.kind === 'opinion') {
    const level = (Object.keys(ADOPTION_LEVELS) as AdoptionLevel[]).find((l) => step.startsWith(ADOPTION_LEVELS[l]))
    const kind = OPINION_STEPS[level ? step.slice(ADOPTION_LEVELS[level].length) : step]
    if (!kind) return ctx.reply(`要撤销哪一步？例如：#撤销 ${found.code} 市级采纳、#撤销 ${found.code} 批示、#撤销 ${found.code} 办结`)
    const event = [...found.record.events].reverse().find((e) => e.kind === kind && (!level || e.level === level))
    if (!event) return ctx.reply(`${found.code} 没有登记过「${step}」。`)
    removed = { label: statusLabel(event), date: event.date }
    await removeStatus(db, found.record, event, ctx.msg.time, revise(removed))
  } else {
    const kind = PROPOSAL_WORDS[step]
    if (!kind) return ctx.reply(`要撤销哪一步？例如：#撤销 ${found.code} 立案、办复、并案、重点 或 重要`)
    const event = found.record.events.find((e) => e.kind === kind)
    if (!event) return ctx.reply(`${found.code} 没有登记过「${step}」。`)
    removed = { label: proposalStepLabel(event), date: event.date }
    await removeProposalStep(db, event, revise(removed))
  }
  ctx.outcome = `step-undone:${found.code}`
  await ctx.reply(`已撤销 ${found.code} 的「${removed.label}」（${removed.date}），统计随之更正。记录本身保留。`)
}
