import type { Wechaty, WechatyPlugin } from 'wechaty'
import { BotApp, type AppOptions } from '../app.js'
import { toIncoming } from './adapter.js'
import { keepsPayloadsAcrossRestarts, refreshPayloads } from './refresh.js'
import { WechatyTransport } from './transport.js'

function isLoggedIn(bot: Wechaty): boolean {
  try {
    return bot.isLoggedIn
  } catch {
    return false // no puppet yet: the bot has not been started
  }
}

/**
 * The product as a Wechaty plugin: `bot.use(CppccRoomBot(options))` on a bot you already
 * run. It reads messages and topic changes, and sends only while logged in.
 */
export function CppccRoomBot(options: AppOptions, onApp?: (app: BotApp) => void): WechatyPlugin {
  return (bot: Wechaty) => {
    const app = new BotApp(options)
    onApp?.(app)
    /** Messages wait for this: names and remarks are read only once the puppet's copies are fresh. */
    let fresh: Promise<void> = Promise.resolve()
    let logins = 0

    const onMessage = (message: Parameters<typeof toIncoming>[0]) =>
      app.handleMessage(async () => {
        await fresh
        return toIncoming(message)
      })
    const onTopic = (room: { id: string }, topic: string, oldTopic: string) => {
      void app.handleTopicChange(room.id, oldTopic, topic)
    }
    const start = () => app.start(new WechatyTransport(bot, (text) => app.rememberSent(text)))
    const onLogin = () => {
      const login = ++logins
      if (!keepsPayloadsAcrossRestarts(bot)) return start()
      const began = Date.now()
      fresh = refreshPayloads(bot).then(
        (counts) => options.log.info({ ...counts, ms: Date.now() - began }, 'contact and group payloads refreshed after login'),
        (err) => options.log.warn({ err }, 'payload refresh after login failed: names and remarks may be stale'),
      )
      // Sending waits too: a private message is found by a remark, which may have changed meanwhile.
      void fresh.then(() => {
        if (login === logins && isLoggedIn(bot)) start()
      })
    }
    const onLogout = () => {
      logins++
      app.stop()
    }

    bot.on('message', onMessage)
    bot.on('room-topic', onTopic)
    bot.on('login', onLogin)
    bot.on('logout', onLogout)
    // Installed on a bot that is already running and logged in: start sending now.
    if (isLoggedIn(bot)) onLogin()

    return () => {
      bot.off('message', onMessage)
      bot.off('room-topic', onTopic)
      bot.off('login', onLogin)
      bot.off('logout', onLogout)
      app.stop()
    }
  }
}
