import type { Wechaty, WechatyPlugin } from 'wechaty'
import { BotApp, type AppOptions } from '../app.js'
import { toIncoming } from './adapter.js'
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

    const onMessage = (message: Parameters<typeof toIncoming>[0]) => app.handleMessage(() => toIncoming(message))
    const onTopic = (room: { id: string }, topic: string, oldTopic: string) => {
      void app.handleTopicChange(room.id, oldTopic, topic)
    }
    const onLogin = () => app.start(new WechatyTransport(bot, (text) => app.rememberSent(text)))
    const onLogout = () => app.stop()

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
