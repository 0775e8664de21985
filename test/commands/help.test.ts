import { describe, expect, it } from 'vitest'
import { allCommands } from '../../src/commands/index.js'
import { helpCommand } from '../../src/commands/help.js'
import { ConfigError, loadConfig } from '../../src/config.js'
import type { Command } from '../../src/router/command.js'
import { GROUP, boundChat, startChat, testConfig } from '../helpers.js'

const text = (out: { text?: string }[]) => out.map((m) => m.text ?? '').join('\n')

describe('#帮助', () => {
  it('lists every command in one phone screen, without the templates', async () => {
    const chat = await boundChat()
    const help = text(await chat.say({ room: GROUP, from: '张三', text: '#帮助' }))
    expect(help).toContain('可用命令')
    for (const command of allCommands()) expect(help).toMatch(new RegExp(`#${command.name}(\\s|：|$)`, 'm'))
    const lines = help.split('\n')
    expect(lines.length).toBeLessThanOrEqual(15)
    expect(help.length).toBeLessThanOrEqual(420)
    expect(help).not.toContain('<编号>')
    expect(help).toContain('本群：平湖健康家园政协委员会客厅（会客厅）')
    expect(lines.at(-1)).toContain('#帮助 活动')
  })

  it('gives any command’s template, other names and details, by its name or an alias', async () => {
    const chat = await startChat({ env: { PLAN_EVE_TIME: '17:30' } })
    const deployment = chat.app.services
    let minute = 0
    const ask = async (what: string) => text(await chat.say({ from: '张三', text: `#帮助 ${what}`, time: new Date(Date.UTC(2022, 8, 21, 2, minute++)) }))
    for (const command of allCommands()) {
      const reply = await ask(command.name)
      expect(reply, command.name).toContain(`【#${command.name}】${command.summary}`)
      expect(reply, command.name).toContain(command.usage)
      for (const alias of command.aliases ?? []) expect(reply, command.name).toContain(`#${alias}`)
      const help = typeof command.help === 'function' ? command.help(deployment) : command.help
      if (help) expect(reply, command.name).toContain(help)
      // Every alias leads to the same page.
      for (const alias of command.aliases ?? []) expect(await ask(alias), alias).toBe(reply)
    }
    expect(await ask('预告')).toContain('前一天 17:30')
    expect(await ask('#月报')).toBe(await ask('月报'))
    expect(await ask('＃月报')).toBe(await ask('月报'))
  })

  it('knows the deployment’s own aliases, and points a wrong name to near ones', async () => {
    const chat = await startChat({ env: { COMMAND_ALIASES: '绑群=绑定' } })
    const bind = text(await chat.say({ from: '张三', text: '#帮助 绑群' }))
    expect(bind).toContain('【#绑定】')
    expect(bind).toContain('也可以写成 #绑群')
    const wrong = text(await chat.say({ from: '张三', text: '#帮助 报名' }))
    expect(wrong).toBe('没有「#报名」这个命令。\n发送 #帮助 查看全部命令。')
    const near = text(await chat.say({ from: '张三', text: '#帮助 月报怎么发' }))
    expect(near).toContain('您是不是要找：#帮助 月报')
  })

  it('lists a command the layout does not know, and names the committee where a text asks for it', async () => {
    const commands: Command[] = []
    const trial: Command = {
      name: '试验',
      summary: '一个新命令',
      usage: '#试验 <内容>',
      help: ({ config }) => `例如：#试验 ${config.COMMITTEE_NAME}`,
      needsRoom: false,
      run: async (ctx) => ctx.reply('好'),
    }
    commands.push(helpCommand(() => commands), trial)
    const chat = await startChat({ commands, env: { COMMITTEE_NAME: '嘉兴市政协' } })
    const list = text(await chat.say({ from: '张三', text: '#帮助' }))
    expect(list.split('\n')[0]).toBe('嘉兴市政协委员会客厅助手，可用命令：')
    expect(list).toContain('#试验：一个新命令')
    expect(text(await chat.say({ from: '张三', text: '#帮助 试验' }))).toBe('【#试验】一个新命令\n模板：#试验 <内容>\n例如：#试验 嘉兴市政协')
  })
})

describe('COMMITTEE_NAME', () => {
  it('is empty unless set, trimmed, and refused in Chinese when it would break a copied command', () => {
    expect(testConfig().COMMITTEE_NAME).toBe('')
    expect(loadConfig({ COMMITTEE_NAME: ' 嘉兴市政协 ' }).COMMITTEE_NAME).toBe('嘉兴市政协')
    expect(() => loadConfig({ COMMITTEE_NAME: '嘉兴 市政协' })).toThrow(ConfigError)
    expect(() => loadConfig({ COMMITTEE_NAME: '嘉兴 市政协' })).toThrow('配置有误：COMMITTEE_NAME="嘉兴 市政协"，不能有空格或 #')
    expect(() => loadConfig({ COMMITTEE_NAME: '#嘉兴市政协' })).toThrow('不能有空格或 #')
    expect(() => loadConfig({ COMMITTEE_NAME: '中'.repeat(31) })).toThrow('，最多 30 个字')
  })
})
