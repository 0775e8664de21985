import { attachLifecycle, defaultBackoff, installShutdown } from './bot/lifecycle.js'
import { CppccRoomBot } from './bot/plugin.js'
import { installFatalHandlers } from './bot/fatal.js'
import { join } from 'node:path'
import QRCode from 'qrcode'
import { Alerts } from './alerts/alerts.js'
import { ScanStatus } from './bot/wechaty.js'
import { createBot, wechatyLog } from './bot/wechaty.js'
import { systemClock } from './clock.js'
import { ConfigError, loadConfig, loadDotEnv } from './config.js'
import { DataDirError, openDatabase } from './db/client.js'
import { WriterTakenError, claimWriter, type WriterState } from './db/writer.js'
import { log } from './log.js'
import { ScoringRulesError } from './scoring/rules.js'

async function main(): Promise<void> {
  // The database, the login card (the WeChat session) and exports are for this user only.
  process.umask(0o077)
  loadDotEnv()
  const config = loadConfig()
  // Both loggers read the environment when imported, before .env was loaded.
  log.level = config.LOG_LEVEL
  if (config.WECHATY_LOG) wechatyLog.level(config.WECHATY_LOG)
  const fatal = installFatalHandlers(log)
  const db = await openDatabase(config.databaseUrl)
  const writer = await claimWriter(db, config.databaseUrl, config.BOT_NAME, 'npm start')
  // The named puppet (puppet-service variables checked) and the login card of the data folder.
  const bot = await createBot(config, log)
  const alerts = new Alerts(
    {
      webhookUrl: config.ALERT_WEBHOOK_URL,
      webhookKind: config.ALERT_WEBHOOK_KIND,
      smtpUrl: config.ALERT_SMTP_URL,
      emailTo: config.ALERT_EMAIL_TO,
      emailFrom: config.ALERT_EMAIL_FROM,
      botName: config.BOT_NAME,
    },
    log,
  )
  bot.use(CppccRoomBot({ db, config, clock: systemClock, log, alert: (condition, text) => alerts.raise(condition, text) }))
  // What `npm run status` reads: whether the account is logged in, or waits for a scan.
  const report = (state: WriterState, detail?: string) => void writer.setState(state, detail).catch((err) => log.warn({ err }, 'state not saved'))
  bot.on('scan', (qrcode, status) => {
    if (status !== ScanStatus.Waiting && status !== ScanStatus.Timeout) return
    const link = `https://wechaty.js.org/qrcode/${encodeURIComponent(qrcode)}`
    report('scan', link)
    // The QR code as a picture beside the database, for whoever can reach the server but not its terminal.
    const png = join(config.dataDir, 'login-qr.png')
    void QRCode.toFile(png, qrcode)
      .then(() => alerts.raise('scan', `需要扫码登录：打开 ${link} 或服务器上的 ${png}，用机器人的微信扫码。`))
      .catch((err) => log.warn({ err }, 'QR alert failed'))
  })
  bot.on('login', (user) => report('logged-in', user.name()))
  bot.on('logout', () => {
    report('logged-out')
    void alerts.raise('logged-out', '机器人的微信已退出登录：发送暂停，待发消息保留。重新登录时如需扫码，会再发一次提醒。')
  })
  const lifecycle = attachLifecycle(bot, log, defaultBackoff, (what, retryAt) => report('backoff', `无法连接 ${what}，${retryAt.toLocaleString('zh-CN', { timeZone: config.BOT_TIMEZONE, hour12: false })} 重试`))
  installShutdown(async () => {
    lifecycle.dispose()
    await bot.stop()
    await writer.release()
    await db.$disconnect()
  }, log)
  log.info({ puppet: config.WECHATY_PUPPET, data: config.dataDir }, '机器人启动中')
  await bot.start()
  // The puppet module is loaded by now (wechat4u adds its own listener as it loads).
  const dropped = fatal.dropForeignListeners()
  if (dropped > 0) log.debug({ dropped }, 'foreign uncaughtException listeners removed')
}

main().catch((error) => {
  if (error instanceof ConfigError || error instanceof ScoringRulesError || error instanceof DataDirError || error instanceof WriterTakenError) log.fatal(error.message)
  else log.fatal({ err: error }, '启动失败')
  process.exit(1)
})
