import type { Config } from '../config.js'
import { echo } from '../parsing/mod.js'
import type { Command, Deployment } from '../router/command.js'
import { ALL_KINDS } from '../records/kinds.js'
import { parseAliasSetting } from '../router/command-text.js'
import { buildAliasTable } from '../router/router.js'

/**
 * The short list's lines, in order: a label and the commands it names. Only the layout lives
 * here; a command missing from it still gets a line (a new command is never left out).
 */
const GROUPS: readonly { label: string; names: readonly string[] }[] = [
  { label: '记录', names: ALL_KINDS.map((k) => k.command.name) },
  { label: '民意进展', names: ['采纳', '批示', '办结'] },
  { label: '提案进展', names: ['立案', '并案', '办复', '重点', '重要'] },
  { label: '改和查', names: ['修改', '撤销', '恢复', '查', '最近'] },
  { label: '报表', names: ['月报', '季报', '年报', '导出'] },
  { label: '积分', names: ['我的', '积分榜'] },
  { label: '预告', names: ['预告', '取消预告'] },
  { label: '群', names: ['绑定', '确认绑定', '设置'] },
  { label: '人', names: ['登记', '认证', '秘书', '牵头', '委员', '认领'] },
]

/** `#帮助` alone: one line per group, one phone screen; `#帮助 活动`: that command's template and details. */
export function helpCommand(all: () => readonly Command[]): Command {
  return {
    name: '帮助',
    aliases: ['help', '命令'],
    summary: '查看命令列表；#帮助 <命令> 查看一个命令的模板和说明',
    usage: '#帮助 [命令]，例如：#帮助 活动',
    help: '命令名写别名也行（#帮助 社情民意）；前面带不带 # 都可以。在群里只 @机器人、不写命令，也会得到提示。',
    needsRoom: false,
    async run(ctx, args) {
      const { config } = ctx.services
      const asked = args.replace(/^#+/, '').trim()
      if (!asked) {
        const where = ctx.room ? `本群：${ctx.room.name}（${ctx.room.kind}）` : ctx.inRoom ? '本群尚未绑定。' : ''
        return ctx.reply(shortList(all(), config, where))
      }
      const tags = tagTable(all(), config)
      const command = tags.get(asked)
      if (command) return ctx.reply(details(command, tags, ctx.services))
      const near = [...new Set([...tags].filter(([tag]) => tag.includes(asked) || asked.includes(tag)).map(([, c]) => c.name))]
      const hint = near.length ? `您是不是要找：${near.slice(0, 5).map((n) => `#帮助 ${n}`).join('、')}\n` : ''
      await ctx.reply(`没有「#${echo(asked, 12)}」这个命令。\n${hint}发送 #帮助 查看全部命令。`)
    },
  }
}

/** Every tag a member may write (names, built-in aliases, COMMAND_ALIASES) → its command. */
function tagTable(commands: readonly Command[], config: Config): Map<string, Command> {
  const byName = new Map(commands.map((c) => [c.name, c]))
  // The router's own table: the app refused to start on a bad pair, so none is left here.
  const names = buildAliasTable(commands, parseAliasSetting(config.COMMAND_ALIASES).pairs)
  return new Map([...names].map(([tag, name]) => [tag, byName.get(name)!]))
}

export function shortList(commands: readonly Command[], config: Config, where: string): string {
  const byName = new Map(commands.map((c) => [c.name, c]))
  const listed = new Set<string>()
  const lines: string[] = []
  for (const group of GROUPS) {
    const present = group.names.filter((n) => byName.has(n))
    present.forEach((n) => listed.add(n))
    if (present.length) lines.push(`${group.label}：${present.map((n) => `#${n}`).join(' ')}`)
  }
  for (const command of commands) {
    if (!listed.has(command.name) && command.name !== '帮助') lines.push(`#${command.name}：${command.summary}`)
  }
  return [
    `${config.COMMITTEE_NAME || '政协'}委员会客厅助手，可用命令：`,
    ...lines,
    where,
    '发送「#帮助 活动」查看活动的模板和说明，其他命令同样（如 #帮助 月报）。',
  ]
    .filter(Boolean)
    .join('\n')
}

export function details(command: Command, tags: ReadonlyMap<string, Command>, deployment: Deployment): string {
  const others = [...tags].filter(([tag, c]) => c === command && tag !== command.name).map(([tag]) => `#${tag}`)
  const help = typeof command.help === 'function' ? command.help(deployment) : command.help
  return [
    `【#${command.name}】${command.summary}`,
    others.length ? `也可以写成 ${others.join('、')}` : '',
    `模板：${command.usage}`,
    help ?? '',
  ]
    .filter(Boolean)
    .join('\n')
}
