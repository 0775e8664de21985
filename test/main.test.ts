import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS_DIR } from '../src/db/migrate.js'

const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts
/** `npm start` without npm: ['node', ...flags, 'dist/src/main.js']. */
const startCommand = scripts.start!.split(' ')
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')

describe('npm start', () => {
  it('runs the built bot from any folder: it migrates its database, starts the puppet and stops cleanly on SIGTERM', async () => {
    // What `prestart` runs.
    expect(scripts.prestart).toBe('npm run --silent build')
    expect(scripts.build).toBe('tsc -p tsconfig.build.json')
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' })

    const dataDir = mkdtempSync(join(process.env.TEST_TMP_DIR!, 'start-'))
    const [, ...flags] = startCommand
    const entry = resolve(flags.pop()!)
    // Started from another folder: no developer's .env leaks in, and the migrations are found
    // from where the built file is, not from the working directory.
    const child = spawn(process.execPath, [...flags, entry], {
      cwd: dataDir,
      // The mock puppet stands in for WeChat, which these machines cannot reach.
      env: { ...withoutDatabaseUrl(process.env), DATA_DIR: dataDir, WECHATY_PUPPET: 'wechaty-puppet-mock', LOG_LEVEL: 'info', WECHATY_LOG: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    const started = new Promise<void>((resolve) => {
      const read = (chunk: Buffer) => {
        output += chunk.toString()
        if (output.includes('机器人启动中')) resolve()
      }
      child.stdout.on('data', read)
      child.stderr.on('data', read)
    })
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    await Promise.race([started, exited])
    expect(output).toContain('机器人启动中')
    child.kill('SIGTERM')
    expect(await exited, output).toBe(0)
    expect(output).toContain('正在停止')

    // Nobody but the bot's user reads the database (the records, private chatter) or the login card.
    for (const file of readdirSync(dataDir)) expect(statSync(join(dataDir, file)).mode & 0o077, file).toBe(0)
    const db = new Database(join(dataDir, 'bot.db'), { readonly: true })
    const applied = db.prepare('SELECT COUNT(*) AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL').get() as { n: number }
    db.close()
    expect(applied.n).toBe(readdirSync(MIGRATIONS_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).length)
  }, 90_000)

  it('is what the Docker image and the benchmark run, with the same V8 heap settings', () => {
    const cmd = /^CMD (\[.*\])$/m.exec(readFileSync('Dockerfile', 'utf8'))?.[1]
    expect(JSON.parse(cmd ?? '[]')).toEqual(startCommand)
    const flags = startCommand.slice(1, -1)
    expect(flags.length).toBeGreaterThan(0)
    expect(scripts.bench).toBe(`npm run --silent build && node ${flags.join(' ')} dist/bench/run.js`)
  })
})

/** The bot's database goes in DATA_DIR, whatever the developer's shell points at. */
function withoutDatabaseUrl(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, ...rest } = env
  return rest
}
