import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

/** Runs a script in a child process with wechat4u loaded first, as the real puppet loads it. */
function run(body: string) {
  const file = join(process.env.TEST_TMP_DIR!, `fatal-${Math.random().toString(36).slice(2)}.ts`)
  writeFileSync(
    file,
    `import { createRequire } from 'node:module'
import { installFatalHandlers } from ${JSON.stringify(resolve('src/bot/fatal.ts'))}
import { log } from ${JSON.stringify(resolve('src/log.ts'))}
const fatal = installFatalHandlers(log)
createRequire(${JSON.stringify(resolve('package.json'))})('wechat4u') // registers uncaughtException → console.log
${body}
`,
  )
  return spawnSync(process.execPath, ['--import', 'tsx', file], { encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'info' }, timeout: 30_000 })
}

describe('fatal errors', () => {
  it('finds the listener wechat4u adds when it loads, and only that one', () => {
    const result = run(`console.log(fatal.dropForeignListeners(), fatal.dropForeignListeners())`)
    expect(result.stdout.trim()).toBe('1 0')
  }, 40_000)

  it('drops foreign listeners: an uncaught error is logged through pino and the process exits 1', () => {
    const result = run(`fatal.dropForeignListeners()
setTimeout(() => { throw new Error('SQLITE_FULL: database or disk is full') }, 10)
setTimeout(() => { console.log('still running'); process.exit(0) }, 300)`)
    expect(result.status).toBe(1)
    expect(result.stdout).toBe('')
    const line = JSON.parse(result.stderr.trim().split('\n').at(-1)!)
    expect(line).toMatchObject({ level: 60, origin: 'uncaughtException' })
    expect(line.err.message).toContain('SQLITE_FULL')
  }, 40_000)

  it('treats an unhandled rejection (a failed outbox query, say) the same way', () => {
    const result = run(`fatal.dropForeignListeners()
void Promise.reject(new Error('SQLITE_FULL in the outbox'))
setTimeout(() => { console.log('still running'); process.exit(0) }, 300)`)
    expect(result.status).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain('unhandledRejection')
  }, 40_000)

  it('survives an error thrown from inside wechat4u itself, logging it once', () => {
    const result = run(`fatal.dropForeignListeners()
const error = new TypeError("Cannot read properties of undefined (reading 'start')")
error.stack = 'TypeError: x\\n    at Wechat.restart (/app/node_modules/wechat4u/lib/wechat.js:300:10)'
setTimeout(() => process.emit('uncaughtException', error, 'uncaughtException'), 10)
setTimeout(() => process.emit('uncaughtException', error, 'uncaughtException'), 20)
setTimeout(() => { console.log('still running'); process.exit(0) }, 300)`)
    expect(result.status).toBe(0)
    expect(result.stdout).toBe('still running\n')
    expect(result.stderr.match(/wechat4u 内部错误/g)).toHaveLength(1)
  }, 40_000)
})
