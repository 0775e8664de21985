import { execFile } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const run = promisify(execFile)

async function replay(lines: object[] | string, extra: string[] = [], env: Record<string, string> = {}) {
  const file = join(process.env.TEST_TMP_DIR!, `transcript-${Math.random().toString(36).slice(2)}.jsonl`)
  writeFileSync(file, typeof lines === 'string' ? lines : lines.map((l) => JSON.stringify(l)).join('\n') + '\n')
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/replay.ts', file, ...extra], {
      env: { ...process.env, REPLAY_ADMINS: '管理员', ...env },
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

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
})
