import { createInterface } from 'node:readline'
import { z } from 'zod'
import { log, logLevel } from '../log.js'
import type { SentMessage } from '../sim/mock-chat.js'
import { openSession, runCommand, splitArgs } from './session.js'

const DemoTime = z
  .string()
  .regex(/^\d{4}-\d{1,2}-\d{1,2}(?:[ T]\d{1,2}:\d{2})?$/, '时间格式：/time 2022-09-19 10:00')
  .transform((s) => {
    const [date, clock = '09:00'] = s.split(/[ T]/)
    const [y, m, d] = date!.split('-').map(Number)
    const [hh, mm] = clock.split(':').map(Number)
    const pad = (n: number) => String(n).padStart(2, '0')
    return new Date(`${y}-${pad(m!)}-${pad(d!)}T${pad(hh!)}:${pad(mm!)}:00+08:00`)
  })
  .refine((d) => !Number.isNaN(d.getTime()), '这个日期不存在')

const HELP = `在终端里扮演群成员和机器人对话（模拟微信，不需要微信账号）。
  直接输入文字 = 以当前身份在当前群里发言，例如：#帮助
  /as <名字>      切换发言人（默认「管理员」：机器人给他设了备注「管理员」，BOT_ADMINS 里列的就是这个备注）
  /remark <备注>  机器人的微信给当前发言人设备注（运维做的事；管理员按备注认）
  /relogin        模拟重新登录：所有群和联系人换新 ID（网页微信每次登录都这样）
  /room <群名>    切换到某个群（不存在就新建一个，机器人在群里）
  /private        切换到和机器人的私聊
  /time 2022-09-19 10:00   设定时钟（北京时间），之后按真实流逝前进
  /help           显示本说明
  /quit           退出（数据保存在 --db 指定的文件，默认 data/demo.db）`

/** `npm run demo`: an interactive chat with the real bot over the mock puppet. */
async function main(): Promise<void> {
  log.level = logLevel(process.env.LOG_LEVEL, 'warn')
  const { flags } = splitArgs(process.argv.slice(2))
  const dbFile = typeof flags.get('db') === 'string' ? (flags.get('db') as string) : 'data/demo.db'
  const admins = process.env.BOT_ADMINS || '管理员'
  const firstAdmin = admins.split(/[,，]/)[0]!.trim()
  const session = await openSession({ dbFile, admins, remarks: { 管理员: firstAdmin }, start: new Date(), paced: false, command: 'demo' })
  let speaker = '管理员'
  let room: string | undefined = '健康家园委员群'
  let clockOffsetMs = 0

  const rl = createInterface({ input: process.stdin, output: process.stdout })
  const show = (messages: SentMessage[]) => {
    for (const m of messages) {
      const body = m.text ?? `[文件] ${m.file}`
      process.stdout.write(`\n🤖 → ${m.to}：\n${body.replace(/^/gm, '   ')}\n\n`)
    }
  }
  process.stdout.write(`${HELP}\n\n`)
  const prompt = () => `[${room ?? '私聊'}] ${speaker}> `

  rl.setPrompt(prompt())
  rl.prompt()
  // Async iteration buffers piped input; question() would lose lines that arrive early.
  for await (const raw of rl) {
    const line = raw.trim()
    if (line === '') {
      rl.prompt()
      continue
    }
    if (line === '/quit' || line === '/exit') break
    if (line === '/help') {
      process.stdout.write(`${HELP}\n`)
      rl.prompt()
      continue
    }
    const [command, ...rest] = line.split(/\s+/)
    const arg = rest.join(' ')
    if (command === '/as') {
      if (arg) speaker = arg
      else process.stdout.write('用法：/as <名字>\n')
    } else if (command === '/room') {
      if (arg) room = arg
      else process.stdout.write('用法：/room <群名>\n')
    } else if (command === '/remark') {
      if (arg) {
        await session.chat.contact(speaker, speaker, arg)
        process.stdout.write(`已给「${speaker}」设备注「${arg}」\n`)
      } else process.stdout.write(`「${speaker}」的备注：${session.chat.remarkOf(speaker) ?? '（没有）'}\n用法：/remark <备注>\n`)
    } else if (command === '/relogin') {
      await session.chat.relogin()
      process.stdout.write('已重新登录：所有群和联系人都换了新 ID\n')
    } else if (command === '/private') {
      room = undefined
    } else if (command === '/time') {
      const time = DemoTime.safeParse(arg)
      if (time.success) {
        clockOffsetMs = time.data.getTime() - Date.now()
        process.stdout.write(`时钟已设为 ${time.data.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}\n`)
      } else {
        process.stdout.write(`${time.error.issues[0]?.message}\n`)
      }
    } else if (line.startsWith('/')) {
      process.stdout.write(`没有「${command}」这个演示命令，输入 /help 查看。\n`)
    } else {
      const time = new Date(Date.now() + clockOffsetMs)
      show(await session.chat.say({ from: speaker, text: line, time, ...(room ? { room } : {}) }))
    }
    rl.setPrompt(prompt())
    rl.prompt()
  }
  rl.close()
  await session.close()
}

runCommand('demo', main)
