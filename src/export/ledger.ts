import type ExcelJS from 'exceljs'
import type { Db } from '../db/client.js'
import type { DigestPeriod } from '../parsing/mod.js'
import { ADOPTION_LEVELS, type AdoptionLevel } from '../services/opinions.js'
import { readAnswer } from '../services/proposals.js'
import { computeFigures } from '../services/stats.js'
import type { ScoringRules } from '../scoring/rules.js'
import { byRank, scoreMemberYear, rollOfRooms } from '../scoring/score.js'
import { addTable, excelDate } from './sheet.js'
import { membersTakingPart } from '../texts/records.js'

export const SHEETS = ['活动台账', '社情民意台账', '提案台账', '委员履职', '汇总'] as const

const COUNT = '#,##0'
const DATE = 'yyyy-mm-dd'

/** Rooms named in a sheet's title: more than this many are counted instead. */
const NAMED_ROOMS = 3

/** `健康家园会客厅、东海论健工作室 · 2022年第三季度`: whose book, and of when, over every sheet. */
export function ledgerTitle(rooms: { name: string }[], period: DigestPeriod): string {
  if (rooms.length === 0) return period.label
  const who = rooms.length <= NAMED_ROOMS ? rooms.map((r) => r.name).join('、') : `${rooms[0]!.name}等${rooms.length}个会客厅、工作室`
  return `${who} · ${period.label}`
}

/** A report's 批示: one instruction's text; several, each after its date, a line each. */
function instructionsCell(events: { kind: string; date: string; detail: string | null }[]): string | null {
  const instructions = events.filter((e) => e.kind === 'instructed')
  if (instructions.length <= 1) return instructions[0]?.detail ?? null
  return instructions.map((e) => `${e.date} ${e.detail ?? '（未写内容）'}`).join('\n')
}

/**
 * The record book (台账) of some rooms over a period, as an Excel workbook. Withdrawn records
 * are left out; each table's totals row, and the 汇总 sheet, equal what `stats` prints.
 */
export async function buildLedger(db: Db, rules: ScoringRules, rooms: { id: number; name: string }[], period: DigestPeriod): Promise<ExcelJS.Workbook> {
  const roomIds = rooms.map((r) => r.id)
  const roomName = new Map(rooms.map((r) => [r.id, r.name]))
  const where = { roomId: { in: roomIds }, withdrawn: false, date: { gte: period.from, lte: period.to } }
  const [activities, reports, proposals, figures] = await Promise.all([
    db.activity.findMany({ where, orderBy: [{ date: 'asc' }, { id: 'asc' }], include: { participantsOf: { orderBy: { id: 'asc' } } } }),
    db.opinionReport.findMany({ where, orderBy: [{ date: 'asc' }, { id: 'asc' }], include: { authors: { orderBy: { id: 'asc' } }, events: { orderBy: { id: 'asc' } } } }),
    db.proposal.findMany({ where, orderBy: [{ date: 'asc' }, { id: 'asc' }], include: { authors: { orderBy: { id: 'asc' } }, events: { orderBy: { id: 'asc' } } } }),
    computeFigures(db, { roomIds, from: period.from, to: period.to }),
  ])
  // Loaded on first export only: exceljs alone takes ~30 MB that a running bot rarely needs.
  const { default: Excel } = await import('exceljs')
  const workbook = new Excel.Workbook()
  workbook.creator = '政协委员会客厅助手'
  workbook.title = `${period.label}台账`
  const heading = ledgerTitle(rooms, period)
  const titled = (sheet: string) => `${heading} ${sheet}`

  // Widths fit A4 landscape (the sheets print one page wide): long texts wrap in narrower columns.
  addTable(
    workbook,
    '活动台账',
    titled('活动台账'),
    [
      { header: '编号', width: 7 }, { header: '日期', width: 11, numFmt: DATE }, { header: '时间', width: 6 },
      { header: '会客厅/工作室', width: 14 }, { header: '主题', width: 22 }, { header: '类型', width: 8 },
      { header: '地点', width: 14 }, { header: '参与委员', width: 16 }, { header: '参与人次', width: 8, numFmt: COUNT },
      { header: '服务人次', width: 10, numFmt: COUNT }, { header: '联合单位', width: 14 }, { header: '品牌', width: 10 },
      { header: '备注', width: 14 }, { header: '活动内容', width: 44 }, { header: '记录人', width: 8 },
    ],
    activities.map((a) => [
      a.code, excelDate(a.date), a.time, roomName.get(a.roomId) ?? '', a.title, a.type, a.place,
      membersTakingPart(a), a.participants, a.reach, a.partners, a.brand, a.note, a.rawText.trim() || null, a.reporterName,
    ]),
    ['合计', `${activities.length} 场`, null, null, null, null, null, `${figures.members} 人`, figures.participants, figures.reach],
  )

  const adoptedAt = (events: { kind: string; level: string | null }[], level: AdoptionLevel) =>
    events.some((e) => e.kind === 'adopted' && e.level === level) ? 1 : null
  const dateOf = (events: { kind: string; date: string }[], kind: string) => excelDate(events.find((e) => e.kind === kind)?.date)
  addTable(
    workbook,
    '社情民意台账',
    titled('社情民意台账'),
    [
      { header: '编号', width: 7 }, { header: '日期', width: 11, numFmt: DATE }, { header: '会客厅/工作室', width: 14 },
      { header: '标题', width: 24 }, { header: '领域', width: 8 }, { header: '提交人', width: 12 }, { header: '正文', width: 48 },
      ...(Object.values(ADOPTION_LEVELS).map((l) => ({ header: `${l}采纳`, width: 6, numFmt: COUNT }))),
      { header: '采纳单位', width: 14 }, { header: '批示日期', width: 11, numFmt: DATE }, { header: '批示内容', width: 24 },
      { header: '办结日期', width: 11, numFmt: DATE },
    ],
    reports.map((r) => [
      r.code, excelDate(r.date), roomName.get(r.roomId) ?? '', r.title, r.field, r.authors.map((a) => a.name).join('、'), r.content?.trim() || null,
      ...(Object.keys(ADOPTION_LEVELS) as AdoptionLevel[]).map((level) => adoptedAt(r.events, level)),
      r.events.filter((e) => e.kind === 'adopted' && e.detail).map((e) => e.detail).join('、') || null,
      dateOf(r.events, 'instructed'), instructionsCell(r.events), dateOf(r.events, 'resolved'),
    ]),
    ['合计', `${reports.length} 篇`],
  )

  const stepDate = (events: { kind: string; date: string }[], kind: string) => excelDate(events.find((e) => e.kind === kind)?.date)
  addTable(
    workbook,
    '提案台账',
    titled('提案台账'),
    [
      { header: '编号', width: 7 }, { header: '日期', width: 11, numFmt: DATE }, { header: '会客厅/工作室', width: 14 },
      { header: '案由', width: 24 }, { header: '类型', width: 6 }, { header: '提案人', width: 12 }, { header: '领域', width: 8 },
      { header: '立案日期', width: 11, numFmt: DATE }, { header: '承办单位', width: 16 }, { header: '并入', width: 6 },
      { header: '办复日期', width: 11, numFmt: DATE }, { header: '满意度', width: 8 }, { header: '答复', width: 40 },
      { header: '重点', width: 6 }, { header: '重要', width: 6 },
    ],
    proposals.map((p) => {
      const answer = readAnswer(p.events.find((e) => e.kind === 'answered')?.detail)
      return [
        p.code, excelDate(p.date), roomName.get(p.roomId) ?? '', p.title, p.type, p.authors.map((a) => a.name).join('、'), p.field,
        stepDate(p.events, 'registered'), p.events.find((e) => e.kind === 'registered')?.detail ?? null,
        p.events.find((e) => e.kind === 'merged')?.detail ?? null, stepDate(p.events, 'answered'),
        answer.satisfaction ?? null, answer.reply ?? null,
        p.events.some((e) => e.kind === 'key') ? '是' : null, p.events.some((e) => e.kind === 'important') ? '是' : null,
      ]
    }),
    ['合计', `${proposals.length} 件`],
  )

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
      { header: `${period.year}年活动`, width: 10, numFmt: COUNT }, { header: '社情民意', width: 10, numFmt: COUNT },
      { header: '提案', width: 8, numFmt: COUNT }, { header: '履职积分', width: 10, numFmt: COUNT }, { header: '等次', width: 8 },
      { header: '三个一', width: 8 },
    ],
    scored.map(({ member, score }) => [
      member.realName ?? member.name, member.name, member.sector,
      member.memberships.filter((ms) => roomIds.includes(ms.roomId)).map((ms) => roomName.get(ms.roomId)).join('、'),
      score.counts.activities, score.counts.opinions, score.counts.proposals, score.total, score.band,
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
    ],
  )
  return workbook
}
