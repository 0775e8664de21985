/**
 * `npm run gateway:mock` as someone trying the service path runs it: the gateway prints the lines
 * for the bot's .env, the real bot (src/main.ts) started with them connects, and what is typed
 * into the gateway reaches the bot, whose replies the gateway prints.
 */
import { mkdtempSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Running, logLines } from './processes.js'

const running: Running[] = []
afterEach(async () => {
  for (const process of running.splice(0)) await process.stop()
})

describe('npm run gateway:mock', () => {
  it('prints the env lines; a bot started with them connects, and a conversation typed at the gateway gets its replies', async () => {
    const dir = mkdtempSync(join(process.env.TEST_TMP_DIR!, 'gateway-'))
    const gateway = new Running('src/cli/gateway-mock.ts', ['--port', '0', '--files', join(dir, 'files')], { HOME: join(dir, 'home') }, dir)
    running.push(gateway)
    await gateway.waitFor(/NO_TLS_INSECURE_CLIENT=true[\s\S]*BOT_ADMINS=/)
    const env = Object.fromEntries([...gateway.output.matchAll(/^ {2}((?:WECHATY_PUPPET\w*|BOT_ADMINS))=(\S+)$/gm)].map((m) => [m[1]!, m[2]!]))
    expect(Object.keys(env).sort()).toEqual([
      'BOT_ADMINS',
      'WECHATY_PUPPET',
      'WECHATY_PUPPET_SERVICE_ENDPOINT',
      'WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT',
      'WECHATY_PUPPET_SERVICE_TOKEN',
    ])
    expect(env.WECHATY_PUPPET_SERVICE_ENDPOINT).toMatch(/^127\.0\.0\.1:\d+$/)

    const bot = new Running(
      'src/main.ts',
      [],
      { ...env, DATA_DIR: join(dir, 'data'), HOME: join(dir, 'home'), LOG_LEVEL: 'info', WECHATY_LOG: 'silent', OUTBOX_MIN_INTERVAL_MS: '0' },
      dir,
    )
    running.push(bot)
    await gateway.waitFor(/机器人已连上网关并登录/)
    expect(logLines(bot.output, /机器人启动中/)[0]).toMatchObject({ puppet: 'wechaty-puppet-service' })

    gateway.write('#帮助\n')
    await gateway.waitFor(/🤖 → 健康家园委员群：\n\s+政协委员会客厅助手，可用命令/)
    // 管理员 has the remark BOT_ADMINS lists: the binding is his to make.
    gateway.write('#绑定 健康家园会客厅 会客厅\n')
    await gateway.waitFor(/已绑定：本群 =「健康家园会客厅」会客厅/)
    // A form of several lines is one message.
    gateway.write('<<<\n#活动 今天 健康讲座，服务群众50人次\n参与委员：管理员\n\n')
    await gateway.waitFor(/已记录活动 A\d+/)
    gateway.write('#导出\n')
    await gateway.waitFor(/\[文件\] .+\.xlsx（\d+ KB，已保存到 .+\.xlsx）/)

    gateway.write('/quit\n')
    expect(await gateway.exited).toBe(0)
    // The gateway is gone: the bot says so in its own words and backs off instead of dying.
    await bot.waitFor(/与 puppet 服务的连接断开了/)
    await bot.waitFor(/暂停 \d+ 秒后重试/)
    expect(await bot.stop()).toBe(0)
  }, 180_000)
})
