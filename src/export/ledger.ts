import type ExcelJS from 'exceljs'
import type { Db } from '../db/client.js'
import type { DigestPeriod } from '../parsing/mod.js'
import { ADOPTION_LEVELS, type AdoptionLevel } from '../services/opinions.js'
import { computeFigures } from '../services/stats.js'
import type { ScoringRules } from '../scoring/rules.js'
import { byRank, scoreMemberYear, rollOfRooms } from '../scoring/score.js'
import { addTable, excelDate } from './sheet.js'
import { unnamedMembers, type ActivityWithPeople } from '../services/activities.js'

/** 王芳、胡建国等6人; 5人（未写姓名） when only a count was written. */
function peopleCell(a: ActivityWithPeople): string {
  const names = a.participantsOf.map((p) => p.name).join('、')
  const unnamed = unnamedMembers(a)
  if (!names) return unnamed > 0 ? `${unnamed}人（未写姓名）` : ''
  return unnamed > 0 ? `${names}等${a.memberCount}人` : names
}

export const SHEETS = ['活动台账', '社情民意台账', '提案台账', '委员履职', '汇总'] as const

const COUNT = '#,##0'
const DATE = 'yyyy-mm-dd'

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

  addTable(
    workbook,
    '活动台账',
    [
      { header: '编号', width: 8 }, { header: '日期', width: 12, numFmt: DATE }, { header: '时间', width: 7 },
      { header: '会客厅/工作室', width: 26 }, { header: '主题', width: 36 }, { header: '类型', width: 10 },
      { header: '地点', width: 20 }, { header: '参与委员', width: 24 }, { header: '参与人次', width: 10, numFmt: COUNT },
      { header: '服务人次', width: 12, numFmt: COUNT }, { header: '联合单位', width: 24 }, { header: '品牌', width: 14 },
      { header: '备注', width: 24 }, { header: '记录人', width: 10 },
    ],
    activities.map((a) => [
      a.code, excelDate(a.date), a.time, roomName.get(a.roomId) ?? '', a.title, a.type, a.place,
      peopleCell(a), a.participants, a.reach, a.partners, a.brand, a.note, a.reporterName,
    ]),
    ['合计', `${activities.length} 场`, null, null, null, null, null, `${figures.members} 人`, figures.participants, figures.reach],
  )

  const adoptedAt = (events: { kind: string; level: string | null }[], level: AdoptionLevel) =>
    events.some((e) => e.kind === 'adopted' && e.level === level) ? 1 : null
  const dateOf = (events: { kind: string; date: string }[], kind: string) => excelDate(events.find((e) => e.kind === kind)?.date)
  addTable(
    workbook,
    '社情民意台账',
    [
      { header: '编号', width: 8 }, { header: '日期', width: 12, numFmt: DATE }, { header: '会客厅/工作室', width: 26 },
      { header: '标题', width: 40 }, { header: '领域', width: 10 }, { header: '提交人', width: 18 },
      ...(Object.values(ADOPTION_LEVELS).map((l) => ({ header: `${l}采纳`, width: 10, numFmt: COUNT }))),
      { header: '采纳单位', width: 20 }, { header: '批示日期', width: 12, numFmt: DATE }, { header: '办结日期', width: 12, numFmt: DATE },
    ],
    reports.map((r) => [
      r.code, excelDate(r.date), roomName.get(r.roomId) ?? '', r.title, r.field, r.authors.map((a) => a.name).join('、'),
      ...(Object.keys(ADOPTION_LEVELS) as AdoptionLevel[]).map((level) => adoptedAt(r.events, level)),
      r.events.filter((e) => e.kind === 'adopted' && e.detail).map((e) => e.detail).join('、') || null,
      dateOf(r.events, 'instructed'), dateOf(r.events, 'resolved'),
    ]),
    ['合计', `${reports.length} 篇`],
  )

  const stepDate = (events: { kind: string; date: string }[], kind: string) => excelDate(events.find((e) => e.kind === kind)?.date)
  addTable(
    workbook,
    '提案台账',
    [
      { header: '编号', width: 8 }, { header: '日期', width: 12, numFmt: DATE }, { header: '会客厅/工作室', width: 26 },
      { header: '案由', width: 40 }, { header: '类型', width: 7 }, { header: '提案人', width: 18 }, { header: '领域', width: 10 },
      { header: '立案日期', width: 12, numFmt: DATE }, { header: '并入', width: 7 }, { header: '办复日期', width: 12, numFmt: DATE },
      { header: '满意度', width: 10 }, { header: '重点', width: 6 }, { header: '重要', width: 6 },
    ],
    proposals.map((p) => [
      p.code, excelDate(p.date), roomName.get(p.roomId) ?? '', p.title, p.type, p.authors.map((a) => a.name).join('、'), p.field,
      stepDate(p.events, 'registered'), p.events.find((e) => e.kind === 'merged')?.detail ?? null, stepDate(p.events, 'answered'),
      p.events.find((e) => e.kind === 'answered')?.detail ?? null,
      p.events.some((e) => e.kind === 'key') ? '是' : null, p.events.some((e) => e.kind === 'important') ? '是' : null,
    ]),
    ['合计', `${proposals.length} 件`],
  )

  // Scores are yearly: a month's or quarter's book shows the year it falls in.
  const members = await rollOfRooms(db, roomIds)
  const scored = await Promise.all(members.map(async (m) => ({ member: m, score: await scoreMemberYear(db, rules, m, period.year) })))
  scored.sort((a, b) => byRank(a.score, b.score))
  addTable(
    workbook,
    '委员履职',
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
