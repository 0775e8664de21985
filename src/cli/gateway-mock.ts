import { mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { z } from 'zod'
import { MockGateway } from '../bot/gateway.js'
import { wechatyLog } from '../bot/wechaty.js'
import type { SentMessage } from '../sim/mock-chat.js'
import { UsageError, runCommand, splitArgs } from './command-line.js'

const Flags = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.coerce.number({ error: '--port 应为端口号（0 表示任选一个空闲端口）' }).int().min(0).max(65535).default(8788),
  // The part before "_" is the TLS server name the service client insists on, even without TLS.
  token: z.string().regex(/^\S+_[^_\s]+$/, '--token 应为「前缀_令牌」，例如 insecure_mock-gateway').default('insecure_mock-gateway'),
  files: z.string().min(1).default(join(tmpdir(), 'cppcc-gateway-files')),
})

const ADMIN = '管理员'

const HELP = `在这里扮演群成员，和连上网关的机器人对话（模拟微信，不需要 token）：
  直接输入文字   以当前身份在当前群里发言，例如：#帮助
  <<<            开始一条多行消息（例如 #活动 的表单），粘贴完输入一个空行发出
  /as <名字>     切换发言人（默认「${ADMIN}」：机器人的微信给他设了备注「${ADMIN}」）
  /remark <备注> 机器人的微信给当前发言人设备注（'-' 表示删除备注）
  /room <群名>   切换到某个群（不存在就新建一个，机器人在群里）
  /private       切换到和机器人的私聊
  /logout        模拟账号退出登录；/login 重新登录（ID 不变，和真实的 puppet-service 一样）
  /help          显示本说明
  /quit          关闭网关`

/** `npm run gateway:mock`: the puppet-service path without a token, WeChat simulated. */
async function main(): Promise<void> {
  const { flags } = splitArgs(process.argv.slice(2))
  const parsed = Flags.safeParse(Object.fromEntries([...flags].filter(([, v]) => typeof v === 'string')))
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('\n'))
  const options = parsed.data
  // The service logs "TLS disabled: INSECURE!" and every failed lookup of the simulation with a
  // stack: known here, and the bot's own log says what matters. WECHATY_LOG=verbose shows it all.
  const level = z.enum(['silent', 'error', 'warn', 'info', 'verbose', 'silly']).catch('silent').parse(process.env.WECHATY_LOG)
  wechatyLog.level(level)
  const gateway = await MockGateway.start({ host: options.host, port: options.port, token: options.token })
  const filesDir = resolve(options.files)
  const out = (text: string): void => void process.stdout.write(`${text}\n`)

  out(`本地模拟网关已启动：${gateway.endpoint}（模拟的微信账号「${gateway.botUser.payload.name}」，不需要扫码）`)
  out('在机器人的 .env 或环境变量里写上这几行，另开一个终端运行 npm start：\n')
  for (const line of gateway.envLines()) out(`  ${line}`)
  out(`  BOT_ADMINS=${ADMIN}\n`)
  out(`（BOT_ADMINS 列的是备注：这里「${ADMIN}」的备注就是「${ADMIN}」。试完请改回原来的 .env。）\n`)
  out(HELP)

  gateway.puppet.onClient = (connected) =>
    out(connected ? '\n✅ 机器人已连上网关并登录。' : '\n⏸  机器人断开了连接（再启动机器人就会连回来）。')
  gateway.onSent = (m) => out(`\n🤖 → ${m.to}：\n${describe(gateway, m, filesDir).replace(/^/gm, '   ')}\n`)
  await gateway.contact(ADMIN, ADMIN, ADMIN)

  let speaker = ADMIN
  let room: string | undefined = '健康家园委员群'
  let block: string[] | undefined
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY })
  const prompt = () => {
    rl.setPrompt(block ? '… ' : `[${room ?? '私聊'}] ${speaker}> `)
    rl.prompt()
  }
  const say = async (text: string) => {
    if (!gateway.loggedIn) out('（机器人还没有连上网关：这条消息没有人收到。先按上面的几行配置启动机器人。）')
    await gateway.say({ from: speaker, text, ...(room ? { room } : {}) })
  }

  prompt()
  // Async iteration buffers piped input; question() would lose lines that arrive early.
  for await (const raw of rl) {
    const line = raw.trim()
    if (block) {
      if (line === '') {
        const text = block.join('\n')
        block = undefined
        if (text) await say(text)
      } else block.push(raw)
    } else if (line === '<<<') {
      block = []
    } else if (line === '/quit' || line === '/exit') {
      break
    } else if (line.startsWith('/')) {
      const [command, ...rest] = line.split(/\s+/)
      const arg = rest.join(' ')
      if (command === '/as' && arg) speaker = arg
      else if (command === '/room' && arg) room = arg
      else if (command === '/private') room = undefined
      else if (command === '/remark' && arg) {
        await gateway.contact(speaker, speaker, arg === '-' ? '' : arg)
        out(`「${speaker}」的备注：${gateway.remarkOf(speaker) ?? '（没有）'}`)
      } else if (command === '/logout') {
        await gateway.logout()
        out('账号已退出登录：机器人会收到退出通知。/login 重新登录')
      } else if (command === '/login') {
        gateway.login()
        out('账号已重新登录（ID 不变）')
      }
      else out(command === '/help' ? HELP : `用法不对或没有「${command}」这个命令，输入 /help 查看。`)
    } else if (line) {
      await say(raw)
    }
    prompt()
  }
  rl.close()
  await gateway.stop()
}

/** A message as the chat shows it; a file is also saved, so it can be opened. */
function describe(gateway: MockGateway, message: SentMessage, dir: string): string {
  if (message.text !== undefined) return message.text
  const bytes = gateway.fileOf(message)
  if (!bytes) return `[文件] ${message.file}`
  mkdirSync(dir, { recursive: true })
  // Only the last part of the name: a name is the bot's choice, the folder is ours.
  const path = join(dir, `${Date.now()}-${(message.file ?? 'file').replace(/.*[\\/]/, '')}`)
  writeFileSync(path, bytes)
  return `[文件] ${message.file}（${Math.ceil(bytes.length / 1024)} KB，已保存到 ${path}）`
}

runCommand('gateway:mock', main)
