import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'

describe('runCommand', () => {
  it('exits only after everything printed has left the process, even to a slow reader', async () => {
    const script = `
      import { runCommand } from './src/cli/command-line.ts'
      runCommand('print', async () => { process.stdout.write('x'.repeat(1 << 20)); return 3 })
    `
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] })
    // A reader that falls behind: nothing is read for a while, so the pipe fills up.
    child.stdout.pause()
    await new Promise((resolve) => setTimeout(resolve, 1500))
    let received = 0
    child.stdout.on('data', (chunk: Buffer) => (received += chunk.length))
    child.stdout.resume()
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)))
    expect(code).toBe(3)
    expect(received).toBe(1 << 20)
  })
})
