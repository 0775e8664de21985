import type { Db } from '../db/client.js'
import type { RecordKind } from '../domain/kinds.js'
import { ALL_KINDS, KINDS, kindSpec } from '../records/kinds.js'
import { registeredOrNamed } from '../services/members.js'
import { RULE_LABELS, type RawScoreEntry, type RuleName, type ScoreEntry, type ScoringRules } from './rules.js'

export { RULE_LABELS, type RuleName, type ScoreEntry } from './rules.js'

export type Band = '优秀' | '称职' | '待改进'

export interface MemberYear {
  memberId: number
  name: string
  year: number
  entries: ScoreEntry[]
  byRule: Record<RuleName, number>
  total: number
  /** Records of each kind that count for the member in the year. */
  counts: Record<RecordKind, number>
  /** 三个一: at least so many activities, proposals and opinion reports a year. */
  minimumMet: { activities: boolean; opinions: boolean; proposals: boolean }
  band: Band
}

/**
 * A member's 履职积分 for a year, derived from the records as they are now: each kind of the
 * registry scores its own records. Nothing is stored, so an edited, withdrawn or restored
 * record changes the score at once and no record can be scored twice.
 */
export async function scoreMemberYear(
  db: Db,
  rules: ScoringRules,
  member: { id: number; name: string; realName: string | null },
  year: number,
): Promise<MemberYear> {
  const kinds = Object.keys(KINDS) as RecordKind[]
  const scored = await Promise.all(kinds.map((k) => kindSpec(k).score(db, rules, member.id, year)))
  const raw: RawScoreEntry[] = scored.flatMap((s) => s.entries)
  const counts = Object.fromEntries(kinds.map((k, i) => [k, scored[i]!.count])) as Record<RecordKind, number>
  const entries = applyCaps(raw, rules)
  const byRule = Object.fromEntries(Object.keys(RULE_LABELS).map((r) => [r, 0])) as Record<RuleName, number>
  for (const e of entries) byRule[e.rule] += e.points
  const total = entries.reduce((sum, e) => sum + e.points, 0)
  return {
    memberId: member.id,
    name: member.realName ?? member.name,
    year,
    entries,
    byRule,
    total,
    counts,
    minimumMet: {
      activities: counts.activity >= rules.minimum.activities,
      opinions: counts.opinion >= rules.minimum.opinions,
      proposals: counts.proposal >= rules.minimum.proposals,
    },
    band: total >= rules.bands.excellent ? '优秀' : total >= rules.bands.competent ? '称职' : '待改进',
  }
}

/** Yearly caps count in date order: the entries past a cap stay listed, at 0 points. */
function applyCaps(raw: RawScoreEntry[], rules: ScoringRules): ScoreEntry[] {
  const used = new Map<RuleName, number>()
  return [...raw]
    .sort((a, b) => a.date.localeCompare(b.date) || a.recordCode.localeCompare(b.recordCode))
    .map((entry) => {
      const capValue = rules[entry.rule].capPerYear
      const so = used.get(entry.rule) ?? 0
      const points = capValue === null ? entry.rawPoints : Math.max(0, Math.min(entry.rawPoints, capValue - so))
      used.set(entry.rule, so + points)
      return { ...entry, points }
    })
}

/**
 * The 委员 on the roll of these rooms: registered (#登记), or named in a record as taking part or
 * as an author. Staff who only keep the books (an admin, a secretary who is no member) and people
 * who merely wrote in the group are not ranked: a "待改进" beside their name would be wrong.
 */
export async function rollOfRooms(db: Db, roomIds: number[]) {
  const named = (await Promise.all(ALL_KINDS.map((k) => k.membersNamed(db, roomIds)))).flat()
  return registeredOrNamed(db, roomIds, named)
}

/** Every 委员 on the roll of the given rooms, scored and ranked (highest first). */
export async function rankMembers(db: Db, rules: ScoringRules, roomIds: number[], year: number): Promise<MemberYear[]> {
  const members = await rollOfRooms(db, roomIds)
  const scored = await Promise.all(members.map((m) => scoreMemberYear(db, rules, m, year)))
  return scored.sort(byRank)
}

/** Highest total first; equal totals by name, so the chat and the record book agree. */
export function byRank(a: MemberYear, b: MemberYear): number {
  return b.total - a.total || a.name.localeCompare(b.name, 'zh')
}
