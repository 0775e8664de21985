import { z } from 'zod'

/**
 * Fault injection for the crash suite (test/torture/crash.test.ts). With
 * `CRASH_AT=<phase>:<n>` the process kills itself with SIGKILL (no cleanup, like a power cut)
 * the nth time it reaches that phase, so every phase of handling a message is hit on purpose
 * rather than by luck. Unset, as in production, a call is one comparison.
 */
export const CRASH_PHASES = [
  /** The message is new (not a duplicate delivery); nothing of it is written yet. */
  'received',
  /**
   * A reply is being prepared. For a new record this is before its one commit (record, outcome,
   * confirmation): inside its transaction, which the crash rolls back whole, or for an activity
   * (one batch, see createActivity) before anything of it is written; for other commands, after their writes.
   */
  'stored',
  /** Its replies are queued and it is marked handled (one commit); nothing is sent yet. */
  'handled',
  /** An outbox row is about to go (taken, where other processes send too); the puppet does not have it yet. */
  'sending',
  /** The puppet has accepted the row; it is not marked sent yet. */
  'sent',
] as const
export type CrashPhase = (typeof CRASH_PHASES)[number]

const CrashAt = z
  .string()
  .regex(new RegExp(`^(${CRASH_PHASES.join('|')}):[1-9]\\d*$`), `CRASH_AT 应为 <阶段>:<次数>，阶段是 ${CRASH_PHASES.join('、')} 之一，例如 stored:3`)
  .transform((value) => {
    const [phase, n] = value.split(':')
    return { phase: phase as CrashPhase, n: Number(n) }
  })

const target = process.env.CRASH_AT ? CrashAt.parse(process.env.CRASH_AT) : undefined
let hits = 0

export function crashPoint(phase: CrashPhase): void {
  if (target?.phase !== phase) return
  if (++hits === target.n) process.kill(process.pid, 'SIGKILL')
}
