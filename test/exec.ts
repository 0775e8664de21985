import { execFile, type ExecFileOptions } from 'node:child_process'

export interface RunResult {
  stdout: string
  stderr: string
}

/**
 * `promisify(execFile)` with its types spelled out: wechaty-puppet-service's typings redeclare
 * `util.promisify` for the whole program, which loses execFile's own promisified overload.
 * Rejects, like it, with the error carrying stdout and stderr.
 */
export function runFile(file: string, args: readonly string[], options: ExecFileOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { ...options, encoding: 'utf8' }, (error, stdout, stderr) => {
      const out = { stdout: String(stdout), stderr: String(stderr) }
      if (error) reject(Object.assign(error, out))
      else resolve(out)
    })
  })
}
