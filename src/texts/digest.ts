import type { Digest, CountBy } from '../services/digest.js'
import type { Comparison, Figures } from '../services/stats.js'
import { ADOPTION_LEVELS, type AdoptionLevel } from '../services/opinions.js'
import { TABLE_FIGURES, type TableFigureKey } from '../domain/kinds.js'

/** 36200 → "3.6万余（36,200）", 8000 → "8,000": large figures the way summaries write them. */
export function bigNumber(n: number): string {
  const exact = n.toLocaleString('en-US')
  if (n < 10_000) return exact
  const tenThousands = Math.floor(n / 1000) / 10
  const more = tenThousands * 10_000 < n ? '余' : ''
  return `${tenThousands}万${more}（${exact}）`
}

const list = (items: CountBy[], unit: string) => items.map((i) => `${i.name} ${i.count} ${unit}`).join('、')

const PERIOD_WORDS = { month: ['本月', '上月'], quarter: ['本季度', '上季度'], year: ['全年', '上年'] } as const

function change(now: number, before: number, unit: string): string {
  const diff = now - before
  return diff === 0 ? `持平` : `${diff > 0 ? '+' : ''}${diff.toLocaleString('en-US')} ${unit}`
}

function comparison(label: string, now: Figures, then: Comparison): string {
  return `${label}：活动 ${change(now.activities, then.activities, '场')}，参与 ${change(now.participants, then.participants, '人次')}，服务群众 ${change(now.reach, then.reach, '人次')}，社情民意 ${change(now.opinions, then.opinions, '篇')}`
}

function opinionLine(d: Digest): string {
  const f = d.figures
  const adopted = (Object.keys(ADOPTION_LEVELS) as AdoptionLevel[])
    .filter((level) => f.adopted[level] > 0)
    .map((level) => `${ADOPTION_LEVELS[level]}采纳 ${f.adopted[level]} 篇`)
  const rate = f.opinions > 0 ? `，本期收集的办结 ${d.collectedResolved} 篇，办结率 ${Math.round((d.collectedResolved / f.opinions) * 1000) / 10}%` : ''
  return `社情民意：收集 ${f.opinions} 篇${adopted.length ? `，${adopted.join('，')}` : ''}，获批示 ${f.instructed} 篇，办结 ${f.resolved} 篇${rate}。`
}

/** Proposals handed in (by their date), registered and answered (by the step's date); none, no line. */
function proposalLine(f: Figures): string | undefined {
  if (f.proposals === 0 && f.registered === 0 && f.answered === 0) return undefined
  return `提案：提交 ${f.proposals} 件，立案 ${f.registered} 件，办复 ${f.answered} 件。`
}

/**
 * The kinds counted by their figure tables (调研报告, 大会发言 …), those the period has:
 * 调研报告 3 篇（被采纳 1 篇，获批示 1 篇）；大会发言 2 次（口头 1 次，书面 1 次）。
 */
function tableFiguresLine(f: Figures): string | undefined {
  const parts = TABLE_FIGURES.flatMap(({ rows: [all, ...among], unit }) =>
    f[all.key as TableFigureKey] > 0 ? [`${figure(f, all, unit)}${among.length > 0 ? `（${among.map((row) => figure(f, row, unit)).join('，')}）` : ''}`] : [],
  )
  return parts.length > 0 ? `${parts.join('；')}。` : undefined
}

/** One figure of a table-counted kind: 调研报告 3 篇. */
const figure = (f: Figures, row: { key: string; name: string }, unit: string) => `${row.name} ${f[row.key as TableFigureKey]} ${unit}`

/** A room's line in the cross-room digest adds each table-counted kind it has: ，调研报告 1 篇，大会发言 2 次. */
function tableFigureCounts(f: Figures): string {
  return TABLE_FIGURES.map(({ rows: [all], unit }) => (f[all.key as TableFigureKey] > 0 ? `，${figure(f, all, unit)}` : '')).join('')
}

/** The digest of one room, in the voice of the rooms' own summaries. */
export function formatRoomDigest(roomName: string, d: Digest): string {
  const kind = d.period.kind
  const title = kind === 'month' ? '月报' : kind === 'quarter' ? '季报' : '年度总结'
  const f = d.figures
  const [thisWord, prevWord] = PERIOD_WORDS[kind]
  const lines = [
    `【${roomName} · ${d.period.label}${title}】`,
    f.activities > 0
      ? `${thisWord}开展活动 ${f.activities} 场（${list(d.byType, '场')}），参与 ${bigNumber(f.participants)} 人次；委员 ${f.members} 人、${d.memberTimes + d.unnamedMemberTimes} 人次参与${d.unnamedMemberTimes > 0 ? `（其中 ${d.unnamedMemberTimes} 人次只写了人数、没写姓名，不计入委员人数）` : ''}；服务群众 ${bigNumber(f.reach)} 人次。`
      : `${thisWord}没有记录活动。`,
    d.brands.length > 0 ? `品牌活动：${list(d.brands, '场')}。` : undefined,
    opinionLine(d),
    proposalLine(f),
    tableFiguresLine(f),
    d.topMembers.length > 0 ? `参与最多的委员：${d.topMembers.map((m) => `${m.name}（${m.count} 次）`).join('、')}。` : undefined,
    comparison(`与${prevWord}比`, f, d.previous),
    // For a year the year before is the same period a year before.
    kind === 'year' ? undefined : comparison('与去年同期比', f, d.lastYear),
  ]
  if (kind !== 'month') {
    // A tick only for a period that had activities; a period not begun yet gets neither line.
    if (d.emptyMonths.length > 0) lines.push(`没有活动的月份：${d.emptyMonths.join('、')}。`)
    else if (f.activities > 0) lines.push('月月有活动 ✓')
  }
  if (kind === 'year' && d.quarterFocus.length > 0) {
    lines.push(`各季度重点：${d.quarterFocus.map((q) => `${q.quarter} ${q.types.map((t) => t.name).join('、')}`).join('；')}。`)
  }
  lines.push('（已撤销的记录不计入；数字可直接用于总结。）')
  return lines.filter(Boolean).join('\n')
}

/** The cross-room digest for a secretary or admin: a line per room and the totals. */
export function formatCrossRoomDigest(rooms: { name: string; figures: Figures }[], total: Digest): string {
  const f = total.figures
  const idle = rooms.filter((r) => r.figures.activities === 0).map((r) => r.name)
  return [
    `【${total.period.label} 各会客厅、工作室汇总（${rooms.length} 个）】`,
    ...rooms.map(({ name, figures: r }, i) =>
      `${i + 1}. ${name}：活动 ${r.activities} 场，参与 ${bigNumber(r.participants)} 人次，服务群众 ${bigNumber(r.reach)} 人次，社情民意 ${r.opinions} 篇${r.proposals > 0 ? `，提案 ${r.proposals} 件` : ''}${tableFigureCounts(r)}`,
    ),
    `合计：活动 ${f.activities} 场，参与 ${bigNumber(f.participants)} 人次，委员 ${f.members} 人，服务群众 ${bigNumber(f.reach)} 人次。`,
    opinionLine(total),
    proposalLine(f),
    tableFiguresLine(f),
    idle.length > 0 ? `本期没有活动：${idle.join('、')}。` : '每个会客厅、工作室本期都有活动 ✓',
  ]
    .filter(Boolean)
    .join('\n')
}
