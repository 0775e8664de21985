import type ExcelJS from 'exceljs'
import type { Db } from '../db/client.js'
import type { DigestPeriod } from '../parsing/mod.js'
import { ADOPTION_LEVELS, type AdoptionLevel } from '../services/opinions.js'
import { computeFigures } from '../services/stats.js'
import type { ScoringRules } from '../scoring/rules.js'
import { byRank, scoreMemberYear, rollOfRooms } from '../scoring/score.js'
import { ALL_KINDS } from '../records/kinds.js'
import { TABLE_FIGURES, type TableFigureKey } from '../domain/kinds.js'
import { addTable } from './sheet.js'
import type { AliasPair } from '../router/command-text.js'

/** A sheet per kind of record (活动台账 …), then the members' year and the totals. */
export const SHEETS = [...ALL_KINDS.map((k) => k.sheet.name), '委员履职', '汇总'] as const

const COUNT = '#,##0'

/** Rooms named in a sheet's title: more than this many are counted instead. */
const NAMED_ROOMS = 3

/** `健康家园会客厅、东海论健工作室 · 2022年第三季度`: whose book, and of when, over every sheet. */
export function ledgerTitle(rooms: { name: string }[], period: DigestPeriod): string {
  if (rooms.length === 0) return period.label
  const who = rooms.length <= NAMED_ROOMS ? rooms.map((r) => r.name).join('、') : `${rooms[0]!.name}等${rooms.length}个会客厅、工作室`
  return `${who} · ${period.label}`
}

/**
 * The record book (台账) of some rooms over a period, as an Excel workbook. Withdrawn records
 * are left out; each table's totals row, and the 汇总 sheet, equal what `stats` prints.
 * `aliases`: the deployment's COMMAND_ALIASES pairs, so 活动内容 leaves out a tag of its own too.
 */
export async function buildLedger(db: Db, rules: ScoringRules, rooms: { id: number; name: string }[], period: DigestPeriod, aliases: readonly AliasPair[] = []): Promise<ExcelJS.Workbook> {
  const roomIds = rooms.map((r) => r.id)
  const roomName = new Map(rooms.map((r) => [r.id, r.name]))
  const [records, figures] = await Promise.all([
    Promise.all(ALL_KINDS.map((k) => k.sheet.load(db, roomIds, period))),
    computeFigures(db, { roomIds, from: period.from, to: period.to }),
  ])
  // Loaded on first export only: exceljs alone takes ~30 MB that a running bot rarely needs.
  const { default: Excel } = await import('exceljs')
  const workbook = new Excel.Workbook()
  workbook.creator = '政协委员会客厅助手'
  workbook.title = `${period.label}台账`
  const heading = ledgerTitle(rooms, period)
  const titled = (sheet: string) => `${heading} ${sheet}`

  ALL_KINDS.forEach((kind, i) => {
    const rows = records[i]!
    const totals = kind.sheet.totals?.(rows, figures) ?? ['合计', `${rows.length} ${kind.unit}`]
    addTable(workbook, kind.sheet.name, titled(kind.sheet.name), kind.sheet.columns, rows.map((r) => kind.sheet.cells(r, roomName.get(r.roomId) ?? '', aliases)), totals)
  })

  // Scores are yearly: a month's or quarter's book shows the year it falls in.
  const members = await rollOfRooms(db, roomIds)
  const scored = await Promise.all(members.map(async (m) => ({ member: m, score: await scoreMemberYear(db, rules, m, period.year) })))
  scored.sort((a, b) => byRank(a.score, b.score))
  addTable(
    workbook,
    '委员履职',
    // A month's or quarter's book scores the whole year: the title says so.
    titled(period.kind === 'year' ? '委员履职' : `委员履职（积分按${period.year}年全年）`),
    [
      { header: '姓名', width: 10 }, { header: '微信名', width: 14 }, { header: '界别', width: 16 }, { header: '会客厅/工作室', width: 30 },
      // Each kind's count of the year, named as #我的 names it (参加活动, 社情民意 …).
      ...ALL_KINDS.map((k) => ({ header: k.yearCount.label, width: 10, numFmt: COUNT })),
      { header: '履职积分', width: 10, numFmt: COUNT }, { header: '等次', width: 8 },
      { header: '三个一', width: 8 },
    ],
    scored.map(({ member, score }) => [
      member.realName ?? member.name, member.name, member.sector,
      member.memberships.filter((ms) => roomIds.includes(ms.roomId)).map((ms) => roomName.get(ms.roomId)).join('、'),
      ...ALL_KINDS.map((k) => score.counts[k.kind]), score.total, score.band,
      Object.values(score.minimumMet).every(Boolean) ? '达标' : '未达标',
    ]),
    ['合计', `${scored.length} 人`],
  )

  addTable(
    workbook,
    '汇总',
    titled('汇总'),
    [{ header: '项目', width: 24 }, { header: period.label, width: 14, numFmt: COUNT }],
    [
      ['活动场次', figures.activities], ['参与人次', figures.participants], ['参与委员（人）', figures.members],
      ['服务群众人次', figures.reach], ['社情民意（篇）', figures.opinions],
      ...(Object.keys(ADOPTION_LEVELS) as AdoptionLevel[]).map((l) => [`${ADOPTION_LEVELS[l]}采纳（篇）`, figures.adopted[l]]),
      ['获批示（篇）', figures.instructed], ['办结（篇）', figures.resolved],
      ['提案（件）', figures.proposals], ['立案（件）', figures.registered], ['办复（件）', figures.answered],
      ...TABLE_FIGURES.flatMap((table) => table.rows.map((row) => [row.label, figures[row.key as TableFigureKey]])),
    ],
  )
  return workbook
}
