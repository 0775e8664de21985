import qrcodeTerminal from 'qrcode-terminal'
import type { Wechaty } from 'wechaty'
import type { Logger } from '../log.js'
import { ScanStatus } from './wechaty.js'

const NETWORK_CODES = ['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENETUNREACH', 'EHOSTUNREACH']

/** `getaddrinfo ENOTFOUND login.wx.qq.com` → the host, when an error is a network failure. */
export function unreachableHost(error: unknown): string | undefined {
  const text = error instanceof Error ? `${error.message} ${String((error as { code?: string }).code ?? '')}` : String(error)
  if (!NETWORK_CODES.some((code) => text.includes(code))) return undefined
  return /(?:ENOTFOUND|EAI_AGAIN|connect \w+)\s+([\w.-]+\.[a-z]{2,})/i.exec(text)?.[1] ?? 'the WeChat servers'
}

/**
 * A failure of the puppet-service connection (gRPC), as one line saying what to check; undefined
 * for any other error. Unlike wechat4u's storm, each of these is one event: the bot retries at once.
 */
export function serviceFailure(error: unknown): string | undefined {
  const text = error instanceof Error ? error.message : String(error)
  if (/\bUNAUTHENTICATED\b/.test(text)) {
    return 'puppet 服务拒绝了令牌：请核对 WECHATY_PUPPET_SERVICE_TOKEN（服务商的 token 是否过期；自建网关的 token 见网关启动时打印的那一行）'
  }
  if (/\bCANCELLED\b/.test(text)) return '与 puppet 服务的连接断开了（网关重启或网络中断）'
  if (!/\b(UNAVAILABLE|DEADLINE_EXCEEDED)\b/.test(text)) return undefined
  const address = /connect \w+ ([\w.:[\]-]*[\w\]])/.exec(text)?.[1]
  const where = `puppet 服务${address ? ` ${address}` : ''}`
  if (/wrong version number/i.test(text)) return `无法连接 ${where}：它没有启用 TLS，请设置 WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT=true`
  return (
    `无法连接 ${where}：请确认网关或服务在运行，WECHATY_PUPPET_SERVICE_ENDPOINT 写对了主机和端口；` +
    '不加密的自建网关还要设置 WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT=true。只想先试用：npm run gateway:mock'
  )
}

export interface BackoffPlan {
  /** Consecutive network errors before the bot is stopped and retried later. */
  errorsBeforePause: number
  firstPauseMs: number
  maxPauseMs: number
}

export const defaultBackoff: BackoffPlan = { errorsBeforePause: 5, firstPauseMs: 30_000, maxPauseMs: 10 * 60_000 }

/**
 * QR code, login and logout notices, and the error policy. Offline, wechat4u raises an error
 * about every half second; that storm becomes one clear line and a paused, backed-off retry.
 * Any other error is logged (an `error` event without a listener would kill the process).
 */
export function attachLifecycle(
  bot: Wechaty,
  log: Logger,
  plan: BackoffPlan = defaultBackoff,
  onPause: (what: string, retryAt: Date) => void = () => {},
): { dispose(): void } {
  let networkErrors = 0
  let pauses = 0
  let timer: NodeJS.Timeout | undefined
  let pausing = false
  let disposed = false
  /** The puppet-service problem already told in this outage (told again only if it changes). */
  let toldService: string | undefined

  bot.on('scan', (qrcode, status) => {
    if (status !== ScanStatus.Waiting && status !== ScanStatus.Timeout) {
      log.info({ status: ScanStatus[status] }, 'scan status')
      return
    }
    qrcodeTerminal.generate(qrcode, { small: true }, (art) => process.stderr.write(`${art}\n`))
    const url = `https://wechaty.js.org/qrcode/${encodeURIComponent(qrcode)}`
    log.info({ url }, '请用机器人的微信扫码登录（终端二维码看不清时，打开此链接）')
  })

  bot.on('login', (user) => {
    networkErrors = 0
    pauses = 0
    toldService = undefined
    log.info({ user: user.name() }, '已登录')
  })

  bot.on('logout', (user, reason) => {
    log.warn({ user: user.name(), reason }, '已退出登录：发送暂停，待发消息保留。若需重新扫码，请查看上方二维码')
  })

  bot.on('error', (error) => {
    const service = serviceFailure(error)
    if (service) {
      if (service !== toldService) log.error({ err: error.message }, service)
      toldService = service
      // No storm to wait for: without a retry the bot would sit disconnected for good.
      if (!pausing && !disposed) void pause('puppet 服务')
      return
    }
    if (/WatchdogAgent reset/.test(error.message)) {
      log.warn('puppet 60 秒没有心跳，正在重新连接')
      return
    }
    const host = unreachableHost(error)
    if (!host) {
      log.error({ err: error }, 'wechaty error')
      return
    }
    networkErrors += 1
    if (networkErrors === 1 && pauses === 0) {
      log.error(
        `无法连接 ${host}：这台机器访问不到微信服务器。请检查网络；` +
          '只想先体验机器人的话，运行 npm run demo（不需要微信账号）。',
      )
    }
    if (networkErrors >= plan.errorsBeforePause && !pausing && !disposed) void pause(host)
  })

  async function pause(host: string): Promise<void> {
    pausing = true
    const delay = Math.min(plan.firstPauseMs * 2 ** pauses, plan.maxPauseMs)
    pauses += 1
    log.warn(`仍无法连接 ${host}，暂停 ${Math.round(delay / 1000)} 秒后重试`)
    onPause(host, new Date(Date.now() + delay))
    await bot.stop().catch((err) => log.debug({ err }, 'stop during back-off'))
    if (disposed) return
    timer = setTimeout(() => {
      networkErrors = 0
      pausing = false
      bot.start().catch((err) => log.error({ err }, 'restart after back-off failed'))
    }, delay)
  }

  return {
    dispose() {
      // Stopping for good: errors raised while the bot stops must not schedule a restart.
      disposed = true
      if (timer) clearTimeout(timer)
    },
  }
}

/** SIGINT/SIGTERM: stop the bot and close the database, or exit hard after a grace period. */
export function installShutdown(stop: () => Promise<void>, log: Logger, graceMs = 10_000): void {
  let stopping = false
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    log.info({ signal }, '正在停止…')
    setTimeout(() => {
      log.error('停止超时，强制退出')
      process.exit(1)
    }, graceMs).unref()
    stop()
      .then(() => process.exit(0))
      .catch((err) => {
        log.error({ err }, 'error while stopping')
        process.exit(1)
      })
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
}
