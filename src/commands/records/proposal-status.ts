import type { ChatContext } from '../../router/context.js'
import { normaliseCode } from '../../services/codes.js'
import { PROPOSAL_LETTER, SATISFACTION, addProposalStep, findProposal, type ProposalStep } from '../../services/proposals.js'
import { replies, type Command } from '../command.js'
import { clip, proposalStepLabel } from './format.js'
import { findRecordInRoom, stepDate } from './lookup.js'

function stepCommand(name: string, kind: ProposalStep, summary: string, usage: string): Command {
  return {
    name,
    summary,
    usage,
    needsRoom: true,
    async run(ctx, args) {
      if (!ctx.isManager) return ctx.refuse(replies.managersOnly(`登记${name}`))
      const lookup = await findRecordInRoom(ctx, args, usage)
      if ('error' in lookup) return ctx.reply(lookup.error)
      const { found } = lookup
      if (found.kind !== 'proposal') return ctx.reply(`${found.code} 不是提案，只有 ${PROPOSAL_LETTER} 开头的编号可以${name}。`)
      if (found.record.withdrawn) return ctx.reply(`${found.code} 已撤销，先发送 #恢复 ${found.code} 再${name}。`)
      const dated = stepDate(ctx, lookup.rest)
      if ('error' in dated) return ctx.reply(`${dated.error}\n${usage}`)
      let detail: string | undefined
      if (kind === 'answered' && dated.rest) {
        detail = SATISFACTION.find((s) => s === dated.rest.replace(/[。.!！]$/, ''))
        if (!detail) return ctx.reply(`满意度请写 ${SATISFACTION.join('、')} 之一（也可以不写）：\n${usage}`)
      }
      if (kind === 'merged') return mergeProposals(ctx, found.code, dated.rest, dated.date, usage)
      const result = await addProposalStep(ctx.services.db, found.record, {
        kind,
        ...(detail ? { detail } : {}),
        date: dated.date,
        actorName: ctx.speakerName,
        actorKey: ctx.actorKey,
        messageId: ctx.msg.puppetMessageId,
      })
      if (!result.ok) return ctx.reply(`${found.code} 已于 ${result.repeatOf.date} 登记过「${proposalStepLabel(result.repeatOf)}」，不重复计数。`)
      ctx.outcome = `step:${found.code}:${kind}`
      await ctx.reply(`已登记 ${found.code}（${clip(found.record.title, 60)}）：${dated.date} ${proposalStepLabel({ kind, detail: detail ?? null })}`)
    },
  }
}

/** `#并案 T1 T2 T3`: T2 and T3 are merged into T1, which survives. */
async function mergeProposals(ctx: ChatContext, survivor: string, rest: string, date: string, usage: string) {
  const codes = rest.split(/[\s,，、]+/).filter(Boolean).map((w) => normaliseCode(w))
  if (codes.length === 0 || codes.some((c) => !c?.startsWith(PROPOSAL_LETTER))) {
    return ctx.reply(`请写上保留的提案和要并入它的提案编号：\n${usage}`)
  }
  const lines: string[] = []
  for (const code of codes as string[]) {
    const merged = code === survivor ? null : await findProposal(ctx.services.db, code)
    if (!merged || merged.roomId !== ctx.room!.id || merged.withdrawn) {
      lines.push(`${code}：${code === survivor ? '不能并入自己' : '本群没有这件提案，或已撤销'}`)
      continue
    }
    const result = await addProposalStep(ctx.services.db, merged, {
      kind: 'merged',
      detail: survivor,
      date,
      actorName: ctx.speakerName,
        actorKey: ctx.actorKey,
      messageId: `${ctx.msg.puppetMessageId}:${code}`,
    })
    lines.push(result.ok ? `${code}（${merged.title}）并入 ${survivor}` : `${code} 已于 ${result.repeatOf.date} 并入 ${result.repeatOf.detail}`)
  }
  ctx.outcome = `merged:${survivor}`
  await ctx.reply([`并案（${date}）：`, ...lines].join('\n'))
}

export const proposalStepCommands: Command[] = [
  stepCommand('立案', 'registered', '（秘书或管理员）登记提案立案', '#立案 <编号> [日期]'),
  stepCommand('并案', 'merged', '（秘书或管理员）并案：后面的提案并入第一件', '#并案 <保留的编号> <并入的编号>…，例如：#并案 T3 T5 T8'),
  stepCommand('办复', 'answered', '（秘书或管理员）登记提案办复及满意度', '#办复 <编号> [满意|基本满意|不满意] [日期]'),
  stepCommand('重点', 'key', '（秘书或管理员）标记重点提案', '#重点 <编号>'),
  stepCommand('重要', 'important', '（秘书或管理员）标记重要提案', '#重要 <编号>'),
]
