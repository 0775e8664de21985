import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import pino from 'pino'
import { describe, expect, it, vi } from 'vitest'
import type { PuppetMock } from 'wechaty-puppet-mock'
import { loginCardFile, openLoginCard, rememberedLogin, reportLoginCard } from '../../src/bot/login-card.js'
import { createBot } from '../../src/bot/wechaty.js'

describe('the login card in the data folder', () => {
  it('is what a second start reads: the first one noted its login in it', async () => {
    const name = join(mkdtempSync(join(process.env.TEST_TMP_DIR!, 'card-')), 'cppcc-bot')
    const lines: string[] = []
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line).msg) })
    const config = { WECHATY_PUPPET: 'wechaty-puppet-mock', memoryCardName: name }

    const first = await createBot(config, logger)
    // Said of the puppet that runs: puppet-service's server, not the card, keeps its login.
    expect(lines).toEqual(['登录记忆卡里还没有登录记录：第一次登录需要扫码'])
    await reportLoginCard(await openLoginCard(`${name}-service`), `${name}-service`, logger, true)
    expect(lines.at(-1)).toBe('登录记忆卡里还没有登录记录：puppet-service 的登录由服务端保持，要不要扫码看服务端')
    lines.splice(1)
    await first.start()
    // The puppet loaded by its name is the published mock; its mocker stands in for WeChat.
    const mocker = (first.puppet as PuppetMock).mocker
    const account = mocker.createContact({ name: '会客厅助手' })
    mocker.login(account)
    await vi.waitFor(async () => expect(await rememberedLogin(await openLoginCard(name))).toMatchObject({ id: account.id, name: '会客厅助手' }))
    expect(existsSync(loginCardFile(name))).toBe(true)
    await first.stop()

    await createBot(config, logger)
    expect(lines.at(-1)).toBe('登录记忆卡：上次登录的是「会客厅助手」，这次尽量沿用登录状态，不需要重新扫码时不会发二维码')
  })

  it('saves one at a time: the puppet’s session and our note, saved together, leave the latest whole file', async () => {
    const name = join(mkdtempSync(join(process.env.TEST_TMP_DIR!, 'card-')), 'bot')
    const card = await openLoginCard(name)
    // A plain MemoryCard ends this loop with a stale or broken file nearly every round.
    for (let round = 0; round < 10; round++) {
      const session = card.multiplex('puppet')
      await session.set('session', 'x'.repeat(200_000))
      const first = session.save()
      await session.set('session', `short ${round}`)
      await Promise.all([first, card.save()])
      // JSON.parse refuses a file with the tail of a longer write left behind.
      expect(JSON.stringify(JSON.parse(readFileSync(loginCardFile(name), 'utf8')))).toContain(`"short ${round}"`)
    }
  })

  it('ignores what it cannot read as a login (a card of another version, edited by hand)', async () => {
    const name = join(mkdtempSync(join(process.env.TEST_TMP_DIR!, 'card-')), 'bot')
    const card = await openLoginCard(name)
    await card.multiplex('cppcc-room-bot').set('lastLogin', { id: 42, at: 'yesterday' })
    await card.save()
    expect(existsSync(loginCardFile(name))).toBe(true)
    expect(await rememberedLogin(await openLoginCard(name))).toBeUndefined()
  })
})
