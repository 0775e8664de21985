import type { Command } from '../router/command.js'

/** `#帮助`: every command with a template to copy. Built from the command list, never stale. */
export function helpCommand(all: () => readonly Command[]): Command {
  return {
    name: '帮助',
    aliases: ['help', '命令'],
    summary: '查看全部命令和可复制的模板',
    usage: '#帮助',
    needsRoom: false,
    async run(ctx) {
      const lines = all().map((c) => `▪ ${c.summary}\n   ${c.usage}`)
      const where = ctx.room ? `本群：${ctx.room.name}（${ctx.room.kind}）` : ctx.inRoom ? '本群尚未绑定。' : ''
      await ctx.reply(['政协委员会客厅助手，可用命令：', ...lines, where, '复制模板、替换尖括号里的内容后发送即可。'].filter(Boolean).join('\n'))
    },
  }
}
