import { spawnSync } from 'node:child_process'
import { hostname } from 'node:os'
import { describe, expect, it } from 'vitest'
import { freshDb } from '../helpers.js'

function status(file: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/status.ts', '--db', file, '--json'], { encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'warn' }, timeout: 30_000 })
  return { code: result.status, report: result.stdout ? JSON.parse(result.stdout) : undefined, stderr: result.stderr }
}

const claim = (over: object = {}) => ({
  slot: 'sqlite', pid: process.pid, host: hostname(), command: 'npm start',
  startedAt: new Date(), heartbeatAt: new Date(), state: 'logged-in', stateAt: new Date(), detail: '会客厅助手', ...over,
})

describe('npm run status', () => {
  it('exits 0 when the bot runs, is logged in and nothing failed; lists the next pushes and the database size', async () => {
    const { db, file } = await freshDb()
    await db.writerClaim.create({ data: claim() })
    await db.outboxMessage.create({ data: { targetKind: 'contact', targetName: '王芳', text: '稍后发', status: 'pending' } })
    await db.$disconnect()
    const { code, report } = status(file)
    expect(code).toBe(0)
    expect(report).toMatchObject({ ok: true, problems: [], bot: { running: true, state: 'logged-in' }, outbox: { pending: 1, failed: 0 } })
    expect(report.nextPushes.map((p: { label: string }) => p.label)).toEqual(['月报', '季报', '年报', '“月月有活动”提醒', '社情民意跟进'])
    expect(report.databaseBytes).toBeGreaterThan(0)
  }, 40_000)

  it('exits 1 and says why: not running, waiting for a scan, failed messages, a message stuck for hours', async () => {
    const { db, file } = await freshDb()
    await db.outboxMessage.create({ data: { targetKind: 'contact', targetName: '王芳', text: '发不出去', status: 'failed', lastError: '联系人「王芳」的 ID 已过期' } })
    await db.$disconnect()
    let { code, report } = status(file)
    expect(code).toBe(1)
    expect(report.problems).toEqual(['机器人没有在运行', '1 条消息发送失败'])
    expect(report.failed).toEqual([{ id: 1, to: '王芳', text: '发不出去', error: '联系人「王芳」的 ID 已过期' }])

    const { db: db2, file: file2 } = await freshDb()
    await db2.writerClaim.create({ data: claim({ state: 'scan', detail: 'https://wechaty.js.org/qrcode/abc' }) })
    await db2.outboxMessage.create({ data: { targetKind: 'contact', targetName: '王芳', text: '等了很久', createdAt: new Date(Date.now() - 3 * 3600_000) } })
    await db2.$disconnect()
    ;({ code, report } = status(file2))
    expect(code).toBe(1)
    expect(report.problems[0]).toBe('等待扫码登录：https://wechaty.js.org/qrcode/abc')
    expect(report.problems[1]).toMatch(/^最早的待发消息已等了 1[78]\d 分钟$/)

    const { db: db3, file: file3 } = await freshDb()
    await db3.writerClaim.create({ data: claim({ state: 'backoff', detail: '无法连接 login.wx.qq.com，2026/12/2 23:40:00 重试' }) })
    await db3.$disconnect()
    ;({ code, report } = status(file3))
    expect(code).toBe(1)
    expect(report.problems).toEqual(['微信没有登录：无法连接 login.wx.qq.com，2026/12/2 23:40:00 重试'])
  }, 60_000)
})
