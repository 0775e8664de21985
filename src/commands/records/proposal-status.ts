import type { ChatContext } from '../../router/context.js'
import { findDateInText } from '../../parsing/mod.js'
import { normaliseCode } from '../../services/codes.js'
import {
  PROPOSAL_LETTER,
  PROPOSAL_STEPS,
  SATISFACTION,
  addProposalStep,
  answerDetail,
  findProposal,
  mergedIntoCodes,
  proposalStepWord,
  type ProposalStep,
  type Satisfaction,
} from '../../services/proposals.js'
import type { Command } from '../../router/command.js'
import { replies } from '../../texts/replies.js'
import { clip, proposalStepLabel } from '../../texts/records.js'
import { fieldNotStep } from './not-a-step.js'
import { findRecordInRoom, stepDate } from './lookup.js'

/** Longest texts a step keeps: a 承办单位 is a name or a few; a 答复 is the reply's gist. */
export const UNIT_LIMIT = 100
export const REPLY_LIMIT = 500

const PUNCTUATION = /^[\s，,。.；;:：、!！]+/
const SATISFACTION_WORD = /^(基本满意|不满意|满意)/
const length = (text: string) => [...text].length

type Found<T> = T | { error: string }

/** A word at the start or the end of the text that is a date and nothing else (`满意 10月8日`). */
function edgeDate(ctx: ChatContext, text: string, end: 'first' | 'last'): Found<{ date: string; rest: string }> | undefined {
  const match = end === 'first' ? /^\S+/.exec(text) : /\S+$/.exec(text)
  if (!match) return undefined
  const word = match[0].replace(/[。.!！]+$/, '')
  const found = word ? findDateInText(word, ctx.parseClock) : null
  if (!found || found.index !== 0 || found.matched.length !== word.length) return undefined
  if (!found.ok) return { error: found.problem }
  if (found.timeOnly) return undefined
  const rest = end === 'first' ? text.slice(match[0].length) : text.slice(0, match.index)
  return { date: found.date, rest: rest.trim() }
}

/** The date written first or last, else none (undefined): the words between are the step's own. */
function datedEdges(ctx: ChatContext, text: string): Found<{ date?: string; rest: string }> {
  for (const end of ['first', 'last'] as const) {
    const found = edgeDate(ctx, text, end)
    if (found) return found
  }
  return { rest: text }
}

/**
 * `#立案 T5 市卫健委 9月14日`: the 承办单位 and the date. The date may stand first or last, or,
 * as before 承办单位 were kept, anywhere (a unit's name holds no date).
 */
function parseRegistration(ctx: ChatContext, rest: string, usage: string): Found<{ date: string; detail?: string }> {
  const edges = datedEdges(ctx, rest.trim())
  if ('error' in edges) return { error: `${edges.error}\n${usage}` }
  let { date, rest: text } = edges
  if (!date) {
    const anywhere = stepDate(ctx, text)
    if ('error' in anywhere) return { error: `${anywhere.error}\n${usage}` }
    date = anywhere.date
    text = anywhere.rest
  }
  const unit = text.replace(/^承办单位\s*[:：]?\s*/, '').replace(/[。.]+$/, '').trim()
  if (length(unit) > UNIT_LIMIT) return { error: `承办单位写得太长了（${length(unit)} 字），请精简到 ${UNIT_LIMIT} 字以内：\n${usage}` }
  return { date, ...(unit ? { detail: unit } : {}) }
}

/** `非常满意`, `很满意`: meant as a 满意度, but not one of the three. */
const looksLikeSatisfaction = (word: string) => /满意[。.!！]*$/.test(word) && length(word) <= 6

/**
 * `#办复 T5 基本满意 已列入明年城建计划 10月8日`: the 满意度, the reply and the date, each
 * optional. The date counts only as a word of its own, first or last: a reply may well name
 * dates of its own (`将于2023年6月前完成`), which stay in the reply.
 */
function parseAnswer(ctx: ChatContext, rest: string, usage: string): Found<{ date: string; detail?: string }> {
  const badSatisfaction = { error: `满意度请写 ${SATISFACTION.join('、')} 之一（也可以不写）：\n${usage}` }
  let text = rest.trim()
  let date: string | undefined
  const lead = edgeDate(ctx, text, 'first')
  if (lead && 'error' in lead) return { error: `${lead.error}\n${usage}` }
  if (lead) ({ date, rest: text } = lead)
  text = text.replace(/^满意度\s*[:：]?\s*(?=基本满意|不满意|满意)/, '')
  let satisfaction: Satisfaction | undefined
  const word = SATISFACTION_WORD.exec(text)
  if (word) {
    const after = text.slice(word[0].length)
    const dateNext = findDateInText(after, ctx.parseClock)
    // 满意 alone, or followed by a space, a stop or a date; not 满意度调查…, which is a reply.
    if (!after || PUNCTUATION.test(after) || (dateNext?.ok && !dateNext.timeOnly && dateNext.index === 0)) {
      satisfaction = word[1] as Satisfaction
      text = after.replace(PUNCTUATION, '')
    }
  }
  if (!satisfaction && looksLikeSatisfaction(/^\S*/.exec(text)![0])) return badSatisfaction
  if (!date) {
    const edges = datedEdges(ctx, text)
    if ('error' in edges) return { error: `${edges.error}\n${usage}` }
    ;({ date, rest: text } = edges)
  }
  const reply = text.replace(/^答复(?:内容)?\s*[:：]?\s*/, '').trim()
  if (length(reply) > REPLY_LIMIT) return { error: `答复内容太长了（${length(reply)} 字），请精简到 ${REPLY_LIMIT} 字以内（全文可另存）：\n${usage}` }
  const detail = answerDetail({ ...(satisfaction ? { satisfaction } : {}), ...(reply ? { reply } : {}) })
  return { date: date ?? ctx.localDate, ...(detail ? { detail } : {}) }
}

function stepCommand(name: string, kind: ProposalStep, summary: string, usage: string, help: string): Command {
  return {
    name,
    summary,
    usage,
    help,
    needsRoom: true,
    async run(ctx, args) {
      if (!ctx.isManager) return ctx.refuse(replies.managersOnly(`登记${name}`))
      const lookup = await findRecordInRoom(ctx, args, usage)
      if ('error' in lookup) return ctx.reply(lookup.error)
      const { found } = lookup
      if (found.kind !== 'proposal') return ctx.reply(fieldNotStep(found, name) ?? `${found.code} 不是提案，只有 ${PROPOSAL_LETTER} 开头的编号可以${name}。`)
      if (found.record.withdrawn) return ctx.reply(`${found.code} 已撤销，先发送 #恢复 ${found.code} 再${name}。`)
      // A merged proposal lives on in the one it joined: a step of its own would count it twice.
      const into = mergedInto(found.record)
      if (into && kind !== 'merged') return ctx.reply(`${found.code} 已并入 ${into}，进展请登记在 ${into} 上。并错了先发送 #撤销 ${found.code} 并案。`)
      if (into) return ctx.reply(`${found.code} 已并入 ${into}，不能再作保留的提案。`)
      let step: Found<{ date: string; detail?: string }>
      if (kind === 'registered') step = parseRegistration(ctx, lookup.rest, usage)
      else if (kind === 'answered') step = parseAnswer(ctx, lookup.rest, usage)
      else {
        const dated = stepDate(ctx, lookup.rest)
        if ('error' in dated) return ctx.reply(`${dated.error}\n${usage}`)
        if (kind === 'merged') return mergeProposals(ctx, found.code, dated.rest, dated.date, usage)
        step = { date: dated.date }
      }
      if ('error' in step) return ctx.reply(step.error)
      const { date, detail } = step
      const result = await addProposalStep(ctx.services.db, found.record, {
        kind,
        ...(detail ? { detail } : {}),
        date,
        actorName: ctx.speakerName,
        actorKey: ctx.actorKey,
        messageId: ctx.msg.puppetMessageId,
      })
      if (!result.ok) {
        const lines = [`${found.code} 已于 ${result.repeatOf.date} 登记过「${proposalStepLabel(result.repeatOf)}」，不重复计数。`]
        // Adding the 承办单位 or the reply later: the step is taken back and entered again.
        if (detail && detail !== result.repeatOf.detail) {
          lines.push(`要改成「${proposalStepLabel({ kind, detail })}」，先发送 #撤销 ${found.code} ${PROPOSAL_STEPS[kind]}，再重新登记。`)
        }
        return ctx.reply(lines.join('\n'))
      }
      ctx.outcome = `step:${found.code}:${kind}`
      await ctx.reply(`已登记 ${found.code}（${clip(found.record.title, 60)}）：${date} ${proposalStepLabel({ kind, detail: detail ?? null })}`)
    },
  }
}

/** The proposal this one was merged into, if it was. */
const mergedInto = (proposal: { events: readonly { kind: string; detail: string | null }[] }) => proposal.events.find((e) => e.kind === 'merged')?.detail ?? undefined

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
    // A step of its own already counts (立案, 办复, 重点 …): merged too, one proposal would count twice.
    const own = merged.events.find((e) => e.kind !== 'merged')?.kind as ProposalStep | undefined
    if (own) {
      lines.push(`${code}：已登记过「${PROPOSAL_STEPS[own]}」，不能再并入；确要并案，先发送 #撤销 ${code} ${proposalStepWord(own)}`)
      continue
    }
    // Others live on in it: merged in turn, they would hang on a proposal that is itself gone.
    const joined = await mergedIntoCodes(ctx.services.db, ctx.room!.id, code)
    if (joined.length > 0) {
      lines.push(`${code}：已有 ${joined.join('、')} 并入它，不能再并入别的提案；要一起并入 ${survivor}，先撤销它们的并案（#撤销 ${joined[0]} 并案），再发送 #并案 ${survivor} ${[code, ...joined].join(' ')}`)
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
  stepCommand('立案', 'registered', '（秘书或管理员）登记提案立案及承办单位', '#立案 <编号> [承办单位] [日期]，例如：#立案 T5 市卫健委 9月14日',
    '承办单位可不写（不超过 100 字）；日期写在最前或最后，不写按当天。\n立案后领衔人、联名人才计履职积分。登记错了：#撤销 <编号> 立案'),
  stepCommand('并案', 'merged', '（秘书或管理员）并案：后面的提案并入第一件', '#并案 <保留的编号> <并入的编号>…，例如：#并案 T3 T5 T8',
    '第一个编号是保留的提案，后面的都并入它：#并案 T3 T5 T8 即 T5、T8 并入 T3。\n登记错了：#撤销 <并入的编号> 并案'),
  stepCommand('办复', 'answered', '（秘书或管理员）登记提案办复、满意度和答复内容', '#办复 <编号> [满意|基本满意|不满意] [答复内容] [日期]，例如：#办复 T5 基本满意 已列入明年城建计划 10月8日',
    '满意度（满意、基本满意、不满意）和答复内容都可不写；答复不超过 500 字，也可写成 答复：…\n日期要单独写在最前或最后，答复里提到的日期不算。登记错了：#撤销 <编号> 办复'),
  stepCommand('重点', 'key', '（秘书或管理员）标记重点提案', '#重点 <编号>', '标记后领衔人加分（见积分规则）。标错了：#撤销 <编号> 重点'),
  stepCommand('重要', 'important', '（秘书或管理员）标记重要提案', '#重要 <编号>', '标记后领衔人加分（见积分规则）。标错了：#撤销 <编号> 重要'),
]
