import type { Db } from '../db/client.js'
import { ADOPTION_LEVELS, type AdoptionLevel } from '../services/opinions.js'
import type { ScoringRules } from './rules.js'

export const RULE_LABELS = {
  activity: '参加活动',
  training: '参加培训',
  opinion: '社情民意',
  adoption: '社情民意采纳',
  instruction: '领导批示',
  proposal: '提案',
} as const
export type RuleName = keyof typeof RULE_LABELS

/** One line of a member's score, always pointing at the record it came from. */
export interface ScoreEntry {
  rule: RuleName
  recordCode: string
  title: string
  date: string
  why: string
  /** What the rule gives, and what counted after the yearly cap. */
  rawPoints: number
  points: number
}

export type Band = '优秀' | '称职' | '待改进'

export interface MemberYear {
  memberId: number
  name: string
  year: number
  entries: ScoreEntry[]
  byRule: Record<RuleName, number>
  total: number
  counts: { activities: number; opinions: number; proposals: number }
  minimumMet: { activities: boolean; opinions: boolean; proposals: boolean }
  band: Band
}

/**
 * A member's 履职积分 for a year, derived from the records as they are now. Nothing is stored,
 * so an edited, withdrawn or restored record changes the score at once and no record can be
 * scored twice.
 */
export async function scoreMemberYear(
  db: Db,
  rules: ScoringRules,
  member: { id: number; name: string; realName: string | null },
  year: number,
): Promise<MemberYear> {
  const from = `${year}-01-01`
  const to = `${year}-12-31`
  const inYear = (date: string) => date >= from && date <= to
  const [participations, authored, proposals] = await Promise.all([
    db.activityParticipant.findMany({
      where: { memberId: member.id, activity: { withdrawn: false, date: { gte: from, lte: to } } },
      include: { activity: true },
    }),
    db.opinionAuthor.findMany({ where: { memberId: member.id, report: { withdrawn: false } }, include: { report: { include: { events: true } } } }),
    db.proposalAuthor.findMany({ where: { memberId: member.id, proposal: { withdrawn: false } }, include: { proposal: { include: { events: true } } } }),
  ])
  const raw: Omit<ScoreEntry, 'points'>[] = []
  const activities = new Map(participations.map((p) => [p.activity.id, p.activity]))
  for (const a of activities.values()) {
    const training = a.type === '培训'
    raw.push({ rule: training ? 'training' : 'activity', recordCode: a.code, title: a.title, date: a.date, why: a.type, rawPoints: training ? rules.training.points : rules.activity.points })
  }
  const reports = new Map(authored.map((x) => [x.report.id, x]))
  let opinionCount = 0
  for (const { report, isLead } of reports.values()) {
    if (inYear(report.date)) {
      opinionCount++
      raw.push({ rule: 'opinion', recordCode: report.code, title: report.title, date: report.date, why: isLead ? '牵头' : '联名', rawPoints: isLead ? rules.opinion.lead : rules.opinion.coAuthor })
    }
    for (const e of report.events.filter((e) => inYear(e.date))) {
      if (e.kind === 'adopted' && e.level) {
        const level = e.level as AdoptionLevel
        raw.push({ rule: 'adoption', recordCode: report.code, title: report.title, date: e.date, why: `${ADOPTION_LEVELS[level]}采纳`, rawPoints: rules.adoption[level] })
      }
    }
    const instructed = report.events.filter((e) => e.kind === 'instructed').sort((a, b) => a.date.localeCompare(b.date))[0]
    if (instructed && inYear(instructed.date)) {
      raw.push({ rule: 'instruction', recordCode: report.code, title: report.title, date: instructed.date, why: '批示', rawPoints: rules.instruction.points })
    }
  }
  const ownProposals = new Map(proposals.map((x) => [x.proposal.id, x]))
  let proposalCount = 0
  for (const { proposal, isLead } of ownProposals.values()) {
    if (inYear(proposal.date)) proposalCount++
    const step = (kind: string) => proposal.events.find((e) => e.kind === kind && inYear(e.date))
    const registered = step('registered')
    if (registered) {
      raw.push({ rule: 'proposal', recordCode: proposal.code, title: proposal.title, date: registered.date, why: isLead ? '立案（领衔）' : '立案（联名）', rawPoints: isLead ? rules.proposal.registeredLead : rules.proposal.registeredCoSigner })
    }
    const key = step('key')
    if (key && isLead) raw.push({ rule: 'proposal', recordCode: proposal.code, title: proposal.title, date: key.date, why: '重点提案', rawPoints: rules.proposal.keyBonus })
    const important = step('important')
    if (important && isLead) raw.push({ rule: 'proposal', recordCode: proposal.code, title: proposal.title, date: important.date, why: '重要提案', rawPoints: rules.proposal.importantBonus })
  }

  const entries = applyCaps(raw, rules)
  const byRule = Object.fromEntries(Object.keys(RULE_LABELS).map((r) => [r, 0])) as Record<RuleName, number>
  for (const e of entries) byRule[e.rule] += e.points
  const total = entries.reduce((sum, e) => sum + e.points, 0)
  const counts = { activities: activities.size, opinions: opinionCount, proposals: proposalCount }
  return {
    memberId: member.id,
    name: member.realName ?? member.name,
    year,
    entries,
    byRule,
    total,
    counts,
    minimumMet: {
      activities: counts.activities >= rules.minimum.activities,
      opinions: counts.opinions >= rules.minimum.opinions,
      proposals: counts.proposals >= rules.minimum.proposals,
    },
    band: total >= rules.bands.excellent ? '优秀' : total >= rules.bands.competent ? '称职' : '待改进',
  }
}

/** Yearly caps count in date order: the entries past a cap stay listed, at 0 points. */
function applyCaps(raw: Omit<ScoreEntry, 'points'>[], rules: ScoringRules): ScoreEntry[] {
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
  const inRooms = { roomId: { in: roomIds }, withdrawn: false }
  const [participants, opinionAuthors, proposalAuthors] = await Promise.all([
    db.activityParticipant.findMany({ where: { memberId: { not: null }, activity: inRooms }, select: { memberId: true }, distinct: ['memberId'] }),
    db.opinionAuthor.findMany({ where: { memberId: { not: null }, report: inRooms }, select: { memberId: true }, distinct: ['memberId'] }),
    db.proposalAuthor.findMany({ where: { memberId: { not: null }, proposal: inRooms }, select: { memberId: true }, distinct: ['memberId'] }),
  ])
  const named = [...participants, ...opinionAuthors, ...proposalAuthors].map((r) => r.memberId!)
  return db.member.findMany({
    where: { memberships: { some: { roomId: { in: roomIds } } }, OR: [{ realName: { not: null } }, { id: { in: named } }] },
    orderBy: { id: 'asc' },
    include: { memberships: true },
  })
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
