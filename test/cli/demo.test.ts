import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

/** Runs `npm run demo` with piped input; returns what it printed. */
function demo(input: string[], db: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/demo.ts', '--db', db], {
      env: { ...process.env, LOG_LEVEL: 'silent', BOT_ADMINS: '' },
      stdio: ['pipe', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString()))
    child.on('error', reject)
    child.on('exit', () => resolve(out))
    child.stdin.end(input.join('\n') + '\n')
  })
}

describe('npm run demo', () => {
  it('sets a remark with /remark (an admin is known by it) and renews every id with /relogin', async () => {
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
      join(process.env.TEST_TMP_DIR!, `demo-${Date.now()}.db`),
    )
    expect(out).toContain('只有管理员可以绑定群')
    expect(out).toContain('已给「老周」设备注「管理员」')
    expect(out).toContain('已绑定：本群 =「平湖健康家园政协委员会客厅」')
    expect(out).toContain('「老周」的备注：管理员')
    expect(out).toContain('已重新登录')
    expect(out).toContain('[文件] 平湖健康家园政协委员会客厅_2022年台账.xlsx')
  }, 60_000)
})
