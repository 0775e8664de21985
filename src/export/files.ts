import { randomBytes } from 'node:crypto'
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Db } from '../db/client.js'
import type { DigestPeriod } from '../parsing/mod.js'
import type { ScoringRules } from '../scoring/rules.js'
import { buildLedger } from './ledger.js'
import type { AliasPair } from '../router/command-text.js'

/** Where ledger exports are written, one folder per request, until sent or swept. */
export function exportsDir(dataDir: string): string {
  return join(dataDir, 'exports')
}

/** `平湖健康家园政协委员会客厅_2022年第三季度台账.xlsx`: what the file is, readable in a chat. */
export function ledgerFileName(rooms: { name: string }[], period: DigestPeriod): string {
  const who = rooms.length === 1 ? rooms[0]!.name : `${rooms.length}个会客厅工作室`
  return `${who}_${period.label}台账.xlsx`.replace(/[\\/:*?"<>|\s]/g, '_')
}

/** Writes the workbook to `path`; `aliases`: the deployment's COMMAND_ALIASES pairs (see buildLedger). */
export async function writeLedgerTo(db: Db, rules: ScoringRules, rooms: { id: number; name: string }[], period: DigestPeriod, path: string, aliases: readonly AliasPair[] = []): Promise<void> {
  const workbook = await buildLedger(db, rules, rooms, period, aliases)
  await workbook.xlsx.writeFile(path)
}

/**
 * One request, one file: written now into a folder of its own under `dir`, so two requests
 * for the same name never share a file, and what is sent is what was asked for, whenever the
 * outbox gets to it. The outbox removes the file once sent.
 */
export async function writeLedgerExport(db: Db, rules: ScoringRules, rooms: { id: number; name: string }[], period: DigestPeriod, dir: string, aliases: readonly AliasPair[] = []) {
  const fileName = ledgerFileName(rooms, period)
  const folder = join(dir, `${Date.now()}-${randomBytes(4).toString('hex')}`)
  mkdirSync(folder, { recursive: true, mode: 0o700 })
  const path = join(folder, fileName)
  await writeLedgerTo(db, rules, rooms, period, path, aliases)
  return { path, fileName }
}

/** Export folders older than `keepDays` go (a file that could not be sent is not kept forever). */
export function sweepExports(dir: string, keepDays: number, now: Date): number {
  let removed = 0
  let entries: string[]
  try {
    entries = readdirSync(dir)
  } catch {
    return 0
  }
  const cutoff = now.getTime() - keepDays * 86_400_000
  for (const entry of entries) {
    const path = join(dir, entry)
    if (statSync(path).mtimeMs < cutoff) {
      rmSync(path, { recursive: true, force: true })
      removed++
    }
  }
  return removed
}
