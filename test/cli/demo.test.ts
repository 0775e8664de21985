import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, isAbsolute, join } from 'node:path'
import { describe, expect, it } from 'vitest'

const dbFile = (name: string) => join(process.env.TEST_TMP_DIR!, `${name}-${Date.now()}.db`)

function start(db: string): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/cli/demo.ts', '--db', db], {
    env: { ...process.env, LOG_LEVEL: 'silent', BOT_ADMINS: '' },
    stdio: ['pipe', 'pipe', 'inherit'],
  })
}

/** Runs `npm run demo` with piped input; returns what it printed. */
function demo(input: string[], db: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = start(db)
    let out = ''
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()))
    child.on('error', reject)
    child.on('exit', () => resolve(out))
    child.stdin!.end(input.join('\n') + '\n')
  })
}

/** The demo as a person types into it: write some input, wait for what the bot prints. */
function session(db: string) {
  const child = start(db)
  let out = ''
  let seen = 0
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()))
  let gone = false
  const exited = new Promise<void>((resolve) =>
    child.on('exit', () => {
      gone = true
      resolve()
    }),
  )
  return {
    write: (text: string) => child.stdin!.write(text),
    /** What was printed since the last call, once it contains `text`. */
    async until(text: string, ms = 20_000): Promise<string> {
      const deadline = Date.now() + ms
      while (!out.slice(seen).includes(text)) {
        if (gone || Date.now() > deadline) throw new Error(`the demo never printed ${text}; it printed:\n${out.slice(seen)}`)
        await new Promise((r) => setTimeout(r, 50))
      }
      const part = out.slice(seen)
      seen = out.length
      return part
    },
    /** What was printed since the last call, after waiting `ms` (to show something did not happen). */
    async after(ms: number): Promise<string> {
      await new Promise((r) => setTimeout(r, ms))
      return out.slice(seen)
    },
    async quit() {
      child.stdin!.end('/quit\n')
      await exited
    },
  }
}

/** The README's multi-line #活动 example, as a reader would copy it. */
function readmeFieldExample(): string {
  const blocks = [...readFileSync('README.md', 'utf8').matchAll(/^```[^\n]*\n([\s\S]*?)^```/gm)].map((m) => m[1]!)
  const example = blocks.find((b) => b.startsWith('#活动\n'))
  if (!example) throw new Error('README.md has no code block starting with #活动 on a line of its own')
  return example
}

describe('npm run demo', () => {
  it('sets a remark with /remark (an admin is known by it), renews every id with /relogin, saves an export', async () => {
    const db = dbFile('demo')
    const out = await demo(
      [
        '/as 老周',
        '#绑定 冒名会客厅',
        '/remark 管理员',
        '#绑定 平湖健康家园政协委员会客厅',
        '/remark',
        '/as 王芳',
        '#登记 王芳',
        '/as 老周',
        '#秘书 @王芳',
        '/relogin',
        '/as 王芳',
        '#导出 2022',
        '/quit',
      ],
      db,
    )
    expect(out).toContain('只有管理员可以绑定群')
    expect(out).toContain('已给「老周」设备注「管理员」')
    expect(out).toContain('已绑定：本群 =「平湖健康家园政协委员会客厅」')
    expect(out).toContain('「老周」的备注：管理员')
    expect(out).toContain('已重新登录')
    expect(out).toContain('[文件] 平湖健康家园政协委员会客厅_2022年台账.xlsx')
    // Where the file went: an absolute path beside the database, holding the workbook (a zip).
    const saved = /已保存到 (.+\.xlsx)$/m.exec(out)?.[1]
    expect(saved).toBeDefined()
    expect(isAbsolute(saved!)).toBe(true)
    expect(saved).toBe(join(dirname(db), 'demo-exports', '平湖健康家园政协委员会客厅_2022年台账.xlsx'))
    expect(existsSync(saved!)).toBe(true)
    expect(readFileSync(saved!).subarray(0, 2).toString()).toBe('PK')
  }, 60_000)

  it('takes the README’s multi-line #活动 as one message, sent by an empty line, and one-liners at once', async () => {
    const demo = session(dbFile('demo-lines'))
    await demo.until('管理员> ')
    // A tag alone, nothing pasted behind it: sent without an empty line.
    demo.write('#帮助\n')
    expect(await demo.until('可用命令')).toContain('#帮助 活动')
    demo.write('#绑定 演示会客厅 会客厅\n')
    await demo.until('已绑定')

    const example = readmeFieldExample()
    demo.write(example)
    expect(await demo.after(1500)).not.toContain('🤖')
    demo.write('\n')
    const confirmation = await demo.until('已记录活动 A1')
    for (const label of ['主题', '地点', '参与人次', '服务人次', '联合单位', '品牌']) {
      const value = new RegExp(`^${label}[：:](.+)$`, 'm').exec(example)?.[1]?.trim()
      if (value) expect(confirmation).toContain(value)
    }
    expect(confirmation.match(/🤖/g)).toHaveLength(1)

    // Typed by hand: /multi, then the lines, then an empty line; /cancel drops a block.
    demo.write('/multi\n#民意\n标题：关于加强老年人助餐服务的建议\n内容：建议在社区增设助餐点。\n\n')
    expect(await demo.until('已记录社情民意 M1')).toContain('关于加强老年人助餐服务的建议')
    demo.write('/multi\n#活动 不该记下的活动\n/cancel\n')
    await demo.until('已放弃没发出的多行消息（1 行）')
    demo.write('#最近\n')
    const recent = await demo.until('查看详情')
    expect(recent).toContain('A1')
    expect(recent).toContain('M1')
    expect(recent).not.toContain('不该记下')
    await demo.quit()
  }, 60_000)
})
