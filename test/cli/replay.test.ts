import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runFile } from '../exec.js'


async function replay(lines: object[] | string, extra: string[] = [], env: Record<string, string> = {}) {
  const file = join(process.env.TEST_TMP_DIR!, `transcript-${Math.random().toString(36).slice(2)}.jsonl`)
  writeFileSync(file, typeof lines === 'string' ? lines : lines.map((l) => JSON.stringify(l)).join('\n') + '\n')
  try {
    const { stdout, stderr } = await runFile(process.execPath, ['--import', 'tsx', 'src/cli/replay.ts', file, ...extra], {
      env: { ...process.env, REPLAY_ADMINS: '管理员', ...env },
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

describe('replay: who is who', () => {
  it('takes the remark and group alias of a line, and a relogin line renews every id', async () => {
    const result = await replay([
      // BOT_ADMINS names a remark: a nickname equal to it is nobody.
      { time: '2022-09-19T09:00:00+08:00', room: '健康家园群', from: '管理员', text: '#绑定 冒名会客厅' },
      { time: '2022-09-19T09:01:00+08:00', room: '健康家园群', from: '老周', remark: '管理员', text: '#绑定 平湖健康家园政协委员会客厅' },
      { time: '2022-09-19T09:02:00+08:00', room: '健康家园群', from: '王芳', alias: '王芳-秘书处', text: '#登记 王芳' },
      { time: '2022-09-19T09:03:00+08:00', room: '健康家园群', from: '老周', remark: '管理员', text: '#秘书 @王芳-秘书处' },
      { time: '2022-09-19T09:04:00+08:00', event: 'relogin' },
      { time: '2022-09-19T09:05:00+08:00', room: '健康家园群', from: '王芳', alias: '王芳-秘书处', text: '#导出 2022' },
    ], [], { LOG_LEVEL: 'warn' })
    expect(result.code).toBe(0)
    const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as { to: string; text?: string; file?: string })
    expect(lines[0]!.text).toContain('只有管理员可以绑定群')
    expect(lines[1]!.text).toContain('已绑定')
    expect(lines[3]!.text).toContain('已设置 王芳 为本群秘书')
    // After the re-login she is the only one going by her names: still the secretary.
    expect(lines.at(-1)!.file).toBe('平湖健康家园政协委员会客厅_2022年台账.xlsx')
    // The puppet failing to load the old ids while they are renewed is expected: no warnings.
    expect(result.stderr).toBe('')
  }, 60_000)

  it('names a bad event line', async () => {
    const result = await replay('{"time":"2022-09-19T09:00:00+08:00","event":"logout"}\n')
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('第 1 行无法读取：event event 只能是 relogin')
  }, 60_000)

  it('prints the private #认证 code, so a driver reading stdout can complete #认证 through a pipe', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/replay.ts', '-'], {
      env: { ...process.env, REPLAY_ADMINS: '管理员', LOG_LEVEL: 'silent' },
      stdio: ['pipe', 'pipe', 'inherit'],
    })
    const out: string[] = []
    let buffer = ''
    const waiters: (() => void)[] = []
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString()
      const parts = buffer.split('\n')
      buffer = parts.pop()!
      out.push(...parts)
      for (const w of waiters.splice(0)) w()
    })
    const until = async (test: () => boolean) => {
      while (!test()) await new Promise<void>((resolve) => waiters.push(resolve))
    }
    const send = (line: object) => child.stdin.write(`${JSON.stringify(line)}\n`)
    send({ time: '2022-09-19T09:00:00+08:00', room: '健康家园群', from: '老周', remark: '管理员', text: '#绑定 平湖健康家园政协委员会客厅' })
    send({ time: '2022-09-19T09:01:00+08:00', from: '王芳', text: '#认证' })
    await until(() => out.some((l) => l.includes('#认证 ')))
    const code = /#认证 (\d{6})/.exec(out.find((l) => l.includes('#认证 '))!)![1]
    send({ time: '2022-09-19T09:02:00+08:00', room: '健康家园群', from: '王芳', text: `#认证 ${code}` })
    child.stdin.end()
    const exit = await new Promise<number | null>((resolve) => child.on('exit', resolve))
    expect(exit).toBe(0)
    expect(JSON.parse(out.at(-1)!).text).toContain('已认证：王芳')
  }, 60_000)
})

describe('replay', () => {
  it('prints one JSON line per bot message, and a second replay builds on the same --db', async () => {
    const db = join(process.env.TEST_TMP_DIR!, 'replay-shared.db')
    const first = await replay(
      [
        { time: '2022-09-19T09:00:00+08:00', room: '健康家园群', from: '管理员', remark: '管理员', text: '#绑定 平湖健康家园政协委员会客厅' },
        { time: '2022-09-19T09:01:00+08:00', room: '健康家园群', from: '王芳', text: '今天天气不错' },
        { time: '2022-09-19T09:02:00+08:00', from: '王芳', text: '#帮助' },
      ],
      ['--db', db],
    )
    expect(first.code).toBe(0)
    const lines = first.stdout.trim().split('\n').map((l) => JSON.parse(l))
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatchObject({ time: '2022-09-19T01:00:00.000Z', to: '健康家园群' })
    expect(lines[0].text).toContain('已绑定')
    expect(lines[1]).toMatchObject({ time: '2022-09-19T01:02:00.000Z', to: '王芳' })

    const second = await replay([{ time: '2022-09-20T09:00:00+08:00', room: '健康家园群', from: '李明', text: '#帮助' }], ['--db', db])
    expect(JSON.parse(second.stdout.trim()).text).toContain('本群：平湖健康家园政协委员会客厅')
  }, 60_000)

  it('names a bad transcript line and exits non-zero', async () => {
    const result = await replay('{"time":"2022-09-19 09:00","from":"王芳","text":"#帮助"}\n')
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain('第 1 行无法读取：time 必须是带时区的 ISO-8601 时间，例如 2022-09-19T10:00:00+08:00')
  }, 60_000)
})

describe('replay --schedule', () => {
  it('prints scheduled pushes in order with the chat, running the clock to the end of the last day', async () => {
    const result = await replay(
      [
        { time: '2022-08-30T09:00:00+08:00', room: '健康家园群', from: '管理员', remark: '管理员', text: '#绑定 平湖健康家园政协委员会客厅' },
        { time: '2022-08-30T10:00:00+08:00', room: '健康家园群', from: '王芳', text: '#活动 8月29日 健康义诊，参与人次12' },
        { time: '2022-09-01T08:00:00+08:00', room: '健康家园群', from: '王芳', text: '#帮助' },
        { time: '2022-09-20T08:00:00+08:00', room: '健康家园群', from: '王芳', text: '#帮助' },
      ],
      ['--schedule'],
    )
    expect(result.code).toBe(0)
    const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as { time: string; to: string; text: string })
    expect(lines.map((l) => [l.time, l.to, l.text.split('\n')[0]])).toEqual([
      ['2022-08-30T01:00:00.000Z', '健康家园群', expect.stringContaining('已绑定')],
      ['2022-08-30T02:00:00.000Z', '健康家园群', '已记录活动 A1'],
      ['2022-09-01T00:00:00.000Z', '健康家园群', '政协委员会客厅助手，可用命令：'],
      ['2022-09-01T01:00:00.000Z', '健康家园群', '【平湖健康家园政协委员会客厅 · 2022年8月月报】'],
      ['2022-09-01T01:00:00.000Z', '管理员', '【2022年8月 各会客厅、工作室汇总（1 个）】'],
      ['2022-09-20T00:00:00.000Z', '健康家园群', '政协委员会客厅助手，可用命令：'],
      ['2022-09-20T02:00:00.000Z', '健康家园群', expect.stringContaining('【月月有活动】')],
    ])
  }, 60_000)

  it('on an existing --db, catches up what was missed within CATCH_UP_DAYS before the first new line, as a restart does', async () => {
    const db = join(process.env.TEST_TMP_DIR!, `replay-catch-up-${Date.now()}.db`)
    const first = await replay(
      [
        { time: '2022-08-30T09:00:00+08:00', room: '健康家园群', from: '管理员', remark: '管理员', text: '#绑定 平湖健康家园政协委员会客厅' },
        { time: '2022-08-30T10:00:00+08:00', room: '健康家园群', from: '王芳', text: '#活动 8月29日 健康义诊，参与人次12' },
        // The admin writes in the group once: the book now knows his WeChat name besides his remark.
        { time: '2022-08-30T10:01:00+08:00', room: '健康家园群', from: '管理员', remark: '管理员', text: '#帮助' },
      ],
      ['--db', db],
    )
    expect(first.code).toBe(0)
    // The bot was "down" over 1 September; it comes back on the 2nd.
    const back = await replay([{ time: '2022-09-02T08:00:00+08:00', room: '健康家园群', from: '王芳', text: '#帮助' }], ['--db', db, '--schedule'])
    const lines = back.stdout.trim().split('\n').map((l) => JSON.parse(l) as { time: string; to: string; text: string })
    expect(lines.map((l) => [l.time, l.to, l.text.split('\n')[0]])).toEqual([
      ['2022-09-01T01:00:00.000Z', '健康家园群', '【平湖健康家园政协委员会客厅 · 2022年8月月报】'],
      ['2022-09-01T01:00:00.000Z', '管理员', '【2022年8月 各会客厅、工作室汇总（1 个）】'],
      ['2022-09-02T00:00:00.000Z', '健康家园群', '政协委员会客厅助手，可用命令：'],
    ])
    // Beyond the window it is not caught up (CATCH_UP_DAYS=3 by default).
    const late = await replay([{ time: '2022-10-05T08:00:00+08:00', room: '健康家园群', from: '王芳', text: '#帮助 ' }], ['--db', db, '--schedule'])
    expect(late.stdout).not.toContain('2022年9月月报')
  }, 90_000)
})
