import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, parse, resolve } from 'node:path'
import { createInterface, type Interface } from 'node:readline'
import { z } from 'zod'
import { log, logLevel } from '../log.js'
import type { SentMessage } from '../sim/mock-chat.js'
import { BARE_TAG_WAIT_MS, LineAssembler } from './demo-input.js'
import { openSession } from './session.js'
import { runCommand, splitArgs } from './command-line.js'

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
  直接输入文字 = 以当前身份在当前群里发言，回车即发，例如：#帮助
  多行消息（按字段写的 #活动、#民意 等）：整段粘贴进来，在空行上按回车发出（提示符是空的「…（空行发出）>」时）。
    手打多行：先输入 /multi，再一行一行写，空行发出；/cancel 放弃没发出的多行消息。
  /as <名字>      切换发言人（默认「管理员」：机器人给他设了备注「管理员」，BOT_ADMINS 里列的就是这个备注）
  /remark <备注>  机器人的微信给当前发言人设备注（运维做的事；管理员按备注认）
  /relogin        模拟重新登录：所有群和联系人换新 ID（网页微信每次登录都这样）
  /room <群名>    切换到某个群（不存在就新建一个，机器人在群里）
  /private        切换到和机器人的私聊
  /time 2022-09-19 10:00   设定时钟（北京时间），之后按真实流逝前进
  /help           显示本说明
  /quit           退出（数据保存在 --db 指定的文件，默认 data/demo.db；机器人发的文件存在它旁边的 demo-exports 文件夹）`

type InputEvent = { kind: 'line'; text: string; pasted: boolean } | { kind: 'paste-end' } | { kind: 'eof' }

/**
 * Lines as they arrive, each marked whether it came inside a paste. The terminal marks pastes
 * when asked to (bracketed paste mode); piped input is never a paste.
 */
function inputEvents(rl: Interface, terminal: boolean): { next(waitMs?: number): Promise<InputEvent | undefined>; close(): void } {
  const queue: InputEvent[] = []
  let wake: (() => void) | undefined
  const push = (event: InputEvent) => {
    queue.push(event)
    wake?.()
  }
  let pasting = false
  // Async iteration or question() would lose lines that arrive early; a queue keeps them all.
  rl.on('line', (text) => push({ kind: 'line', text, pasted: pasting }))
  rl.on('close', () => push({ kind: 'eof' }))
  const BRACKETED_PASTE = { on: '\x1b[?2004h', off: '\x1b[?2004l' }
  const restore = () => process.stdout.write(BRACKETED_PASTE.off)
  if (terminal) {
    process.stdout.write(BRACKETED_PASTE.on)
    // Node's keypress parser names the markers; readline itself ignores them.
    process.stdin.on('keypress', (_s: unknown, key: { name?: string } | undefined) => {
      if (key?.name === 'paste-start') pasting = true
      if (key?.name === 'paste-end') {
        pasting = false
        push({ kind: 'paste-end' })
      }
    })
    // The terminal would keep marking pastes for the shell after the demo.
    process.once('exit', restore)
  }
  return {
    async next(waitMs) {
      if (queue.length === 0) {
        await new Promise<void>((resolve) => {
          const timer = waitMs === undefined ? undefined : setTimeout(resolve, waitMs)
          wake = () => {
            clearTimeout(timer)
            resolve()
          }
        })
        wake = undefined
      }
      return queue.shift()
    },
    close() {
      if (terminal) restore()
    },
  }
}

/** A file name not taken yet in `dir`: 台账.xlsx, then 台账 (2).xlsx … (an earlier export is kept). */
function freePath(dir: string, name: string): string {
  const { name: stem, ext } = parse(basename(name))
  for (let n = 1; ; n++) {
    const path = join(dir, n === 1 ? `${stem}${ext}` : `${stem} (${n})${ext}`)
    if (!existsSync(path)) return path
  }
}

/** `npm run demo`: an interactive chat with the real bot over the mock puppet. */
async function main(): Promise<void> {
  log.level = logLevel(process.env.LOG_LEVEL, 'warn')
  const { flags } = splitArgs(process.argv.slice(2))
  const dbFile = typeof flags.get('db') === 'string' ? (flags.get('db') as string) : 'data/demo.db'
  const admins = process.env.BOT_ADMINS || '管理员'
  const firstAdmin = admins.split(/[,，]/)[0]!.trim()
  const session = await openSession({ dbFile, admins, remarks: { 管理员: firstAdmin }, start: new Date(), paced: false, command: 'demo' })
  // Beside the database: the outbox deletes its own copy once a file is sent.
  const filesDir = resolve(dirname(resolve(dbFile)), 'demo-exports')
  let speaker = '管理员'
  let room: string | undefined = '健康家园委员群'
  let clockOffsetMs = 0

  const rl = createInterface({ input: process.stdin, output: process.stdout })
  const terminal = Boolean(process.stdin.isTTY && process.stdout.isTTY)
  const events = inputEvents(rl, terminal)
  const input = new LineAssembler()
  const saveFile = (m: SentMessage): string => {
    const bytes = session.chat.fileOf(m)
    if (!bytes) return '（文件内容没有收到，未保存）'
    mkdirSync(filesDir, { recursive: true })
    const path = freePath(filesDir, m.file!)
    writeFileSync(path, bytes)
    return `已保存到 ${path}`
  }
  const show = (messages: SentMessage[]) => {
    for (const m of messages) {
      const body = m.text ?? `[文件] ${m.file}\n${saveFile(m)}`
      process.stdout.write(`\n🤖 → ${m.to}：\n${body.replace(/^/gm, '   ')}\n\n`)
    }
  }
  process.stdout.write(`${HELP}\n\n`)
  const prompt = () => (input.inBlock ? '  …（空行发出）> ' : `[${room ?? '私聊'}] ${speaker}> `)

  /** One demo command (/as …); false to quit. */
  const demoCommand = async (line: string): Promise<boolean> => {
    if (line === '/quit' || line === '/exit') return false
    if (line === '/help') {
      process.stdout.write(`${HELP}\n`)
      return true
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
    } else if (command === '/cancel') {
      process.stdout.write('没有正在输入的多行消息。\n')
    } else {
      process.stdout.write(`没有「${command}」这个演示命令，输入 /help 查看。\n`)
    }
    return true
  }

  rl.setPrompt(prompt())
  rl.prompt()
  for (;;) {
    const event = await events.next(input.waiting ? BARE_TAG_WAIT_MS : undefined)
    const inputs =
      event === undefined ? input.quiet()
      : event.kind === 'eof' ? input.end()
      : event.kind === 'paste-end' ? input.pasteEnd()
      : input.line(event.text, event.pasted)
    let quit = event?.kind === 'eof'
    for (const typed of inputs) {
      if (quit && typed.kind !== 'say') continue
      if (typed.kind === 'demo') quit = !(await demoCommand(typed.line))
      else if (typed.kind === 'dropped') process.stdout.write(`已放弃没发出的多行消息（${typed.lines} 行）。\n`)
      else {
        const time = new Date(Date.now() + clockOffsetMs)
        show(await session.chat.say({ from: speaker, text: typed.text, time, ...(room ? { room } : {}) }))
      }
    }
    if (quit) break
    // Lines of a paste come in one burst: one prompt when it ends, not one per line.
    if (input.waiting || (event?.kind === 'line' && event.pasted)) continue
    rl.setPrompt(prompt())
    rl.prompt()
  }
  events.close()
  rl.close()
  await session.close()
}

runCommand('demo', main)
