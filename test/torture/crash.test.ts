import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { freshDb } from '../helpers.js'
import { prng } from './fuzz-cases.js'
import { CRASH_PHASES, type CrashPhase } from '../../src/crash-points.js'

const MESSAGES = Number(process.env.CRASH_MESSAGES ?? 60)
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 1)
const SEEDS = Array.from({ length: ROUNDS }, (_, i) => Number(process.env.CRASH_SEED ?? 7) + i)

interface Run {
  stdout: string
  killed: boolean
}

/**
 * One replay child on the shared database. With `crashAt` (see src/crash-points.ts) it kills
 * itself with SIGKILL the nth time it reaches that phase of handling a message.
 */
function replay(transcript: string, db: string, crashAt?: { phase: CrashPhase; n: number }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/replay.ts', transcript, '--db', db, '--schedule'], {
      env: { ...process.env, REPLAY_ADMINS: '管理员', LOG_LEVEL: 'silent', ...(crashAt ? { CRASH_AT: `${crashAt.phase}:${crashAt.n}` } : {}) },
      stdio: ['ignore', 'pipe', 'ignore'],
    })
    let stdout = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
    })
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ stdout, killed: true })
      else if (code === 0) resolve({ stdout, killed: false })
      else reject(new Error(`replay exited with ${code}`))
    })
  })
}

describe('crash', () => {
  it.each(SEEDS)(`keeps every confirmed record exactly once and every push once across a SIGKILL in each phase (${CRASH_PHASES.join(', ')}), seed %i`, async (seed) => {
    const { db, file } = await freshDb()
    const transcript = join(process.env.TEST_TMP_DIR!, `crash-${Date.now()}.jsonl`)
    const start = Date.parse('2022-09-28T09:00:00+08:00')
    const lines = [
      { time: new Date(start).toISOString(), room: '健康家园群', from: '管理员', remark: '管理员', text: '#绑定 平湖健康家园政协委员会客厅' },
      ...Array.from({ length: MESSAGES }, (_, i) => ({
        // Across 1 October, so the September digest is due in the middle of the transcript.
        time: new Date(start + (i + 1) * 2 * 3600_000).toISOString(),
        room: '健康家园群',
        from: i % 2 ? '王芳' : '李明',
        text: `#活动 健康义诊第${i + 1}场，参与人次${i + 1}`,
      })),
    ]
    writeFileSync(transcript, lines.map((l) => JSON.stringify(l)).join('\n') + '\n')

    const rng = prng(seed)
    const runs: Run[] = []
    // Every phase is hit in every run of the suite, each a few messages further on (a resumed
    // run skips what is done), in an order the seed picks.
    const phases = CRASH_PHASES.map((phase) => ({ phase, order: rng.int(1000) })).sort((a, b) => a.order - b.order).map((p) => p.phase)
    for (const phase of phases) {
      const run = await replay(transcript, file, { phase, n: 1 + rng.int(Math.floor(MESSAGES / (2 * CRASH_PHASES.length))) })
      expect(run.killed, `no kill at ${phase}`).toBe(true)
      runs.push(run)
    }
    runs.push(await replay(transcript, file))
    expect(runs.at(-1)!.killed).toBe(false)
    if (process.env.CRASH_VERBOSE) console.error(runs.map((r) => `${r.killed ? 'killed' : 'done'} after ${r.stdout.split('\n').length - 1} lines`).join('; '))

    const printed = runs.flatMap((r) => r.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { text?: string }))
    const confirmed = new Set(printed.map((m) => /^已记录活动 (A\d+)/.exec(m.text ?? '')?.[1]).filter((c): c is string => Boolean(c)))
    const activities = await db.activity.findMany({ orderBy: { id: 'asc' } })
    // Every line became exactly one record; every confirmation printed names one of them.
    expect(activities).toHaveLength(MESSAGES)
    expect(new Set(activities.map((a) => a.title)).size).toBe(MESSAGES)
    for (const code of confirmed) expect(activities.some((a) => a.code === code), code).toBe(true)
    // The September digest was queued once and sent.
    const pushes = await db.outboxMessage.findMany({ where: { dedupeKey: { startsWith: 'digest:month:room' } } })
    expect(pushes.map((p) => [p.dedupeKey, p.status])).toEqual([['digest:month:room1:2022-09-01', 'sent']])
    expect(printed.filter((m) => m.text?.startsWith('【平湖健康家园政协委员会客厅 · 2022年9月月报】')).length).toBeGreaterThanOrEqual(1)
    // Whatever the database says was sent was handed to the puppet (and so printed) first.
    const printedTexts = new Set(printed.map((m) => m.text))
    const sent = await db.outboxMessage.findMany({ where: { status: 'sent' } })
    for (const row of sent) expect(printedTexts.has(row.text ?? undefined), `${row.dedupeKey} is marked sent but was never handed over`).toBe(true)
    // No reply is queued twice for one message, and every line got its reply (none was lost
    // between being handled and being queued: one commit holds both).
    const replies = await db.outboxMessage.groupBy({ by: ['dedupeKey'], where: { dedupeKey: { startsWith: 'reply:' } }, _count: { _all: true } })
    expect(replies.every((r) => r._count._all === 1)).toBe(true)
    const answered = new Set(replies.map((r) => /^reply:(replay:\d+):/.exec(r.dedupeKey!)?.[1]))
    expect(answered.size).toBe(lines.length)
    expect(await db.messageLog.count({ where: { outcome: 'received' } })).toBe(0)
    expect(await db.outboxMessage.count({ where: { status: 'pending' } })).toBe(0)
  }, 60_000 + CRASH_PHASES.length * 20_000)
})
