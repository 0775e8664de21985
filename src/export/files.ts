import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Db } from '../db/client.js'
import type { DigestPeriod } from '../parsing/mod.js'
import type { ScoringRules } from '../scoring/rules.js'
import { buildLedger } from './ledger.js'

/** `平湖健康家园政协委员会客厅_2022年第三季度台账.xlsx`: what the file is, readable in a chat. */
export function ledgerFileName(rooms: { name: string }[], period: DigestPeriod): string {
  const who = rooms.length === 1 ? rooms[0]!.name : `${rooms.length}个会客厅工作室`
  return `${who}_${period.label}台账.xlsx`.replace(/[\\/:*?"<>|\s]/g, '_')
}

/** Writes the workbook under DATA_DIR/exports and returns its path. */
export async function writeLedger(db: Db, rules: ScoringRules, rooms: { id: number; name: string }[], period: DigestPeriod, dir: string, fileName = ledgerFileName(rooms, period)) {
  mkdirSync(dir, { recursive: true })
  const path = join(dir, fileName)
  const workbook = await buildLedger(db, rules, rooms, period)
  await workbook.xlsx.writeFile(path)
  return { path, fileName }
}
