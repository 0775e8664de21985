import { ADOPTION_LEVELS, addStatus, levelAtStart, type AdoptionLevel, type StatusChange } from '../../services/opinions.js'
import type { ChatContext } from '../../router/context.js'
import type { Command } from '../../router/command.js'
import { replies } from '../../texts/replies.js'
import { clip, latestLines, statusLabel } from '../../texts/records.js'
import { fieldNotStep } from './not-a-step.js'
import { findRecordInRoom, stepDate } from './lookup.js'

/** `市级 某某市政协` → level and body; the level may also be glued to the body (`市级某某市政协`). */
export function parseAdoption(rest: string): { level: AdoptionLevel; detail?: string } | undefined {
  const text = rest.trim()
  const written = levelAtStart(text)
  if (!written) return undefined
  // 全国政协 is both the level and the start of the body's name (全国政协办公厅).
  const detail = written.word === '全国政协' ? text : text.slice(written.word.length).replace(/^[\s:：,，]+/, '').trim()
  return { level: written.level, ...(detail ? { detail } : {}) }
}

const LEVEL_LIST = Object.values(ADOPTION_LEVELS).join('、')

function statusCommand(name: string, kind: StatusChange['kind'], summary: string, usage: string, help: Command['help']): Command {
  return {
    name,
    summary,
    usage,
    help,
    needsRoom: true,
    async run(ctx: ChatContext, args) {
      if (!ctx.isManager) return ctx.refuse(replies.managersOnly(`登记${name}`))
      const lookup = await findRecordInRoom(ctx, args, usage)
      if ('error' in lookup) return ctx.reply(lookup.error)
      const { found } = lookup
      if (found.kind !== 'opinion') return ctx.reply(fieldNotStep(found, name) ?? `${found.code} 不是社情民意记录，只有 M 开头的编号可以${name}。`)
      if (found.record.withdrawn) return ctx.reply(`${found.code} 已撤销，先发送 #恢复 ${found.code} 再${name}。`)
      const dated = stepDate(ctx, lookup.rest)
      if ('error' in dated) return ctx.reply(`${dated.error}\n${usage}`)
      const { rest } = dated
      let change: StatusChange = {
        kind,
        date: dated.date,
        actorName: ctx.speakerName,
        actorKey: ctx.actorKey,
        messageId: ctx.msg.puppetMessageId,
        at: ctx.msg.time,
      }
      if (kind === 'adopted') {
        const adoption = parseAdoption(rest)
        if (!adoption) {
          return ctx.reply(`请写明采纳级别（${LEVEL_LIST}），单位可写在后面：\n${usage}`)
        }
        change = { ...change, ...adoption }
      } else if (rest) {
        change = { ...change, detail: rest }
      }
      if (change.detail && [...change.detail].length > 200) {
        return ctx.reply(`写在后面的内容太长了（${[...change.detail].length} 字），请精简到 200 字以内：\n${usage}`)
      }
      const result = await addStatus(ctx.services.db, found.record, change)
      if (!result.ok) {
        return ctx.reply(`${found.code} 已于 ${result.repeatOf.date} 登记过「${statusLabel(result.repeatOf)}」，不重复计数。`)
      }
      ctx.outcome = `status:${found.code}:${kind}`
      const history = latestLines('进展', result.report.events.map((e) => `${e.date} ${statusLabel(e)}`))
      await ctx.reply([`已登记 ${found.code}（${clip(found.record.title, 60)}）：${statusLabel(change)}`, ...history].join('\n'))
    },
  }
}

export const statusCommands: Command[] = [
  statusCommand('采纳', 'adopted', '（秘书或管理员）登记社情民意被采纳', '#采纳 <编号> <县级|市级|省级|全国> [单位] [日期]', ({ config }) =>
    [
      `例如：#采纳 M1 市级${config.COMMITTEE_NAME ? ` ${config.COMMITTEE_NAME}` : ''}`,
      '级别必写；单位、日期可不写（日期写在最前或最后，不写按当天）。同一级别只计一次，几级都采纳就各发一次。',
      '登记错了：#撤销 <编号> 市级采纳',
    ].join('\n'),
  ),
  statusCommand('批示', 'instructed', '（秘书或管理员）登记领导批示', '#批示 <编号> [批示内容] [日期]', [
    '批示内容、日期都可不写（日期写在最前或最后，不写按当天）；几次批示各发一次。',
    '登记错了：#撤销 <编号> 批示',
  ].join('\n')),
  statusCommand('办结', 'resolved', '（秘书或管理员）登记社情民意办结', '#办结 <编号> [日期]', [
    '不写日期按当天。月报的办结率 = 本期收集的篇目中已办结的比例。',
    '登记错了：#撤销 <编号> 办结',
  ].join('\n')),
]
