import { exportsDir, writeLedgerExport } from '../export/files.js'
import { SHEETS } from '../export/ledger.js'
import { parseAnyPeriod } from '../parsing/mod.js'
import { roomsVisibleTo } from '../services/digest.js'
import type { Command } from '../router/command.js'
import { replies } from '../texts/replies.js'
import { parseAliasSetting } from '../router/command-text.js'

/** The workbook's sheets, as the ledger files them: every kind's, then 委员履职 and 汇总. */
const sheetList = SHEETS.join('、')

/** `#导出 2022Q3`: the record book as an .xlsx file, into the chat it was asked in. */
export const exportCommand: Command = {
  name: '导出',
  aliases: ['台账', '导出台账'],
  summary: `（秘书或管理员）导出台账 Excel：${SHEETS.map((sheet) => sheet.replace(/台账$/, '')).join('、')}`,
  usage: '#导出 [2022 | 2022Q3 | 2022-09]',
  help: [
    '不写期间导出今年；也可写一个季度（2022Q3）或一个月（2022-09）。',
    '在群里导出本群；私聊（先 #认证）导出您能看到的所有群：秘书是自己担任秘书的群，管理员是全部。',
    `文件是 Excel，${SHEETS.length} 张表：${sheetList}；可直接 A4 横向打印。`,
  ].join('\n'),
  needsRoom: false,
  privateNeedsKey: '导出台账',
  async run(ctx, args) {
    const parsed = parseAnyPeriod(args, ctx.parseClock)
    if (!parsed.ok) return ctx.reply(parsed.problem)
    const { db, config, rules } = ctx.services
    if (ctx.inRoom && !ctx.room) return ctx.reply(replies.unbound)
    const rooms = ctx.room
      ? ctx.isManager ? [ctx.room] : []
      : await roomsVisibleTo(db, { isAdmin: ctx.isAdmin, memberId: ctx.member?.id })
    if (rooms.length === 0) return ctx.refuse(replies.managersOnly('导出台账'))
    const file = await writeLedgerExport(db, rules, rooms, parsed.period, exportsDir(config.dataDir), parseAliasSetting(config.COMMAND_ALIASES).pairs)
    // Who got which rooms' book stays in the message log.
    ctx.outcome = `exported:${file.fileName} rooms=${rooms.map((r) => r.id).join(',')} to=${ctx.actorKey}`
    await ctx.reply(`${parsed.period.label}台账（${rooms.map((r) => r.name).join('、')}）见下方文件：${sheetList}。`)
    await ctx.send(ctx.replyTarget, { file: { path: file.path, name: file.fileName } })
  },
}
