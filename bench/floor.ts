import { randomUUID } from 'node:crypto'
import { PuppetMock, mock } from 'wechaty-puppet-mock'
import { buildWechaty, types } from '../src/bot/wechaty.js'

/**
 * The transport alone: an echo bot on the same Wechaty entry and mock puppet, no parsing and no
 * database, answering each group message as the real bot does (one message handed to the
 * puppet). What it reaches is the ceiling for any bot on this path, printed next to the
 * ingest target so the two can be read together.
 */
export async function benchTransportFloor(n: number): Promise<{ perSecond: number }> {
  const mocker = new mock.Mocker()
  const bot = buildWechaty({ puppet: new PuppetMock({ mocker }) })
  bot.on('message', async (message) => {
    if (message.self()) return
    await message.room()?.say('收到')
  })
  await bot.start()
  const botUser = mocker.createContact({ name: '会客厅助手' })
  const loggedIn = new Promise<void>((resolve) => bot.once('login', () => resolve()))
  mocker.login(botUser)
  await loggedIn
  const member = mocker.createContact({ name: '王芳' })
  const room = mocker.createRoom({ topic: '健康家园群', memberIdList: [botUser.id, member.id] })

  let answered: (() => void) | undefined
  mocker.puppet.on('message', ({ messageId }) => {
    if (mocker.messagePayload(messageId).talkerId === botUser.id) answered?.()
  })
  const start = performance.now()
  for (let i = 0; i < n; i++) {
    const reply = new Promise<void>((resolve) => (answered = resolve))
    const id = randomUUID()
    mocker.MessageMock.create({ id, talkerId: member.id, roomId: room.id, timestamp: Date.now(), type: types.Message.Text, text: `#活动 第${i}场` })
    mocker.puppet.emit('message', { messageId: id })
    await reply
  }
  const perSecond = n / ((performance.now() - start) / 1000)
  await bot.stop()
  return { perSecond }
}
