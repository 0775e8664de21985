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

  it('keeps the data in the container’s volume whatever a copied .env says', () => {
    const config = loadConfig({ CONTAINER_DATA_DIR: '/data', DATA_DIR: './data' })
    expect([config.dataDir, config.databaseUrl, config.memoryCardName]).toEqual(['/data', 'file:/data/bot.db', '/data/cppcc-bot'])
    expect(loadConfig({ CONTAINER_DATA_DIR: '/data', DATABASE_URL: 'file:/data/office.db' }).databaseUrl).toBe('file:/data/office.db')
    expect(loadConfig({ CONTAINER_DATA_DIR: '/data', DATABASE_URL: 'postgresql://u@db/cppcc' }).databaseUrl).toBe('postgresql://u@db/cppcc')
    expect(() => loadConfig({ CONTAINER_DATA_DIR: '/data', DATABASE_URL: 'file:./data/bot.db' })).toThrow(
      `配置有误：DATABASE_URL="file:./data/bot.db"，在容器里 SQLite 数据库必须放在数据卷 /data 下，否则删除容器时会丢失（删掉 DATABASE_URL 即用 /data/bot.db，或写 file:/data/…）`,
    )
    expect(() => loadConfig({ CONTAINER_DATA_DIR: '/data', DATABASE_URL: 'file:/database.db' })).toThrow(ConfigError)
    // Outside a container, DATA_DIR is where the data goes.
    expect(loadConfig({ DATA_DIR: '/srv/bot' }).databaseUrl).toBe('file:/srv/bot/bot.db')
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
