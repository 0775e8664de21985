import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../src/config.js'

describe('loadConfig', () => {
  it('has working defaults', () => {
    const config = loadConfig({})
    expect(config.WECHATY_PUPPET).toBe('wechaty-puppet-wechat4u')
    expect(config.BOT_TIMEZONE).toBe('Asia/Shanghai')
    expect(config.databaseUrl).toMatch(/^file:.*data[/\\]bot\.db$/)
    expect(config.memoryCardName).toMatch(/data[/\\]cppcc-bot$/)
    expect(config.OUTBOX_MIN_INTERVAL_MS).toBe(1500)
  })

  it('splits admins on ASCII and full-width commas', () => {
    expect(loadConfig({ BOT_ADMINS: '王芳，李明, 张三' }).BOT_ADMINS).toEqual(['王芳', '李明', '张三'])
  })

  it('explains a bad setting in Chinese', () => {
    expect(() => loadConfig({ BOT_TIMEZONE: 'Beijing' })).toThrow(ConfigError)
    expect(() => loadConfig({ BOT_TIMEZONE: 'Beijing' })).toThrow('配置有误：BOT_TIMEZONE="Beijing"，不是有效的 IANA 时区名')
    expect(() => loadConfig({ OUTBOX_MIN_INTERVAL_MS: '-1' })).toThrow('OUTBOX_MIN_INTERVAL_MS')
    expect(() => loadConfig({ BOT_NAME: '机器人 1' })).toThrow('BOT_NAME')
  })
})

describe('loadDotEnv', () => {
  it('reads a .env file without overriding what the environment already set', async () => {
    const { writeFileSync } = await import('node:fs')
    const { join } = await import('node:path')
    const { loadDotEnv } = await import('../src/config.js')
    const file = join(process.env.TEST_TMP_DIR!, 'test.env')
    writeFileSync(file, 'CPPCC_TEST_FROM_FILE=文件里的值\nCPPCC_TEST_ALREADY=文件\n')
    process.env.CPPCC_TEST_ALREADY = '环境'
    expect(loadDotEnv(file)).toBe(true)
    expect(process.env.CPPCC_TEST_FROM_FILE).toBe('文件里的值')
    expect(process.env.CPPCC_TEST_ALREADY).toBe('环境')
    expect(loadDotEnv(join(process.env.TEST_TMP_DIR!, 'missing.env'))).toBe(false)
  })
})
