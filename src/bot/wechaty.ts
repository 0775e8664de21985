import type { Wechaty, WechatyOptions } from 'wechaty'
import { WechatyImpl } from 'wechaty/impls'
import type { Config } from '../config.js'
import type { Logger } from '../log.js'
import { openLoginCard, rememberLogin, reportLoginCard } from './login-card.js'
import { PUPPET_SERVICE, puppetServiceOptions } from './service-options.js'

// Wechaty's main entry also loads its IoClient and, with it, gRPC, the puppet-service client
// and a LevelDB store that this bot never uses: about 20 MB resident for nothing. The same
// classes and values come from these lighter entry points; type-only imports of 'wechaty'
// cost nothing at run time. The puppet itself is imported by name when the bot starts
// (wechaty-puppet's resolver), so only the configured one is ever loaded.
export { log as wechatyLog } from 'wechaty-puppet'
export * as types from 'wechaty-puppet/types'
export { ScanStatus } from 'wechaty-puppet/types'

/** What `WechatyBuilder.build(options)` does for a non-singleton bot. */
export function buildWechaty(options: WechatyOptions): Wechaty {
  return new WechatyImpl(options)
}

/**
 * The bot of `npm start`: the puppet WECHATY_PUPPET names (puppet-service with its variables
 * checked), and the login card in the data folder, loaded before the puppet starts so a
 * saved session is reused instead of a new QR code. Each login is noted in the card.
 */
export async function createBot(
  config: Pick<Config, 'WECHATY_PUPPET' | 'memoryCardName'>,
  log: Logger,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Wechaty> {
  const puppetOptions = config.WECHATY_PUPPET === PUPPET_SERVICE ? puppetServiceOptions(env) : undefined
  const card = await openLoginCard(config.memoryCardName)
  await reportLoginCard(card, config.memoryCardName, log, config.WECHATY_PUPPET === PUPPET_SERVICE)
  const bot = buildWechaty({
    name: config.memoryCardName,
    memory: card,
    // Any puppet package by its npm name; Wechaty's options type only lists the well-known ones.
    puppet: config.WECHATY_PUPPET as never,
    ...(puppetOptions ? { puppetOptions } : {}),
  })
  bot.on('login', (user) => {
    rememberLogin(card, { id: user.id, name: user.name(), at: new Date().toISOString() }).catch((err) => log.warn({ err }, 'login card not saved'))
  })
  return bot
}
