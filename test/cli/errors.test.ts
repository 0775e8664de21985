import { spawnSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config.js'
import { freshDb } from '../helpers.js'

function run(script: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'warn', DATA_DIR: join(process.env.TEST_TMP_DIR!, 'errors-data'), ...env },
    timeout: 30_000,
  })
}

describe('a mistake is one Chinese line, never a stack or an empty result', () => {
  it.each([
    ['src/cli/stats.ts', ['--db']],
    ['src/cli/export.ts', ['--period', '2022', '--out', join(process.env.TEST_TMP_DIR ?? '/tmp', 'x.xlsx'), '--db']],
    ['src/cli/admin.ts', ['list', '--db']],
  ])('%s refuses a --db that does not exist, and creates nothing', (script, args) => {
    const typo = join(process.env.TEST_TMP_DIR!, `typo-${Math.random().toString(36).slice(2)}.db`)
    const result = run(script, [...args, typo])
    expect(result.status).toBe(2)
    expect(result.stderr.trim()).toBe(`找不到数据库文件：${typo}（--db 只打开已有的数据库，请检查路径）`)
    expect(result.stdout).toBe('')
    expect(existsSync(typo)).toBe(false)
  }, 40_000)

  it.each([
    [{ LOG_LEVEL: 'verbose' }, '配置有误：LOG_LEVEL="verbose"，只能是 fatal、error、warn、info、debug、trace、silent 之一'],
    [{ CATCH_UP_DAYS: 'three' }, '配置有误：CATCH_UP_DAYS="three"，应为 0 或正整数'],
    [{ WECHATY_LOG: 'debug' }, '配置有误：WECHATY_LOG="debug"，只能是 silent、error、warn、info、verbose、silly 之一'],
  ])('the bot names a bad setting %j, its value and what is allowed', (env, wanted) => {
    const result = run('src/main.ts', [], env)
    expect(result.status).toBe(1)
    // Wechaty's own logger reads WECHATY_LOG as it loads and may say something first; ours is the last line.
    const lines = result.stderr.trim().split('\n')
    expect(JSON.parse(lines.at(-1)!).msg).toContain(wanted)
    expect(result.stderr).not.toMatch(/\n\s+at /)
  }, 40_000)

  it('admin revoke says what it did: a claimed right taken back, or an unclaimed code voided', async () => {
    const { file } = await freshDb()
    const invite = run('src/cli/admin.ts', ['invite', '王主任', '--db', file])
    expect(invite.status).toBe(0)
    const revoked = run('src/cli/admin.ts', ['revoke', '1', '--db', file])
    expect(revoked.status).toBe(0)
    // Nobody had claimed it: no one's rights were taken back.
    expect(revoked.stdout.trim()).toBe('编号 1 的认领码还没有人认领，已作废：之后拿它发 #认领 也不会成为管理员。')
  }, 40_000)

  it('names a data folder it cannot write', () => {
    const file = join(process.env.TEST_TMP_DIR!, 'not-a-folder')
    writeFileSync(file, '')
    const result = run('src/main.ts', [], { DATA_DIR: join(file, 'data') })
    expect(result.status).toBe(1)
    expect(JSON.parse(result.stderr.trim()).msg).toMatch(/^数据目录 .*not-a-folder\/data 无法写入（ENOTDIR）/)
  }, 40_000)

  it('loadConfig puts every problem on a line of its own', () => {
    try {
      loadConfig({ CATCH_UP_DAYS: '-1', PUPPET_STABLE_IDS: 'yes' })
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError)
      expect((error as Error).message.split('\n')).toEqual([
        '配置有误：PUPPET_STABLE_IDS="yes"，只能是 auto、true 或 false（在环境变量或 .env 中修改）',
        '配置有误：CATCH_UP_DAYS="-1"，应为 0 或正整数（在环境变量或 .env 中修改）',
      ])
    }
  })
})
