import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

/** tsx as an absolute import: the children run in their own folders, where no .env can leak in. */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href

/**
 * A script of the project run as `npm start` / `npm run …` run it (tsx instead of the build), with
 * only the environment given: its output collected, waited on by content.
 */
export class Running {
  output = ''
  readonly exited: Promise<number | null>
  private readonly child: ChildProcessWithoutNullStreams
  private readonly waiters = new Set<() => void>()

  constructor(script: string, args: string[], env: Record<string, string>, cwd: string) {
    this.child = spawn(process.execPath, ['--import', TSX, resolve(script), ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', ...env },
    })
    const read = (chunk: Buffer) => {
      this.output += chunk.toString()
      for (const check of this.waiters) check()
    }
    this.child.stdout.on('data', read)
    this.child.stderr.on('data', read)
    this.exited = new Promise((done) => this.child.on('exit', (code) => done(code)))
  }

  /** Resolves once the output matches `pattern` `times` times; rejects on timeout or exit, with the output. */
  waitFor(pattern: RegExp, timeoutMs = 60_000, times = 1): Promise<void> {
    const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`)
    return new Promise((done, fail) => {
      const finish = (error?: Error) => {
        clearTimeout(timer)
        this.waiters.delete(check)
        if (error) fail(error)
        else done()
      }
      const check = () => {
        if ((this.output.match(global)?.length ?? 0) >= times) finish()
      }
      const timer = setTimeout(() => finish(new Error(`no ${pattern} (×${times}) within ${timeoutMs} ms; output:\n${this.output.slice(-6000)}`)), timeoutMs)
      void this.exited.then((code) => finish(new Error(`exited (${code}) before ${pattern}; output:\n${this.output.slice(-6000)}`)))
      this.waiters.add(check)
      check()
    })
  }

  write(text: string): void {
    this.child.stdin.write(text)
  }

  /** SIGTERM, as Docker and systemd stop the bot; resolves with the exit code. */
  async stop(): Promise<number | null> {
    if (this.child.exitCode === null) this.child.kill('SIGTERM')
    return this.exited
  }
}

/** The bot's pino lines (JSON) with a given message. */
export function logLines(output: string, msg: RegExp): Array<Record<string, unknown>> {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => typeof line.msg === 'string' && msg.test(line.msg))
}
