import { randomUUID } from 'node:crypto'
import { PuppetMock, mock } from 'wechaty-puppet-mock'
import { buildWechaty, types } from '../src/bot/wechaty.js'

/**
 * The transport alone: an echo bot on the same Wechaty entry and mock puppet, no parsing and no
 * database, answering each group message as the real bot does (one message handed to the
 * puppet). What it reaches is the ceiling for any bot on this path, printed next to the
 * ingest target so the two can be read together.
 */
export async function benchTransportCeiling(n: number): Promise<{ perSecond: number }> {
  const mocker = new mock.Mocker()
  const bot = buildWechaty({ puppet: new PuppetMock({ mocker }) })
  let failed: ((error: unknown) => void) | undefined
  bot.on('error', (error) => failed?.(error))
  bot.on('message', async (message) => {
    if (message.self()) return
    await message.room()?.say(`收到：${message.text()}`)
  })
  await bot.start()
  const botUser = mocker.createContact({ name: '会客厅助手' })
  const loggedIn = new Promise<void>((resolve) => bot.once('login', () => resolve()))
  mocker.login(botUser)
  await loggedIn
  const member = mocker.createContact({ name: '王芳' })
  const room = mocker.createRoom({ topic: '健康家园群', memberIdList: [botUser.id, member.id] })

  let expected = ''
  let answered: (() => void) | undefined
  mocker.puppet.on('message', ({ messageId }) => {
    const payload = mocker.messagePayload(messageId)
    if (payload.talkerId === botUser.id && payload.text === expected) answered?.()
  })
  const roundTrip = async (i: number) => {
    const text = `#活动 第${i}场`
    expected = `收到：${text}`
    const reply = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`echo bot did not answer message ${i}`)), 5000)
      answered = () => (clearTimeout(timer), resolve())
      failed = (error) => (clearTimeout(timer), reject(error))
    })
    const id = randomUUID()
    mocker.MessageMock.create({ id, talkerId: member.id, roomId: room.id, timestamp: Date.now(), type: types.Message.Text, text })
    mocker.puppet.emit('message', { messageId: id })
    await reply
  }
  // Warmed up first, so the figure is the transport's and not the JIT compiler's.
  for (let i = 0; i < Math.min(n, 500); i++) await roundTrip(-1 - i)
  const start = performance.now()
  for (let i = 0; i < n; i++) await roundTrip(i)
  const perSecond = n / ((performance.now() - start) / 1000)
  await bot.stop()
  return { perSecond }
}
