import { parseCount } from '../../parsing/mod.js'
import { draftProblems, openDrafts } from '../../services/drafts.js'
import { revisionsOf } from '../../services/revisions.js'
import type { Command } from '../../router/command.js'
import { ALL_CODED, ALL_KINDS, KINDS } from '../../records/kinds.js'
import type { RecordKind } from '../../domain/kinds.js'
import { clip, latestLines, revisionLine, withLatest } from '../../texts/records.js'
import { findRecordInRoom } from './lookup.js'

const showUsage = '#查 <编号>，例如：#查 A12'
const draftLabel = (kind: string) => (kind in KINDS ? KINDS[kind as RecordKind].label : kind)

export const showCommand: Command = {
  name: '查',
  aliases: ['查看', '查询'],
  summary: '查看一条记录及其修改、进展历史',
  usage: showUsage,
  help: `编号见机器人的确认消息（${ALL_CODED.map((k) => `${k.letter} ${k.label}`).join('、')}、D 草稿）。显示记录的各项、进展和修改记录（各最近 10 条，并注明共几条）。只能查本群的记录。`,
  needsRoom: true,
  async run(ctx, args) {
    const lookup = await findRecordInRoom(ctx, args, showUsage)
    if ('error' in lookup) return ctx.reply(lookup.error)
    const { found } = lookup
    const tz = ctx.services.config.BOT_TIMEZONE
    if (found.kind === 'draft') {
      const d = found.record
      const state = d.resolvedAt ? (d.resolvedCode ? `已补全为 ${d.resolvedCode}` : '已丢弃') : '待补正'
      return ctx.reply(
        [`草稿 ${d.code}（${draftLabel(d.kind)}，${state}），发送人：${d.senderName}`, ...draftProblems(d).map((p) => `· ${p.field}：${p.problem}`), `原文：${clip(d.text)}`].join('\n'),
      )
    }
    const revisions = await revisionsOf(ctx.services.db, found.code)
    const withdrawn = found.record.withdrawn ? `（已${found.spec.withdrawal.state}，${found.spec.withdrawal.shown}）` : ''
    const body = found.spec.lines(found.record)
    const steps = found.spec.steps(found.record)
    const created = found.record.createdAt.toLocaleString('zh-CN', { timeZone: tz, hour12: false })
    const head = [`${found.spec.label} ${found.code}${withdrawn}`, ...body, ...latestLines('进展', steps), `${found.spec.owner}：${found.record.reporterName}（${created}）`]
    // Long changes (each clipped) take room: fewer of the latest are shown rather than a second message.
    await ctx.reply(withLatest(head, '修改记录', revisions.map((r) => revisionLine(r, tz))))
  },
}

export const recentCommand: Command = {
  name: '最近',
  summary: '列出本群最近的记录（默认 5 条，最多 20 条）',
  usage: '#最近 [条数]',
  help: '默认 5 条，最多 20 条，例如 #最近 10。列出本群最近的各类记录和待补正的草稿（D 编号），每条一行。',
  needsRoom: true,
  async run(ctx, args) {
    const asked = args.trim() ? parseCount(args.trim())?.value : 5
    if (asked === undefined || asked < 1) return ctx.reply('条数请写数字，例如：#最近 10')
    const n = Math.min(asked, 20)
    const { db } = ctx.services
    const roomId = ctx.room!.id
    const [records, drafts] = await Promise.all([Promise.all(ALL_CODED.map((k) => k.latest(db, roomId, n))), openDrafts(db, roomId, n)])
    const rows = [
      ...records.flatMap((rows, i) =>
        rows.map((r) => ({
          at: r.createdAt,
          line: `${r.code} ${r.date} ${r.tag}｜${clip(r.title, 30)}${r.status ? `（${r.status}）` : ''}${r.withdrawn ? `（已${ALL_CODED[i]!.withdrawal.state}）` : ''}`,
        })),
      ),
      ...drafts.map((d) => ({ at: d.createdAt, line: `${d.code} 草稿｜${clip(d.senderName, 20)}：${clip(d.text, 20)}（待补正）` })),
    ]
      .sort((a, b) => b.at.getTime() - a.at.getTime())
      .slice(0, n)
    if (rows.length === 0) return ctx.reply(`本群还没有记录。发送 ${ALL_KINDS.map((k) => `#${k.command.name}`).join('、')} 开始记录，#帮助 查看模板。`)
    await ctx.reply([`本群最近 ${rows.length} 条记录：`, ...rows.map((r) => r.line), '查看详情：#查 <编号>'].join('\n'))
  },
}
